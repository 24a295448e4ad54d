"""A meeting's agenda and minutes.

The agenda is proposed from what is open: items carried over from the last meeting,
overdue and blocked actions, actions due before the next meeting, and decisions due for
review. The chair adopts the proposal, then reorders, adds and removes items, each with its
time. During or after the meeting each item gets its minutes in English and Welsh, the
decisions and actions made under it (linked back to it), and, if unfinished, is carried to
the next meeting, whose proposed agenda then lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from dashboard.domain.audit import record, snapshot
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_
from dashboard.domain.steering.meetings import current_meeting, meeting_after, touch
from dashboard.models import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    AgendaItem,
    AgendaOutcome,
    AgendaSource,
    Decision,
    DecisionStatus,
    Role,
    SteeringAction,
    SteeringMeeting,
)

PER_KIND = 15  # at most this many proposed items of each kind, the most pressing first
GAP = timedelta(weeks=6)  # the usual time to the next meeting, when none is scheduled yet
MAX_MINUTES_TEXT = 50_000  # characters of minutes per item, in each language
ITEM_FIELDS = ("position", "title", "title_cy", "minutes_allowed", "source", "minutes",
               "minutes_cy", "outcome")
MINUTES_TOO_LONG = N_("The minutes are {length} characters long; at most {limit} for one "
                      "item. Nothing was saved; your text is still in the box: split it, or "
                      "attach the long document and link to it.")


@dataclass(frozen=True)
class ProposedItem:
    source: str
    title: str
    title_cy: str | None
    action_id: int | None = None
    decision_id: int | None = None
    carried_from_id: int | None = None
    minutes_allowed: int = 5


def runs_until(session: Session, meeting: SteeringMeeting) -> date:
    """The day the next meeting is held (or the usual gap after this one)."""
    after = meeting_after(session, meeting)
    return after.held_on if after else meeting.held_on + GAP


def propose_agenda(session: Session, actor: Actor, meeting_id: int) -> list[ProposedItem]:
    """What the agenda should hold, from what is open at the meeting's date (nothing
    already on it is proposed again)."""
    require_role(actor, Role.STEERING)
    meeting = current_meeting(session, meeting_id, None)
    on, until = meeting.held_on, runs_until(session, meeting)
    here = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    listed_actions = here.with_only_columns(AgendaItem.action_id).where(
        AgendaItem.action_id.is_not(None))
    listed_decisions = here.with_only_columns(AgendaItem.decision_id).where(
        AgendaItem.decision_id.is_not(None))
    later = aliased(AgendaItem)
    carried = session.exec(
        select(AgendaItem).join(SteeringMeeting, SteeringMeeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.outcome == AgendaOutcome.CARRIED.value,
               SteeringMeeting.held_on < on,
               ~exists().where(later.carried_from_id == AgendaItem.id))
        .order_by(SteeringMeeting.held_on, AgendaItem.position).limit(PER_KIND)).all()
    proposal = [ProposedItem(AgendaSource.CARRIED.value, i.title, i.title_cy,
                             i.action_id, i.decision_id, i.id, i.minutes_allowed)
                for i in carried]
    taken = {i.action_id for i in carried if i.action_id}
    open_action = (SteeringAction.status.in_(OPEN_ACTION_STATUSES),
                   SteeringAction.id.not_in(listed_actions))
    kinds = (
        (AgendaSource.OVERDUE, SteeringAction.due_on < on),
        (AgendaSource.BLOCKED, SteeringAction.status == ActionStatus.BLOCKED.value),
        (AgendaSource.DUE, SteeringAction.due_on >= on, SteeringAction.due_on < until),
    )
    for source, *where in kinds:
        # Enough rows to find PER_KIND not yet proposed under an earlier kind.
        found = session.exec(select(SteeringAction).where(*open_action, *where)
                             .order_by(SteeringAction.due_on, SteeringAction.id)
                             .limit(PER_KIND + len(taken))).all()
        for action in [a for a in found if a.id not in taken][:PER_KIND]:
            taken.add(action.id)
            proposal.append(ProposedItem(source.value, action.title, action.title_cy,
                                         action_id=action.id))
    for decision in session.exec(select(Decision).where(
            Decision.status == DecisionStatus.ACTIVE.value, Decision.review_on.is_not(None),
            Decision.review_on < until, Decision.id.not_in(listed_decisions))
            .order_by(Decision.review_on, Decision.id).limit(PER_KIND)):
        proposal.append(ProposedItem(
            AgendaSource.REVIEW.value, f"Review {decision.reference}: {decision.text}"[:300],
            f"Adolygu {decision.reference}: {decision.text_cy or decision.text}"[:300],
            decision_id=decision.id))
    return proposal


def adopt_proposal(session: Session, actor: Actor, meeting_id: int,
                   version: int) -> list[AgendaItem]:
    """Add the proposed items to the end of the agenda (the chair then edits it)."""
    require_role(actor, Role.STEERING)
    meeting = current_meeting(session, meeting_id, version)
    proposal = propose_agenda(session, actor, meeting_id)
    position = _last_position(session, meeting_id)
    items = [AgendaItem(meeting_id=meeting_id, position=position + n, title=p.title,
                        title_cy=p.title_cy, source=p.source, action_id=p.action_id,
                        decision_id=p.decision_id, carried_from_id=p.carried_from_id,
                        minutes_allowed=p.minutes_allowed)
             for n, p in enumerate(proposal, start=1)]
    session.add_all(items)
    touch(meeting)
    session.add(meeting)
    session.flush()
    record(session, actor, "adopt_agenda", "steering_meeting", meeting_id, None,
           {"items": [i.title for i in items]})
    return items


def _last_position(session: Session, meeting_id: int) -> int:
    return session.exec(select(func.coalesce(func.max(AgendaItem.position), 0))
                        .where(AgendaItem.meeting_id == meeting_id)).one()


def _minutes_allowed(value: int | str) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 240:
        raise InvalidInput("Give the item a time between 1 and 240 minutes.")
    return int(text)


def add_item(session: Session, actor: Actor, meeting_id: int, version: int, title: str,
             title_cy: str = "", minutes_allowed: int | str = 10) -> AgendaItem:
    require_role(actor, Role.STEERING)
    meeting = current_meeting(session, meeting_id, version)
    title = (title or "").strip()
    if not title:
        raise InvalidInput("Give the agenda item a title in English.")
    if len(title) > 300 or len(title_cy or "") > 300:
        raise InvalidInput("An agenda item's title is at most 300 characters.")
    item = AgendaItem(meeting_id=meeting_id, position=_last_position(session, meeting_id) + 1,
                      title=title, title_cy=(title_cy or "").strip() or None,
                      minutes_allowed=_minutes_allowed(minutes_allowed))
    session.add(item)
    touch(meeting)
    session.add(meeting)
    session.flush()
    record(session, actor, "add_item", "agenda_item", item.id, None, snapshot(item, ITEM_FIELDS))
    return item


def _item(session: Session, item_id: int, version: int) -> tuple[AgendaItem, SteeringMeeting]:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That agenda item no longer exists.")
    return item, current_meeting(session, item.meeting_id, version)


def ordered_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                             .order_by(AgendaItem.position, AgendaItem.id)))


def move_item(session: Session, actor: Actor, item_id: int, version: int,
              steps: int) -> AgendaItem:
    """Move an item up (negative ``steps``) or down the agenda."""
    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    items = ordered_items(session, meeting.id)
    index = items.index(item)
    items.insert(max(0, min(len(items) - 1, index + steps)), items.pop(index))
    for position, each in enumerate(items, start=1):
        each.position = position
        session.add(each)
    touch(meeting)
    session.add(meeting)
    record(session, actor, "move_item", "agenda_item", item.id, {"position": index + 1},
           {"position": item.position})
    return item


def remove_item(session: Session, actor: Actor, item_id: int, version: int) -> None:
    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    if item.minutes or item.minutes_cy:
        raise InvalidInput("This item has minutes: it stays on the agenda. Carry it over "
                           "instead, or clear its minutes first.")
    before = snapshot(item, ITEM_FIELDS)
    session.delete(item)
    touch(meeting)
    session.add(meeting)
    record(session, actor, "remove_item", "agenda_item", item_id, before, None)


def set_item_time(session: Session, actor: Actor, item_id: int, version: int,
                  minutes_allowed: int | str) -> AgendaItem:
    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    before = snapshot(item, ITEM_FIELDS)
    item.minutes_allowed = _minutes_allowed(minutes_allowed)
    session.add(item)
    touch(meeting)
    session.add(meeting)
    record(session, actor, "update", "agenda_item", item.id, before, snapshot(item, ITEM_FIELDS))
    return item


def save_minutes(session: Session, actor: Actor, item_id: int, version: int, minutes: str,
                 minutes_cy: str, outcome: str) -> AgendaItem:
    """An item's minutes in both languages, and whether it was discussed or is carried to
    the next meeting."""
    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    for text in (minutes or "", minutes_cy or ""):
        if len(text) > MAX_MINUTES_TEXT:
            raise InvalidInput(MINUTES_TOO_LONG, length=f"{len(text):,}",
                               limit=f"{MAX_MINUTES_TEXT:,}")
    if outcome not in {o.value for o in AgendaOutcome}:
        raise InvalidInput("'{outcome}' is not an outcome of an agenda item.", outcome=outcome)
    before = snapshot(item, ITEM_FIELDS)
    item.minutes = (minutes or "").strip() or None
    item.minutes_cy = (minutes_cy or "").strip() or None
    item.outcome = outcome
    session.add(item)
    touch(meeting)
    session.add(meeting)
    record(session, actor, "minutes", "agenda_item", item.id, before, snapshot(item, ITEM_FIELDS))
    return item


def item_outputs(session: Session, item_ids: list[int]) -> tuple[dict, dict]:
    """The decisions and actions made under each item: {item id: [(reference or id, text,
    text_cy)]}."""
    decisions: dict[int, list] = {}
    actions: dict[int, list] = {}
    if item_ids:
        for d in session.exec(select(Decision).where(Decision.agenda_item_id.in_(item_ids))
                              .order_by(Decision.id)):
            decisions.setdefault(d.agenda_item_id, []).append((d.reference, d.text, d.text_cy))
        for a in session.exec(select(SteeringAction).where(
                SteeringAction.agenda_item_id.in_(item_ids)).order_by(SteeringAction.id)):
            actions.setdefault(a.agenda_item_id, []).append((a.id, a.title, a.title_cy))
    return decisions, actions


def decision_from_item(session: Session, actor: Actor, item_id: int, version: int, data,
                       today: date) -> Decision:
    """Record a decision made under an agenda item: decided by the meeting, linked back."""
    from dataclasses import replace

    from dashboard.domain.steering.decisions import record_decision

    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    # An item about an action (overdue, blocked, due): the decision is linked to it too.
    action_ids = tuple(sorted({*data.action_ids, *([item.action_id] if item.action_id else [])}))
    decision = record_decision(session, actor, replace(
        data, meeting_id=meeting.id, agenda_item_id=item.id, action_ids=action_ids,
        decided_on=data.decided_on or meeting.held_on), today)
    touch(meeting)
    session.add(meeting)
    return decision


def action_from_item(session: Session, actor: Actor, item_id: int, version: int, data,
                     today: date) -> SteeringAction:
    """Create an action agreed under an agenda item, linked back to it and its meeting."""
    from dataclasses import replace

    from dashboard.domain.steering.action_editing import save_action

    require_role(actor, Role.STEERING)
    item, meeting = _item(session, item_id, version)
    action = save_action(session, actor, None, replace(
        data, meeting_id=meeting.id, agenda_item_id=item.id, version=0), today)
    touch(meeting)
    session.add(meeting)
    return action
