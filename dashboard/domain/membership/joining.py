"""Requests to join and the steering group's approval queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role, validate_email
from dashboard.domain.clock import london_today
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.membership.bodies import (
    LANGUAGES,
)
from dashboard.domain.membership.body_names import BodyNames
from dashboard.domain.membership.directory import (
    _organisation_names,
)
from dashboard.domain.membership.erasure import erased_among
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import (
    Member,
    MemberStatus,
    Organisation,
    Role,
)

# --- joining --------------------------------------------------------------------------------

OTHER_BODY = "other"


@dataclass(frozen=True)
class JoinForm:
    full_name: str = ""
    email: str = ""
    organisation: str = ""  # a registry body's id, or "other"
    organisation_other: str = ""
    job_title: str = ""
    interests: str = ""
    language: str = "en"
    consent: bool = False


class AlreadyKnown(Exception):  # noqa: N818 - a result, not a failure to show
    """The email is already a member's or a pending request's: nothing was written. Not a
    DomainError, so no handler shows it; ``dashboard.domain.accounts.joining`` tells the person
    by email instead."""

    def __init__(self, member_id: int, full_name: str, email: str, language: str) -> None:
        super().__init__("already known")
        self.member_id, self.full_name, self.email, self.language = (
            member_id, full_name, email, language)


def _clean(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def request_to_join(session: Session, actor: Actor, form: JoinForm, now: datetime) -> Member:
    """A join request from the public form: a pending member, for the steering group.

    Anyone may ask (a visitor too); the request is checked field by field and nothing is
    written unless all of it is right.
    """
    require_role(actor, Role.VISITOR)
    name = _clean(form.full_name, 200)
    if not name:
        raise InvalidInput("Enter your full name.")
    if not form.email.strip():
        raise InvalidInput("Enter your work email address.")
    email = validate_email(form.email)
    if len(email) > 320:
        raise InvalidInput("Enter an email address in the correct format, like name@example.org")
    organisation_id, other = None, None
    if form.organisation == OTHER_BODY:
        other = _clean(form.organisation_other, 200)
        if not other:
            raise InvalidInput("Enter the name of your organisation.")
        # A registry body by another name, in either language or both, or by its code.
        organisation_id = BodyNames.of(session).find(other)
        if organisation_id is not None:
            other = None
    elif form.organisation.isdigit():
        body = session.get(Organisation, int(form.organisation))
        if body is None or not body.in_registry:
            raise InvalidInput("Choose your organisation from the list, or tick \u2018My "
                               "organisation is not in the list\u2019.")
        organisation_id = body.id
    else:
        raise InvalidInput("Choose your organisation from the list, or tick \u2018My "
                           "organisation is not in the list\u2019.")
    if form.language not in LANGUAGES:
        raise InvalidInput("Choose your preferred language.")
    if not form.consent:
        raise InvalidInput("To join, agree to the community holding your details.")
    # Checked last, after everything a stranger could get wrong, and never said on screen:
    # the form must not tell anyone whether an email address is known.
    if erased_among(session, [email]):
        # Erased at their request (UK GDPR): not brought back. The message does not say
        # why, so the form tells no one that this address was ever a member's.
        raise InvalidInput("We cannot accept a request to join with this email address. If "
                           "you think this is wrong, contact the steering group.")
    known = session.exec(select(Member).where(func.lower(Member.email) == email)).first()
    if known is not None:
        raise AlreadyKnown(known.id, known.full_name, email, known.language)
    member = Member(
        full_name=name, email=email, organisation_id=organisation_id, organisation_other=other,
        job_title=_clean(form.job_title, 200) or None,
        interests=(form.interests or "").strip()[:2000] or None,
        status=MemberStatus.PENDING.value, language=form.language, consent_at=now,
        created_at=now, updated_at=now,
    )
    session.add(member)
    session.flush()
    audit.record(session, actor, "request_to_join", "member", member.id, None,
                 audit.snapshot(member, ("full_name", "email", "organisation_id",
                                         "organisation_other", "status", "language")))
    return member


@dataclass(frozen=True)
class JoinRequestRow:
    id: int
    full_name: str
    email: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    language: str
    requested_at: datetime


def join_requests(session: Session, actor: Actor, page: int,
                  page_size: int = DEFAULT_PAGE_SIZE) -> Page[JoinRequestRow]:
    """Pending join requests, oldest first: for the steering group only."""
    require_role(actor, Role.STEERING)
    org_en, org_cy = _organisation_names()
    statement = (
        select(Member.id, Member.full_name, func.coalesce(Member.email, ""), org_en, org_cy,
               func.coalesce(Member.job_title, ""), Member.language, Member.created_at)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(Member.status == MemberStatus.PENDING.value)
        .order_by(Member.created_at, Member.id)
    )
    result = paged(session, statement, page, page_size)
    return Page([JoinRequestRow(*row) for row in result.rows], result.total, result.page,
                result.page_size)


DECISION_FIELDS = ("status", "joined_on", "decided_at", "last_active_on")


def decide_join(session: Session, actor: Actor, member_id: int, approve: bool,
                now: datetime) -> Member:
    """Approve (the person joins today) or decline a pending request; audited."""
    require_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    if member is None or member.status != MemberStatus.PENDING.value:
        raise NotFound("That join request is no longer waiting for a decision.")
    before = audit.snapshot(member, DECISION_FIELDS)
    member.decided_at = now
    member.updated_at = now
    if approve:
        member.status = MemberStatus.ACTIVE.value
        member.joined_on = london_today(now)
        member.last_active_on = member.joined_on
    else:
        member.status = MemberStatus.DECLINED.value
    session.add(member)
    session.flush()
    audit.record(session, actor, "approve_join" if approve else "decline_join", "member",
                 member.id, before, audit.snapshot(member, DECISION_FIELDS))
    return member
