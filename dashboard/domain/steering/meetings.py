"""Steering-group meetings: scheduling them (date, place or online link, title in both
languages), who attended and who sent apologies, publishing the minutes, and reading them.

Visitors and members see a meeting only once its minutes are published (off by default);
the steering group sees and changes everything. Every change to a meeting, its agenda or
its minutes raises the meeting's version: a change made from an older version is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, delete, select

from dashboard.domain.audit import record, snapshot
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.domain.steering.action_editing import StaleEdit
from dashboard.models import (
    CommunityRole,
    MeetingAttendance,
    Member,
    MemberStatus,
    Role,
    SteeringMeeting,
)

STALE = N_("Someone else changed this meeting while you were working on it (their version "
           "{theirs}, yours {yours}). Nothing was saved: the page now shows their version; "
           "what you typed is still in the form.")
FIELDS = ("held_on", "title", "title_cy", "place", "online_url", "minutes_published")


@dataclass(frozen=True)
class MeetingInput:
    held_on: date | None
    title: str
    title_cy: str = ""
    place: str = ""
    online_url: str = ""


def meeting_input(form: dict) -> MeetingInput:
    """The meeting form's fields (a date as 2027-03-09 or 09/03/2027)."""
    from dashboard.domain.steering.action_editing import parse_day

    return MeetingInput(held_on=parse_day(str(form.get("held_on", "")), "date"),
                        title=str(form.get("title", "")), title_cy=str(form.get("title_cy", "")),
                        place=str(form.get("place", "")),
                        online_url=str(form.get("online_url", "")))


def current_meeting(session: Session, meeting_id: int, version: int | None) -> SteeringMeeting:
    """The meeting, checked against the version the change was made from."""
    meeting = session.get(SteeringMeeting, meeting_id)
    if meeting is None:
        raise NotFound("There is no meeting with that number.")
    if version is not None and version != meeting.version:
        raise StaleEdit(STALE, theirs=meeting.version, yours=version)
    return meeting


def touch(meeting: SteeringMeeting) -> None:
    meeting.version += 1


