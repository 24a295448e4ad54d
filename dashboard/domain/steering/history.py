"""A record's history, read from the audit log: who changed what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from dashboard.models import AuditEntry

# Fields the audit snapshots hold that are bookkeeping, not something a person changed.
HIDDEN = {"version", "note_id"}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str  # the audit entry's action: create, update, update_status, add_note...
    changes: list[Change]


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes(before: dict | None, after: dict | None) -> list[Change]:
    """The fields whose values differ between two audit snapshots."""
    before, after = before or {}, after or {}
    found = []
    for name in sorted(set(before) | set(after)):
        if name in HIDDEN or before.get(name) == after.get(name):
            continue
        found.append(Change(name, _shown(before.get(name)), _shown(after.get(name))))
    return found


def history(session: Session, entity: str, entity_id: int, limit: int = 200) -> list[HistoryEntry]:
    """The newest ``limit`` changes to one record, newest first."""
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.entity == entity,
                                 AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).all()
    return [HistoryEntry(e.at, e.actor, e.action, changes(e.before, e.after)) for e in entries]
