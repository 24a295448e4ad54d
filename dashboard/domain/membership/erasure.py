"""What erasure leaves behind, and what it must not: tombstones, the text index, the audit.

UK GDPR erasure (``lifecycle.erase_member``) blanks a person's details but keeps their row,
so anonymous attendance still counts. Three places could still name them:

- **Re-imports.** An old member file, or the join form, would bring the person back. A
  tombstone keeps a keyed hash of the email (HMAC with the installation's secret,
  ``dashboard.keys``, purpose "erasure"): enough to recognise the address when it comes
  back, not enough to recover it from a copy of the database by hashing guesses.
- **The directory's text index.** SQLite's FTS5 deletes an entry by writing a "delete"
  marker to a new segment; the old segment (and the marker) keep the trigrams of the name
  until the segments are merged. Erasure merges them ('optimize'), so the index holds no
  fragment of the name, and turns on ``secure_delete`` so freed database pages are
  zeroed. On PostgreSQL the pg_trgm index points at row versions; the old version (and its
  index entries) are removed by (auto)vacuum, not readable through any query meanwhile.
- **The audit log.** Actors are recorded by user id, shown by the user's current name (an
  erased account's is "Erased member"); the before/after values of entries about the
  person or their accounts lose every personal field and any text naming them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import or_, text
from sqlmodel import Session, select

from dashboard import keys, search_index
from dashboard.domain.auth import normalise_email
from dashboard.models import AuditEntry, ErasedPerson

PURPOSE = "erasure"
ERASED = "(erased)"


def email_hash(email: str) -> str:
    return keys.keyed_hash(PURPOSE, normalise_email(email))


def erased_among(session: Session, emails: Iterable[str]) -> set[str]:
    """The emails (normalised) that belong to someone whose data was erased."""
    by_hash = {email_hash(e): normalise_email(e) for e in emails if e}
    if not by_hash:
        return set()
    found = session.exec(select(ErasedPerson.email_hash).where(
        ErasedPerson.email_hash.in_(list(by_hash)))).all()
    return {by_hash[h] for h in found}


def add_tombstones(session: Session, emails: Iterable[str | None], now: datetime) -> None:
    for email in {normalise_email(e) for e in emails if e}:
        if not erased_among(session, [email]):
            session.add(ErasedPerson(email_hash=email_hash(email), erased_at=now))


def _scrubbed(value: Any, names: list[str], personal: tuple[str, ...]) -> Any:
    """``value`` (an audit entry's before or after) without personal fields or any text
    that contains one of ``names`` (the person's name and emails, folded)."""
    if isinstance(value, dict):
        return {key: ERASED if key in personal and item is not None
                else _scrubbed(item, names, personal) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, names, personal) for item in value]
    if isinstance(value, str) and any(n in (search_index.fold(value) or "") for n in names):
        return ERASED
    return value


def scrub_audit(session: Session, member_id: int, user_ids: list[int], names: list[str],
                personal: tuple[str, ...]) -> None:
    """Remove the person from entries about them (as member or through their accounts) and
    from the actor of entries they made."""
    names = [search_index.fold(n) for n in names if n and len(n) >= 3]
    about = [(AuditEntry.entity == "member") & (AuditEntry.entity_id == str(member_id))]
    if user_ids:
        about.append((AuditEntry.entity == "user")
                     & AuditEntry.entity_id.in_([str(i) for i in user_ids]))
        about.append(AuditEntry.actor_user_id.in_(user_ids))
    for entry in session.exec(select(AuditEntry).where(or_(*about))):
        entry.before = _scrubbed(entry.before, names, personal)
        entry.after = _scrubbed(entry.after, names, personal)
        if entry.actor_user_id is not None:
            entry.actor = f"user:{entry.actor_user_id}"
        session.add(entry)


def purge_text_index(session: Session) -> None:
    """Drop every fragment of erased text from SQLite's FTS5 index (see the docstring)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    connection.execute(text("PRAGMA secure_delete = ON"))
    if search_index.sqlite_index_exists(connection):
        connection.execute(text(
            f"INSERT INTO {search_index.TABLE}({search_index.TABLE}) VALUES ('optimize')"))