def save_meeting(session: Session, actor: Actor, meeting_id: int | None, data: MeetingInput,
                 version: int | None = None) -> SteeringMeeting:
    """Schedule a meeting (``meeting_id`` None) or change its details. Steering; audited."""
    require_role(actor, Role.STEERING)
    title = (data.title or "").strip()
    if not title:
        raise InvalidInput("Give the meeting a title in English.")
    if data.held_on is None:
        raise InvalidInput("Give the meeting a date.")
    url = (data.online_url or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise InvalidInput("The online link should start with https://.")
    if meeting_id is None:
        meeting = SteeringMeeting(held_on=data.held_on, title=title)
        before = None
    else:
        meeting = current_meeting(session, meeting_id, version)
        before = snapshot(meeting, FIELDS)
        touch(meeting)
    meeting.held_on, meeting.title = data.held_on, title[:200]
    meeting.title_cy = (data.title_cy or "").strip()[:200] or None
    meeting.place = (data.place or "").strip()[:300] or None
    meeting.online_url = url[:500] or None
    session.add(meeting)
    session.flush()
    record(session, actor, "create" if before is None else "update", "steering_meeting",
           meeting.id, before, snapshot(meeting, FIELDS))
    return meeting


def set_published(session: Session, actor: Actor, meeting_id: int, published: bool,
                  version: int) -> SteeringMeeting:
    require_role(actor, Role.STEERING)
    meeting = current_meeting(session, meeting_id, version)
    before = snapshot(meeting, FIELDS)
    meeting.minutes_published = bool(published)
    touch(meeting)
    session.add(meeting)
    record(session, actor, "publish" if published else "unpublish", "steering_meeting",
           meeting.id, before, snapshot(meeting, FIELDS))
    return meeting


def set_attendance(session: Session, actor: Actor, meeting_id: int, present: list[int],
                   apologies: list[int], version: int) -> SteeringMeeting:
    """Who attended and who sent apologies (members; one or the other)."""
    require_role(actor, Role.STEERING)
    meeting = current_meeting(session, meeting_id, version)
    both = set(present) & set(apologies)
    if both:
        raise InvalidInput("Someone cannot both attend and send apologies.")
    known = set(session.exec(select(Member.id).where(
        Member.id.in_(set(present) | set(apologies))))) if present or apologies else set()
    if known != set(present) | set(apologies):
        raise InvalidInput("There is no member with that number.")
    before = {"present": sorted(_attendance(session, meeting_id, False)),
              "apologies": sorted(_attendance(session, meeting_id, True))}
    session.exec(delete(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id))
    session.add_all([MeetingAttendance(meeting_id=meeting_id, member_id=m, apologies=False)
                     for m in sorted(set(present))]
                    + [MeetingAttendance(meeting_id=meeting_id, member_id=m, apologies=True)
                       for m in sorted(set(apologies))])
    touch(meeting)
    session.add(meeting)
    record(session, actor, "attendance", "steering_meeting", meeting_id, before,
           {"present": sorted(set(present)), "apologies": sorted(set(apologies))})
    return meeting


def _attendance(session: Session, meeting_id: int, apologies: bool) -> list[int]:
    return list(session.exec(select(MeetingAttendance.member_id).where(
        MeetingAttendance.meeting_id == meeting_id, MeetingAttendance.apologies == apologies)))


def attendance_names(session: Session, meeting_id: int) -> tuple[list[str], list[str]]:
    rows = session.exec(select(Member.full_name, MeetingAttendance.apologies)
                        .join(Member, Member.id == MeetingAttendance.member_id)
                        .where(MeetingAttendance.meeting_id == meeting_id)
                        .order_by(Member.full_name)).all()
    return ([n for n, a in rows if not a], [n for n, a in rows if a])


def group_members(session: Session) -> list[tuple[int, str]]:
    """The steering group's current members (and chair): who is expected at a meeting."""
    return list(session.exec(select(Member.id, Member.full_name).where(
        Member.status == MemberStatus.ACTIVE.value,
        Member.community_role.in_((CommunityRole.STEERING.value, CommunityRole.CHAIR.value)))
        .order_by(Member.full_name)))


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    title: str
    title_cy: str | None
    place: str
    online_url: str
    published: bool


def _meeting_row(m: SteeringMeeting) -> MeetingRow:
    return MeetingRow(m.id, m.held_on, m.title, m.title_cy, m.place or "", m.online_url or "",
                      m.minutes_published)


def list_meetings(session: Session, actor: Actor, page: int,
                  page_size: int = DEFAULT_PAGE_SIZE) -> Page[MeetingRow]:
    """Meetings, newest first: all for the steering group; those with published minutes
    for everyone else."""
    statement = select(SteeringMeeting).order_by(SteeringMeeting.held_on.desc(),
                                                 SteeringMeeting.id.desc())
    if not has_role(actor, Role.STEERING):
        statement = statement.where(SteeringMeeting.minutes_published)
    result = paged(session, statement, page, page_size)
    return Page([_meeting_row(m) for m in result.rows], result.total, result.page,
                result.page_size)


def visible_meeting(session: Session, actor: Actor, meeting_id: int) -> SteeringMeeting:
    """The meeting if this actor may see it (published minutes, or the steering group)."""
    meeting = session.get(SteeringMeeting, meeting_id)
    if meeting is None or not (meeting.minutes_published or has_role(actor, Role.STEERING)):
        raise NotFound("There is no meeting with that number.")
    return meeting


def next_meeting(session: Session, today: date) -> SteeringMeeting | None:
    """The first meeting on or after ``today``."""
    return session.exec(select(SteeringMeeting).where(SteeringMeeting.held_on >= today)
                        .order_by(SteeringMeeting.held_on, SteeringMeeting.id)).first()


def meeting_after(session: Session, meeting: SteeringMeeting) -> SteeringMeeting | None:
    return session.exec(select(SteeringMeeting).where(
        SteeringMeeting.held_on > meeting.held_on).order_by(SteeringMeeting.held_on)).first()


def meeting_before(session: Session, meeting: SteeringMeeting) -> SteeringMeeting | None:
    return session.exec(select(SteeringMeeting).where(
        SteeringMeeting.held_on < meeting.held_on)
        .order_by(SteeringMeeting.held_on.desc())).first()
