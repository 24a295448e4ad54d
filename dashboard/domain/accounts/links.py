"""Single-use, expiring links that let a person set a password.

The link carries a random token (256 bits); the database keeps only its SHA-256, so a copy of
the database gives no working link away. A new link for the same person and purpose replaces
the old one; using a link marks it used in one conditional UPDATE, so two tabs racing to use
it cannot both succeed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, select

from dashboard.domain.errors import NotFound
from dashboard.domain.importing import N_
from dashboard.models import AccountLink, UserSession

INVITATION = "invitation"
PASSWORD_RESET = "password_reset"
# Settings (environment), with their defaults.
INVITATION_DAYS_SETTING, INVITATION_DAYS = "CYMUNED_INVITATION_DAYS", 7
RESET_HOURS_SETTING, RESET_HOURS = "CYMUNED_PASSWORD_RESET_HOURS", 2

NOT_VALID = N_("This link does not work: it may be incomplete, or a newer link may have "
               "replaced it.")
USED = N_("This link has already been used. Sign in with your email address and password, or "
          "ask for a new link if you have forgotten your password.")
EXPIRED = {
    INVITATION: N_("This invitation has expired. Ask the steering group to send you a new one."),
    PASSWORD_RESET: N_("This link to reset your password has expired. Ask for a new one."),
}


def _positive(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def lifetime(purpose: str) -> timedelta:
    """How long a new link works (settings CYMUNED_INVITATION_DAYS, default 7, and
    CYMUNED_PASSWORD_RESET_HOURS, default 2)."""
    if purpose == INVITATION:
        return timedelta(days=_positive(INVITATION_DAYS_SETTING, INVITATION_DAYS))
    return timedelta(hours=_positive(RESET_HOURS_SETTING, RESET_HOURS))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class IssuedLink:
    """A new link: ``token`` goes into the URL (mailed, or shown once), never stored."""

    purpose: str
    token: str
    expires_at: datetime


def issue(session: Session, purpose: str, now: datetime, *, member_id: int | None = None,
          user_id: int | None = None, created_by: int | None = None) -> IssuedLink:
    """A new link for a member (an invitation) or a user (a reset); older unused links of the
    same kind for the same person stop working."""
    owner = (AccountLink.member_id == member_id) if member_id is not None else (
        AccountLink.user_id == user_id)
    session.execute(delete(AccountLink).where(AccountLink.purpose == purpose, owner,
                                              AccountLink.used_at.is_(None)))
    token = secrets.token_urlsafe(32)
    expires_at = now + lifetime(purpose)
    session.add(AccountLink(purpose=purpose, token_hash=token_hash(token), member_id=member_id,
                            user_id=user_id, created_by_user_id=created_by, created_at=now,
                            expires_at=expires_at))
    session.flush()
    return IssuedLink(purpose, token, expires_at)


def find(session: Session, purpose: str, token: str, now: datetime) -> AccountLink:
    """The link behind ``token`` if it still works; otherwise NotFound saying why (not valid,
    already used, expired) in words the person can act on."""
    token = (token or "").strip()
    link = None
    if token:
        link = session.exec(select(AccountLink).where(
            AccountLink.token_hash == token_hash(token), AccountLink.purpose == purpose)).first()
    if link is None:
        raise NotFound(NOT_VALID)
    if link.used_at is not None:
        raise NotFound(USED)
    if _aware(link.expires_at) <= now:
        raise NotFound(EXPIRED[purpose])
    return link


def use(session: Session, link: AccountLink, now: datetime) -> None:
    """Mark the link used, once: a second use (another tab, a replay) is refused."""
    result = session.execute(update(AccountLink)
                             .where(AccountLink.id == link.id, AccountLink.used_at.is_(None))
                             .values(used_at=now)
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise NotFound(USED)
    session.expire(link)


def end_all_sessions(session: Session, user_id: int) -> int:
    """Sign the user out everywhere: every session of theirs ends. Returns how many."""
    sessions = session.exec(select(UserSession.id).where(UserSession.user_id == user_id)).all()
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    return len(sessions)
