"""Resetting a forgotten password by a single-use, expiring link.

Asking never says whether an email address has an account: the answer on screen is the same
either way, and a letter goes only to an account that exists. Setting the new password ends
every session of the account, so whoever had the old password is signed out too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from dashboard.connectors.mail import Letter
from dashboard.domain import audit
from dashboard.domain.accounts import letters, links
from dashboard.domain.auth import Actor, hash_password, normalise_email, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.models import AccountLink, Role, User


def issue_reset(session: Session, actor: Actor, user: User, now: datetime,
                site: str) -> tuple[Letter, str]:
    """A reset link for ``user`` (the letter and its URL); audited."""
    link = links.issue(session, links.PASSWORD_RESET, now, user_id=user.id,
                       created_by=actor.user_id)
    audit.record(session, actor, "issue_password_reset", "user", user.id, None,
                 {"expires_at": audit._plain(link.expires_at)})
    return (letters.password_reset(site, user.email, user.display_name, user.language, link),
            letters.link_url(site, link))


def request_password_reset(session: Session, actor: Actor, email: str, now: datetime,
                           site: str) -> Letter | None:
    """Anyone may ask. The letter to send when ``email`` belongs to an active account, else
    None; the caller says the same thing in both cases."""
    require_role(actor, Role.VISITOR)
    user = session.exec(select(User).where(User.email == normalise_email(email or ""),
                                           User.is_active)).first()
    if user is None:
        return None
    letter, _url = issue_reset(session, actor, user, now, site)
    return letter


def reset_link_for(session: Session, actor: Actor, email: str, now: datetime,
                   site: str) -> str:
    """A reset link for any active account, for an admin to send (``cymuned user
    reset-link``), e.g. for an account with no member record and no mail server."""
    require_role(actor, Role.ADMIN)
    user = session.exec(select(User).where(User.email == normalise_email(email or ""),
                                           User.is_active)).first()
    if user is None:
        raise NotFound("There is no active account for {email}.", email=email)
    _letter, url = issue_reset(session, actor, user, now, site)
    return url


def open_reset(session: Session, token: str, now: datetime) -> str:
    """The email address the reset link is for, while it works (NotFound says why not)."""
    link = links.find(session, links.PASSWORD_RESET, token, now)
    user = session.get(User, link.user_id) if link.user_id else None
    if user is None or not user.is_active:
        raise NotFound(links.NOT_VALID)
    return user.email


def reset_password(session: Session, token: str, password: str, confirm: str,
                   now: datetime) -> str:
    """Set the new password, use the link up, and end every session of the account (and any
    other reset link of it). Returns the email to sign in with."""
    link = links.find(session, links.PASSWORD_RESET, token, now)
    user = session.get(User, link.user_id) if link.user_id else None
    if user is None or not user.is_active:
        raise NotFound(links.NOT_VALID)
    if password != confirm:
        raise InvalidInput("The two passwords are not the same.")
    user.password_hash = hash_password(password)
    session.add(user)
    links.use(session, link, now)
    session.execute(delete(AccountLink).where(AccountLink.user_id == user.id,
                                              AccountLink.used_at.is_(None)))
    ended = links.end_all_sessions(session, user.id)
    actor = Actor(user.id, Role(user.role), user.email, member_id=user.member_id,
                  display_name=user.display_name)
    audit.record(session, actor, "reset_password", "user", user.id, None,
                 {"sessions_ended": ended})
    return user.email
