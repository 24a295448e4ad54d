"""Signing in and out: the session token, throttling, and their audit entries.

Kept apart from ``auth`` (which ``audit`` builds on) so a sign-in can be audited in the same
transaction that starts the session. The backend routes in dashboard/endpoints/signing_in.py
call these; a refusal carries a short code the sign-in page turns back into its message
(``PROBLEMS``), so no text travels in the page's address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import (
    VISITOR,
    Actor,
    actor_for_token,
    authenticate,
    delete_expired_sessions,
    end_all_sessions,
    end_session,
    normalise_email,
    start_session,
    validate_email,
)
from dashboard.domain.dataset import is_demo_data
from dashboard.domain.errors import DomainError, InvalidInput
from dashboard.domain.throttling import SignInThrottle, sign_in_throttle
from dashboard.keys import keyed_hash
from dashboard.models import Role, Setting, User

log = logging.getLogger(__name__)


def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue (dashboard/catalogue.py) without translating it."""
    return msgid


# code -> msgid: what the sign-in page says after a refusal (?problem=<code>).
PROBLEMS: dict[str, str] = {
    "missing": N_("Enter your email address and password."),
    "format": N_("Enter an email address in the correct format, like name@example.org"),
    "wrong": N_("The email address or password is not right."),
    "throttled": N_("Too many attempts to sign in. Try again in {minutes} minutes."),
    "throttled-1": N_("Too many attempts to sign in. Try again in 1 minute."),
    "form": N_("The sign-in form did not come from this site. Open the sign-in page and "
               "try again."),
    "demo": N_("Trying the dashboard as someone else is only possible while the demo data "
               "is loaded."),
    # Signing in with one's organisation (dashboard/domain/organisation_sign_in.py).
    "organisation-off": N_("Signing in with your organisation's account is not set up here."),
    "organisation-failed": N_("Your organisation's sign-in did not finish. Try again, or use "
                              "your email address and password."),
    "organisation-expired": N_("That sign-in had expired or was started in another window. "
                               "Try again."),
    "organisation-token": N_("Your organisation's sign-in could not be checked, so it was "
                             "refused. Try again."),
    "organisation-audience": N_("That sign-in was meant for another application, so it was "
                                "refused."),
    "organisation-issuer": N_("That sign-in did not come from the identity provider this site "
                              "trusts, so it was refused."),
    "organisation-tenant": N_("Your organisation cannot sign in here with its own accounts "
                              "yet. Use your email address and password, or ask the steering "
                              "group to add your organisation."),
    "organisation-email": N_("Your organisation's account did not give a verified email "
                             "address, so it cannot be matched to a member."),
    "organisation-member": N_("No member of the community has your work email address. Ask "
                              "to join first."),
    "organisation-closed": N_("Your account is closed. Ask the steering group if this is a "
                              "mistake."),
}


