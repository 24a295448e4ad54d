"""Linking an account to a member record (``cymuned user add --member``)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.auth import normalise_email
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.models import Member, MemberStatus, User


def member_to_link(session: Session, reference: str) -> Member:
    """The current member named by ``reference`` (their number, or their email address) that
    a new account may be linked to; NotFound or InvalidInput says why not."""
    reference = (reference or "").strip()
    if reference.isdigit():
        member = session.get(Member, int(reference))
    else:
        member = session.exec(select(Member).where(
            func.lower(Member.email) == normalise_email(reference))).first()
    if member is None or member.status == MemberStatus.ERASED.value:
        raise NotFound("There is no member with the number or email address {reference}.",
                       reference=reference)
    if member.status != MemberStatus.ACTIVE.value:
        raise InvalidInput("Member {reference} is not a current member (their status is "
                           "{status}).", reference=reference, status=member.status)
    linked = session.exec(select(User.email).where(User.member_id == member.id)).first()
    if linked is not None:
        raise InvalidInput("Member {reference} already has an account: {email}.",
                           reference=reference, email=linked)
    return member
