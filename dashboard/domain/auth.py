"""Accounts, sign-in and the one guard that every data-changing operation calls.

Passwords are hashed with Argon2id (argon2-cffi). A signed-in browser holds a random token;
the database keeps only its SHA-256, so a leaked database does not give sessions away.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.models import Role, User, UserSession, utcnow

SESSION_LIFETIME = timedelta(days=14)
MIN_PASSWORD_LENGTH = 12
# Ordered: each role may do everything the roles before it may.
ROLE_ORDER = (Role.VISITOR, Role.MEMBER, Role.STEERING, Role.ADMIN)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()


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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, now: datetime | None = None) -> str:
    """A new sign-in token for the browser; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    session.add(
        UserSession(
            token_hash=_token_hash(token), user_id=user.id, created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    return token


def end_session(session: Session, token: str) -> None:
    if not token:
        return
    found = session.exec(
        select(UserSession).where(UserSession.token_hash == _token_hash(token))).first()
    if found:
        session.delete(found)


def actor_for_token(session: Session, token: str | None, now: datetime | None = None) -> Actor:
    """Resolve a browser's token to an Actor, checked against the database every time."""
    if not token:
        return VISITOR
    row = session.exec(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == _token_hash(token))
    ).first()
    if row is None:
        return VISITOR
    user_session, user = row
    if user_session.expires_at < (now or utcnow()) or not user.is_active:
        return VISITOR
    return Actor(user_id=user.id, role=Role(user.role), label=user.email, member_id=user.member_id,
                 display_name=user.display_name)