class SignInRefused(DomainError):
    """A sign-in that did not happen; ``code`` is a key of PROBLEMS (or of the
    organisation sign-in's problems)."""

    def __init__(self, code: str, msgid: str | None = None, **params: object) -> None:
        super().__init__(msgid or PROBLEMS[code], **params)
        self.code = code


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the browser's HttpOnly cookie only; the database keeps its reference
    actor: Actor


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path on this site only (never another site's
    address, which would make the sign-in page an open redirect), never the sign-in page."""
    path = (path or "").strip()
    parts = urlsplit(path)
    if (not path.startswith("/") or path.startswith("//") or "\\" in path or parts.scheme
            or parts.netloc or parts.path.rstrip("/") == "/sign-in"):
        return "/"
    return path


def actor_of(user: User) -> Actor:
    return Actor(user.id, Role(user.role), user.email, member_id=user.member_id,
                 display_name=user.display_name)


def begin_session(session: Session, user: User, method: str,
                  now: datetime | None = None) -> SignedIn:
    """Start a session for a user who has proved who they are; expired sessions go first."""
    delete_expired_sessions(session, now)
    token = start_session(session, user, now=now, method=method)
    actor = actor_of(user)
    audit.record(session, actor, "sign_in", "user", user.id, after={"method": method})
    return SignedIn(token=token, actor=actor)


def sign_in(session: Session, email: str, password: str, address: str = "",
            throttle: SignInThrottle | None = None, now: datetime | None = None) -> SignedIn:
    """A new session when the email and password match an active account.

    Raises SignInRefused otherwise. The caller commits either way: a failure is written to
    the audit log (without the password; an unknown email only as a keyed hash), and a
    password hash may have been upgraded. Slow on purpose (Argon2): call it off the event
    loop.
    """
    email = (email or "").strip()
    if not email or not password:
        raise SignInRefused("missing")
    try:
        email = validate_email(email)
    except InvalidInput as error:
        raise SignInRefused("format") from error
    throttle = throttle or sign_in_throttle()
    minutes = throttle.wait_minutes(email, address)
    if minutes:
        log.warning("sign-in throttled (account %s)", keyed_hash("sign-in-failure", email)[:12])
        if minutes == 1:
            raise SignInRefused("throttled-1")
        raise SignInRefused("throttled", minutes=minutes)
    user = authenticate(session, email, password)
    if user is None:
        throttle.failed(email, address)
        _record_failure(session, email, address)
        raise SignInRefused("wrong")
    throttle.succeeded(email)
    return begin_session(session, user, "password", now)


def _record_failure(session: Session, email: str, address: str) -> None:
    known = session.exec(select(User).where(User.email == normalise_email(email))).first()
    after: dict[str, object] = {
        "reason": "wrong password" if known and known.is_active else
                  "closed account" if known else "unknown email",
        "address": keyed_hash("sign-in-address", address or "unknown"),
    }
    if known is None:
        after["email"] = keyed_hash("sign-in-failure", email)
    audit.record(session, VISITOR, "sign_in_failed", "user", known.id if known else None,
                 after=after)


def sign_out(session: Session, token: str) -> None:
    """End the session behind ``token`` (nothing happens for an unknown or empty one)."""
    actor = actor_for_token(session, token)
    end_session(session, token)
    if actor.signed_in:
        audit.record(session, actor, "sign_out", "user", actor.user_id)


def sign_out_everywhere(session: Session, token: str) -> int:
    """End every session of the user behind ``token``; returns how many ended (0 for an
    unknown or expired token, which can end nothing)."""
    actor = actor_for_token(session, token)
    if not actor.signed_in:
        return 0
    ended = end_all_sessions(session, actor.user_id)
    audit.record(session, actor, "sign_out_everywhere", "user", actor.user_id,
                 after={"sessions": ended})
    return ended


# --- trying the demo ---------------------------------------------------------------------

DEMO_ROLES = (Role.MEMBER, Role.STEERING, Role.ADMIN)


def demo_account_key(role: Role) -> str:
    """The Setting naming the demo account for a role (dashboard/seed/demo_accounts.py)."""
    return f"demo_account.{role.value}"


def demo_roles(session: Session) -> list[str]:
    """The roles the sign-in page may offer to try: none unless the demo data is loaded."""
    if not is_demo_data(session):
        return []
    return [role.value for role in DEMO_ROLES if session.get(Setting, demo_account_key(role))]


def demo_sign_in(session: Session, role: str, now: datetime | None = None) -> SignedIn:
    """Sign in as the demo account for ``role``: only while the demo data is loaded."""
    if role not in demo_roles(session):
        raise SignInRefused("demo")
    setting = session.get(Setting, demo_account_key(Role(role)))
    user = session.get(User, int(setting.value)) if setting.value.isdigit() else None
    if user is None or not user.is_active:
        raise SignInRefused("demo")
    return begin_session(session, user, "demo", now)
