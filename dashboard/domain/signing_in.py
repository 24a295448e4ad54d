"""Signing in and out with a local account: the session token and its audit entries.

Kept apart from ``auth`` (which ``audit`` builds on) so a sign-in can be audited in the same
transaction that starts the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from dashboard.domain import audit
from dashboard.domain.auth import Actor, actor_for_token, authenticate, end_session, start_session
from dashboard.models import Role


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the browser only; the database keeps its hash
    actor: Actor


def sign_in(session: Session, email: str, password: str) -> SignedIn | None:
    """A new session when the email and password match an active account, else None (the
    caller commits either way: a password hash may have been upgraded)."""
    user = authenticate(session, email, password)
    if user is None:
        return None
    token = start_session(session, user)
    actor = Actor(user.id, Role(user.role), user.email, member_id=user.member_id,
                  display_name=user.display_name)
    audit.record(session, actor, "sign_in", "user", user.id)
    return SignedIn(token=token, actor=actor)


def sign_out(session: Session, token: str) -> None:
    """End the session behind ``token`` (nothing happens for an unknown or empty one)."""
    actor = actor_for_token(session, token)
    end_session(session, token)
    if actor.signed_in:
        audit.record(session, actor, "sign_out", "user", actor.user_id)
