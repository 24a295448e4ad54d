"""The audit log: one entry per change, written in the same transaction as the change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def snapshot(row: Any, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The row's values (or just ``fields``) as JSON-ready data."""
    data = row.model_dump()
    if fields is not None:
        data = {key: data[key] for key in fields}
    data.pop("password_hash", None)
    return {key: _plain(value) for key, value in data.items()}


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: Any = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor_user_id=actor.user_id,
        actor=actor.label,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
