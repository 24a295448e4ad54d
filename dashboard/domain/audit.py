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


def actor_reference(actor: Actor) -> str:
    """How an entry names its actor: by user id ("user:12"), never by email, so erasing a
    person leaves nothing in the log that names them; ``actor_name`` shows who it was."""
    return f"user:{actor.user_id}" if actor.user_id is not None else actor.label


def actor_name(session: Session, entry: AuditEntry) -> str:
    """Who made an entry, for the steering group: the account's name as it is now (an
    erased account's is "Erased member"), or "system" / "visitor"."""
    from dashboard.models import User

    if entry.actor_user_id is None:
        return entry.actor
    user = session.get(User, entry.actor_user_id)
    return user.display_name if user is not None else entry.actor


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
        actor=actor_reference(actor),
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
