"""Accounts, sign-in and the one guard that every data-changing operation calls.

Passwords are hashed with Argon2id (argon2-cffi). A signed-in browser holds a random token in
an HttpOnly cookie (set by a backend route, dashboard/endpoints/signing_in.py); the database
keeps only its SHA-256, the session's *reference*, so a leaked database does not give
sessions away. The app's websocket never carries the token itself: dashboard/api.py swaps the
cookie for the reference before Reflex sees the request (Reflex keeps the connection's
headers in its state, on disk or in Redis), and pages resolve the actor from the reference.

A session ends after ``CYMUNED_SESSION_IDLE_MINUTES`` without a page opened (default 60)
and, whatever happens, ``CYMUNED_SESSION_MAX_HOURS`` after it started (default 12).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, or_
from sqlmodel import Session, select

from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.models import Role, User, UserSession, utcnow

# The browser's HttpOnly cookie holds the token; the websocket's copy of the cookie header
# holds only the reference (see dashboard/api.py).
SESSION_COOKIE = "cymuned_session"
SESSION_REF_COOKIE = "cymuned_session_ref"
IDLE_MINUTES_VAR = "CYMUNED_SESSION_IDLE_MINUTES"
MAX_HOURS_VAR = "CYMUNED_SESSION_MAX_HOURS"
DEFAULT_IDLE_MINUTES = 60
DEFAULT_MAX_HOURS = 12
# How stale last_seen_at may get before a page load writes it again (one write a minute at
# most per session, not one per page).
ACTIVITY_GRANULARITY = timedelta(minutes=1)
MIN_PASSWORD_LENGTH = 12
# Ordered: each role may do everything the roles before it may.
ROLE_ORDER = (Role.VISITOR, Role.MEMBER, Role.STEERING, Role.ADMIN)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> SessionPolicy:
        environ = os.environ if environ is None else environ
        return cls(idle=timedelta(minutes=_whole_number(environ, IDLE_MINUTES_VAR,
                                                        DEFAULT_IDLE_MINUTES)),
                   lifetime=timedelta(hours=_whole_number(environ, MAX_HOURS_VAR,
                                                          DEFAULT_MAX_HOURS)))


def _whole_number(environ, name: str, default: int) -> int:
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) == 0:
        raise ValueError(f"{name} must be a whole number above 0, not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user, or a visitor (user_id None)."""

    user_id: int | None
    role: Role
    label: str
    member_id: int | None = None
    display_name: str = ""

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


VISITOR = Actor(user_id=None, role=Role.VISITOR, label="visitor")
SYSTEM = Actor(user_id=None, role=Role.ADMIN, label="system")


def has_role(actor: Actor, minimum: Role) -> bool:
    return ROLE_ORDER.index(actor.role) >= ROLE_ORDER.index(minimum)


def require_role(actor: Actor, minimum: Role) -> None:
    """The guard: raise PermissionDenied unless the actor has at least ``minimum``."""
    if not has_role(actor, minimum):
        raise PermissionDenied("You do not have permission to do that.")


def normalise_email(email: str) -> str:
    return "".join(email.split()).lower()


def validate_email(email: str) -> str:
    email = normalise_email(email)
    if not EMAIL_PATTERN.match(email):
        raise InvalidInput("Enter an email address in the correct format, like name@example.org")
    return email


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "The password must be at least {n} characters long.", n=MIN_PASSWORD_LENGTH
        )
    return _hasher.hash(password)


