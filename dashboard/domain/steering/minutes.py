"""Reading a meeting: its details, attendance, agenda with minutes and what each item
produced; and the meeting pack (the agenda, the action log extract and the last minutes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from dashboard.domain.auth import Actor, has_role
from dashboard.domain.steering.actions import is_overdue
from dashboard.domain.steering.agenda import item_outputs, ordered_items, runs_until
from dashboard.domain.steering.meetings import (
    attendance_names,
    meeting_before,
    visible_meeting,
)
from dashboard.models import OPEN_ACTION_STATUSES, ActionStatus, Member, Role, SteeringAction

# Rows of the action log extract in a pack, the most pressing (longest overdue) first: what
# a meeting can get through; the full log is on the Actions page.
PACK_ACTIONS = 60


@dataclass(frozen=True)
class Output:
    """A decision (its reference) or an action (its number) made under an item."""

    key: str
    text: str
    text_cy: str


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    title: str
    title_cy: str
    minutes_allowed: int
    source: str
    minutes: str
    minutes_cy: str
    outcome: str
    decisions: list[Output]
    actions: list[Output]


@dataclass(frozen=True)
class MeetingView:
    id: int
    version: int
    held_on: date
    title: str
    title_cy: str
    place: str
    online_url: str
    published: bool
    present: list[str]
    apologies: list[str]
    items: list[ItemView]


def meeting_view(session: Session, actor: Actor, meeting_id: int) -> MeetingView:
    """The meeting as this actor may see it (visitors and members: published minutes)."""
    meeting = visible_meeting(session, actor, meeting_id)
    items = ordered_items(session, meeting_id)
    decisions, actions = item_outputs(session, [i.id for i in items])
    present, apologies = attendance_names(session, meeting_id)
    views = [ItemView(
        i.id, n, i.title, i.title_cy or "", i.minutes_allowed, i.source, i.minutes or "",
        i.minutes_cy or "", i.outcome,
        [Output(ref or "", text, text_cy or "") for ref, text, text_cy in decisions.get(i.id, [])],
        [Output(f"#{a}", text, text_cy or "") for a, text, text_cy in actions.get(i.id, [])])
        for n, i in enumerate(items, start=1)]
    if not has_role(actor, Role.STEERING):
        # Others read minutes only: the actions made under an item are the steering
        # group's (members see their own on the Actions page).
        views = [ItemView(**{**v.__dict__, "actions": []}) for v in views]
    return MeetingView(meeting.id, meeting.version, meeting.held_on, meeting.title,
                       meeting.title_cy or "", meeting.place or "", meeting.online_url or "",
                       meeting.minutes_published, present, apologies, views)


@dataclass(frozen=True)
class ExtractRow:
    id: int
    title: str
    title_cy: str
    owner: str
    due_on: date | None
    status: str
    rag: str
    overdue: bool


@dataclass(frozen=True)
class MeetingPack:
    meeting: MeetingView
    actions: list[ExtractRow]
    last: MeetingView | None


def action_extract(session: Session, until: date, today: date,
                   limit: int = PACK_ACTIONS) -> list[ExtractRow]:
    """Open actions that are blocked or due before ``until``, soonest due first."""
    rows = session.exec(
        select(SteeringAction, Member.full_name)
        .outerjoin(Member, Member.id == SteeringAction.owner_member_id)
        .where(SteeringAction.status.in_(OPEN_ACTION_STATUSES),
               (SteeringAction.due_on < until)
               | (SteeringAction.status == ActionStatus.BLOCKED.value))
        .order_by(SteeringAction.due_on, SteeringAction.id).limit(limit)).all()
    return [ExtractRow(a.id, a.title, a.title_cy or "", owner or "", a.due_on, a.status,
                       a.rag or "", is_overdue(a.status, a.due_on, today)) for a, owner in rows]


def meeting_pack(session: Session, actor: Actor, meeting_id: int, today: date) -> MeetingPack:
    """The pack for a meeting: steering group only (it holds unpublished business)."""
    from dashboard.domain.auth import require_role

    require_role(actor, Role.STEERING)
    view = meeting_view(session, actor, meeting_id)
    meeting = visible_meeting(session, actor, meeting_id)
    previous = meeting_before(session, meeting)
    last = meeting_view(session, actor, previous.id) if previous else None
    return MeetingPack(view, action_extract(session, runs_until(session, meeting), today), last)
