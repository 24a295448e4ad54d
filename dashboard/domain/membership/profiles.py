"""A member's profile: who they are and the events they took part in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import NotFound, PermissionDenied, parse_id
from dashboard.domain.membership.engagement import (
    engagement_rule,
    levels_for,
)
from dashboard.domain.membership.lifecycle import can_edit
from dashboard.models import (
    Event,
    Member,
    MemberStatus,
    Organisation,
    Registration,
    RegistrationStatus,
    Role,
)

# --- profiles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileEvent:
    id: int
    title: str
    starts_at: datetime
    timezone: str
    attended: bool


@dataclass(frozen=True)
class Profile:
    id: int
    full_name: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    community_role: str
    status: str
    joined_on: date | None
    language: str
    level: str
    interests: str
    email: str  # "" unless the steering group or an admin is asking
    events_registered: int
    events_attended: int
    events: list[ProfileEvent] = field(default_factory=list)
    version: int = 0  # the member's: an edit from an older one is refused


PROFILE_EVENTS = 20


def member_profile(session: Session, actor: Actor, member_id: int, now: datetime) -> Profile:
    """A member's profile for a signed-in member; contact details for the steering group."""
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    visible = (MemberStatus.ACTIVE.value, MemberStatus.LEFT.value)
    if steering:
        visible += (MemberStatus.PENDING.value, MemberStatus.DECLINED.value)
    if member is None or member.status not in visible:
        raise NotFound("There is no member with that number.")
    org = session.get(Organisation, member.organisation_id) if member.organisation_id else None
    other = member.organisation_other or ""
    counts = session.exec(
        select(func.count(Registration.id),
               func.coalesce(func.sum(case((Registration.attended, 1), else_=0)), 0))
        .where(Registration.member_id == member.id,
               Registration.status != RegistrationStatus.CANCELLED.value)
    ).one()
    events = session.exec(
        select(Event.id, Event.title, Event.starts_at, Event.timezone, Registration.attended)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.member_id == member.id,
               Registration.status != RegistrationStatus.CANCELLED.value)
        .order_by(Event.starts_at.desc())
        .limit(PROFILE_EVENTS)
    ).all()
    level = levels_for(session, [member.id], engagement_rule(session), now).get(member.id, "")
    return Profile(
        id=member.id, full_name=member.full_name,
        organisation_en=org.name_en if org else other,
        organisation_cy=org.name_cy if org else other,
        job_title=member.job_title or "", community_role=member.community_role,
        status=member.status, joined_on=member.joined_on, language=member.language, level=level,
        interests=member.interests or "", email=(member.email or "") if steering else "",
        events_registered=int(counts[0]), events_attended=int(counts[1]),
        events=[ProfileEvent(*row) for row in events], version=member.version,
    )


@dataclass(frozen=True)
class ProfilePage:
    """What the profile page shows: the profile, and whether the reader may change it."""

    profile: Profile
    can_edit: bool


def profile_page(session: Session, actor: Actor, raw_id: object, now: datetime) -> ProfilePage:
    """The profile of the member whose id came from the URL (``raw_id``, as the browser sent
    it): for signed-in members only; NotFound when there is no such member to show."""
    if not actor.signed_in:
        raise PermissionDenied("Members' profiles are shown to signed-in members only.")
    member_id = parse_id(raw_id, "There is no member with that number.")
    return ProfilePage(member_profile(session, actor, member_id, now), can_edit(actor, member_id))
