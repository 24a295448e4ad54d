"""Invitations: approving a request to join issues a link with which the person sets a
password; their account is then a member's, linked to their member record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from dashboard.connectors.mail import Letter
from dashboard.domain import audit
from dashboard.domain.accounts import letters, links
from dashboard.domain.auth import Actor, authenticate, create_user, has_role, require_role
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.membership.joining import decide_join
from dashboard.models import Member, MemberStatus, Role, User


@dataclass(frozen=True)
class Decision:
    """What the steering group decided, and for an approval the invitation: mailed when a
    mail server is set up, otherwise shown to them to send (``url``)."""

    name: str
    approved: bool
    url: str = ""
    letter: Letter | None = None
    joined: bool = True  # False: a new link for someone who was already a member


def _invite(session: Session, actor: Actor, member: Member, now: datetime,
            site: str) -> tuple[str, Letter]:
    link = links.issue(session, links.INVITATION, now, member_id=member.id,
                       created_by=actor.user_id)
    audit.record(session, actor, "invite", "member", member.id, None,
                 {"expires_at": audit._plain(link.expires_at)})
    letter = letters.invitation(site, member.email or "", member.full_name, member.language, link)
    return letters.link_url(site, link), letter


def decide_join_request(session: Session, actor: Actor, member_id: int, approve: bool,
                        now: datetime, site: str) -> Decision:
    """Approve (the person joins today and is invited) or decline a pending request."""
    member = decide_join(session, actor, member_id, approve, now)
    if not approve or not member.email:
        return Decision(member.full_name, approve)
    url, letter = _invite(session, actor, member, now, site)
    return Decision(member.full_name, True, url, letter)


def make_sign_in_link(session: Session, actor: Actor, member_id: int, now: datetime,
                      site: str) -> Decision:
    """A new link for a member to set a password, made by the steering group (e.g. when no
    mail server is set up or an email went astray): an invitation while they have no
    account, else a password reset. Only an admin may make one for a steering group member's
    or an admin's account, so no one can take over an account more powerful than theirs."""
    from dashboard.domain.accounts.password_reset import issue_reset

    require_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    if member is None or member.status != MemberStatus.ACTIVE.value or not member.email:
        raise NotFound("Links to set a password are only for current members with an email "
                       "address.")
    user = session.exec(select(User).where(User.member_id == member.id)).first()
    if user is None:
        url, letter = _invite(session, actor, member, now, site)
        return Decision(member.full_name, True, url, letter, joined=False)
    if not user.is_active:
        raise InvalidInput("This member's account is closed.")
    if Role(user.role) != Role.MEMBER and not has_role(actor, Role.ADMIN):
        raise PermissionDenied("Only an admin can make a password link for a steering group "
                               "member or an admin.")
    letter, url = issue_reset(session, actor, user, now, site)
    return Decision(member.full_name, True, url, letter, joined=False)


@dataclass(frozen=True)
class InvitationView:
    name: str
    email: str
    has_account: bool  # an account with this email exists: its password links it


def _invited(session: Session, token: str, now: datetime) -> tuple[links.AccountLink, Member,
                                                                    User | None]:
    link = links.find(session, links.INVITATION, token, now)
    member = session.get(Member, link.member_id) if link.member_id else None
    if member is None or member.status != MemberStatus.ACTIVE.value or not member.email:
        raise NotFound("This invitation is for a membership that has ended. Contact the "
                       "steering group.")
    user = session.exec(select(User).where(User.email == member.email)).first()
    return link, member, user


def open_invitation(session: Session, token: str, now: datetime) -> InvitationView:
    """Who the invitation is for, while it still works (NotFound says why it does not)."""
    _link, member, user = _invited(session, token, now)
    return InvitationView(member.full_name, member.email or "", user is not None)


def accept_invitation(session: Session, token: str, password: str, confirm: str,
                      now: datetime) -> str:
    """Create the person's member account with their new password, linked to their member
    record, or link the account they already have (proved by its password). The link is
    used up. Returns the email to sign in with."""
    link, member, user = _invited(session, token, now)
    if user is None:
        if password != confirm:
            raise InvalidInput("The two passwords are not the same.")
        user = create_user(session, email=member.email or "", display_name=member.full_name,
                           role=Role.MEMBER, password=password, member_id=member.id)
        user.language = member.language
        action = "accept_invitation"
    else:
        if not user.is_active:
            raise InvalidInput("This account is closed. Contact the steering group.")
        if user.member_id not in (None, member.id):
            raise InvalidInput("This account belongs to another member. Contact the steering "
                               "group.")
        if authenticate(session, user.email, password) is None:
            raise InvalidInput("Enter the password of the account you already have, to link "
                               "it to your membership.")
        user.member_id = member.id
        action = "link_account"
    session.add(user)
    links.use(session, link, now)
    session.flush()
    actor = Actor(user.id, Role(user.role), user.email, member_id=member.id,
                  display_name=user.display_name)
    audit.record(session, actor, action, "user", user.id, None, {"member_id": member.id})
    return user.email