def create_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    role: Role,
    password: str | None = None,
    member_id: int | None = None,
) -> User:
    email = validate_email(email)
    if session.exec(select(User).where(User.email == email)).first():
        raise InvalidInput("There is already an account for {email}.", email=email)
    user = User(
        email=email,
        display_name=display_name.strip() or email,
        role=Role(role).value,
        password_hash=hash_password(password) if password else None,
        member_id=member_id,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user if the email and password match an active account, else None."""
    user = session.exec(select(User).where(User.email == normalise_email(email))).first()
    if user is None or not user.is_active or not user.password_hash:
        # Spend the same time as a real check, so timing does not reveal which emails exist.
        _hasher.hash(password or "x")
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_sign_in_at = utcnow()
    session.add(user)
    return user


def session_ref(token: str) -> str:
    """What the database (and the websocket's cookie header) keeps instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def cookie_value(cookie_header: str, name: str) -> str:
    """One cookie's value from a Cookie header ("" when absent)."""
    for part in cookie_header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip().strip('"')
    return ""


def start_session(session: Session, user: User, now: datetime | None = None,
                  method: str = "password", policy: SessionPolicy | None = None) -> str:
    """A new sign-in token for the browser; only its reference is stored. ``method`` says
    how the person signed in: "password", "organisation" (OpenID Connect) or "demo"."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    policy = policy or SessionPolicy.from_environ()
    session.add(
        UserSession(
            token_hash=session_ref(token), user_id=user.id, created_at=now, last_seen_at=now,
            expires_at=now + policy.lifetime, method=method,
        )
    )
    return token


def end_session(session: Session, token: str) -> None:
    if token:
        session.exec(delete(UserSession).where(UserSession.token_hash == session_ref(token)))


def end_all_sessions(session: Session, user_id: int) -> int:
    """Sign a user out everywhere: every browser's session ends. Returns how many."""
    result = session.exec(delete(UserSession).where(UserSession.user_id == user_id))
    return result.rowcount or 0


def delete_expired_sessions(session: Session, now: datetime | None = None,
                            policy: SessionPolicy | None = None) -> int:
    """Delete the sessions past their lifetime or idle for too long; returns how many."""
    now = now or utcnow()
    policy = policy or SessionPolicy.from_environ()
    result = session.exec(delete(UserSession).where(or_(
        UserSession.expires_at < now, UserSession.last_seen_at < now - policy.idle)))
    return result.rowcount or 0


def _live_session(session: Session, ref: str, now: datetime | None,
                  policy: SessionPolicy | None) -> tuple[UserSession, User] | None:
    if not ref:
        return None
    row = session.exec(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == ref)
    ).first()
    if row is None:
        return None
    user_session, user = row
    if not _is_live(user_session.expires_at, user_session.last_seen_at, user.is_active, now,
                    policy):
        return None
    return user_session, user


def _is_live(expires_at: datetime, last_seen_at: datetime, is_active: bool,
             now: datetime | None, policy: SessionPolicy | None) -> bool:
    """A session is live until it expires or sits idle too long, and while its user is."""
    now = now or utcnow()
    policy = policy or SessionPolicy.from_environ()
    return expires_at >= now and last_seen_at >= now - policy.idle and is_active


# Built once: building and keying the statement took as long as running it.
_SESSION_ACTOR = (
    select(UserSession.expires_at, UserSession.last_seen_at, User.is_active, User.id,
           User.role, User.email, User.member_id, User.display_name)
    .join(User, User.id == UserSession.user_id)
    .where(UserSession.token_hash == bindparam("ref"))
)


def actor_for_session_ref(session: Session, ref: str, now: datetime | None = None,
                          policy: SessionPolicy | None = None) -> Actor:
    """Resolve a session reference to an Actor, checked against the database every time.

    Every event of every page asks this: one query for the columns it needs (no ORM objects
    to build and track), the same checks as ``_live_session``."""
    if not ref:
        return VISITOR
    row = session.exec(_SESSION_ACTOR, params={"ref": ref}).first()
    if row is None:
        return VISITOR
    expires_at, last_seen_at, is_active, user_id, role, email, member_id, display_name = row
    if not _is_live(expires_at, last_seen_at, is_active, now, policy):
        return VISITOR
    return Actor(user_id=user_id, role=Role(role), label=email, member_id=member_id,
                 display_name=display_name)


def actor_for_token(session: Session, token: str | None, now: datetime | None = None,
                    policy: SessionPolicy | None = None) -> Actor:
    """Resolve a browser's token (the cookie a backend route receives) to an Actor."""
    return actor_for_session_ref(session, session_ref(token), now, policy) if token else VISITOR


def keep_session_alive(session: Session, ref: str, now: datetime | None = None,
                       policy: SessionPolicy | None = None) -> None:
    """Record activity (a page opened) on a live session, so the idle timeout restarts."""
    now = now or utcnow()
    found = _live_session(session, ref, now, policy)
    if found is not None and found[0].last_seen_at <= now - ACTIVITY_GRANULARITY:
        found[0].last_seen_at = now
        session.add(found[0])
