"""Creating, editing, reassigning and closing actions; progress notes; one action's detail.

Every save carries the version it was made from: a save from an older version than the one
stored is refused (``StaleEdit``), so two people editing at once never silently overwrite
each other. The form keeps its input and the page shows the stored version beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, delete, select

from dashboard.domain.audit import record
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.importing import N_
from dashboard.models import (
    ActionGoalLink,
    ActionNote,
    ActionObjectiveLink,
    ActionStatus,
    ActionWayLink,
    Member,
    MemberStatus,
    Objective,
    RagRating,
    Role,
    SteeringAction,
    WayOfWorking,
    WellbeingGoal,
    utcnow,
)

MAX_TEXT = 20_000  # characters in a description, reason or note
STALE = N_("Someone else saved this action while you were editing it (their version "
           "{theirs}, yours {yours}). Nothing was saved: compare the two below, then save "
           "again.")


class StaleEdit(InvalidInput):
    """The record changed since the form was opened; nothing was saved."""


@dataclass(frozen=True)
class ActionInput:
    title: str
    title_cy: str = ""
    description: str = ""
    description_cy: str = ""
    owner_member_id: int | None = None
    starts_on: date | None = None
    due_on: date | None = None
    status: str = ActionStatus.OPEN.value
    rag: str = ""
    rag_reason: str = ""
    objectives: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    ways: tuple[str, ...] = ()
    version: int = 0  # the version the form was opened at; 0 for a new action
    meeting_id: int | None = None
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class ActionDetail:
    """One action as the form and the page show it."""

    id: int
    version: int
    title: str
    title_cy: str
    description: str
    description_cy: str
    owner_member_id: int | None
    owner: str
    starts_on: date | None
    due_on: date | None
    status: str
    rag: str
    rag_reason: str
    objectives: tuple[str, ...]
    goals: tuple[str, ...]
    ways: tuple[str, ...]
    completed_on: date | None
    updated_at: datetime
    notes: list[NoteRow] = field(default_factory=list)


@dataclass(frozen=True)
class NoteRow:
    author: str
    at: datetime
    text: str


def _text(value: str, limit: int, msgid: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(msgid, limit=f"{limit:,}", length=f"{len(value):,}")
    return value


def _codes(session: Session, model, codes: tuple[str, ...], msgid: str) -> list:
    rows = session.exec(select(model).where(model.code.in_(codes))).all() if codes else []
    if len(rows) != len(set(codes)):
        unknown = sorted(set(codes) - {r.code for r in rows})
        raise InvalidInput(msgid, code=", ".join(unknown))
    return rows


def _check_owner(session: Session, owner_id: int | None, current: int | None) -> None:
    if owner_id is None:
        return
    owner = session.get(Member, owner_id)
    if owner is None:
        raise InvalidInput("There is no member with that number to own the action.")
    if owner.status != MemberStatus.ACTIVE.value and owner_id != current:
        raise InvalidInput("{name} has left the community: choose an owner who is still a "
                           "member.", name=owner.full_name or "")


TOO_LONG = {
    "title": N_("The title is {length} characters long; at most {limit}."),
    "title_cy": N_("The Welsh title is {length} characters long; at most {limit}."),
    "description": N_("The description is {length} characters long; at most {limit}."),
    "description_cy": N_("The Welsh description is {length} characters long; at most "
                         "{limit}."),
    "rag_reason": N_("The reason is {length} characters long; at most {limit}."),
    "note": N_("The note is {length} characters long; at most {limit}."),
}
UNKNOWN = {
    "objectives": N_("There is no objective '{code}'."),
    "goals": N_("There is no well-being goal '{code}'."),
    "ways": N_("There is no way of working '{code}'."),
}


def _validated(session: Session, data: ActionInput, current_owner: int | None) -> dict:
    limits = {"title": 300, "title_cy": 300}
    text = {name: _text(getattr(data, name), limits.get(name, MAX_TEXT), TOO_LONG[name])
            for name in ("title", "title_cy", "description", "description_cy", "rag_reason")}
    if not text["title"]:
        raise InvalidInput("Give the action a title in English.")
    if data.starts_on and data.due_on and data.due_on < data.starts_on:
        raise InvalidInput("The due date ({due}) is before the start date ({start}).",
                           due=data.due_on.strftime("%d/%m/%Y"),
                           start=data.starts_on.strftime("%d/%m/%Y"))
    try:
        status = ActionStatus(data.status).value
    except ValueError:
        raise InvalidInput("'{status}' is not a status an action can have.",
                           status=data.status) from None
    rag = data.rag or ""
    if rag and rag not in {r.value for r in RagRating}:
        raise InvalidInput("'{rag}' is not a RAG rating.", rag=rag)
    if rag and not text["rag_reason"]:
        raise InvalidInput("Say in words why the action is rated {rag}.", rag=rag)
    _check_owner(session, data.owner_member_id, current_owner)
    models = {"objectives": Objective, "goals": WellbeingGoal, "ways": WayOfWorking}
    return {
        **{name: value or None for name, value in text.items()}, "title": text["title"],
        "owner_member_id": data.owner_member_id, "starts_on": data.starts_on,
        "due_on": data.due_on, "status": status, "rag": rag or None,
        **{name: _codes(session, model, getattr(data, name), UNKNOWN[name])
           for name, model in models.items()},
    }


FIELDS = ("title", "title_cy", "description", "description_cy", "owner_member_id",
          "starts_on", "due_on", "status", "rag", "rag_reason", "completed_on")


def _links(session: Session, action_id: int) -> dict[str, list[str]]:
    def codes(link, model, column):
        return sorted(session.exec(select(model.code).join(link, column == model.id)
                                   .where(link.action_id == action_id)).all())
    return {"objectives": codes(ActionObjectiveLink, Objective, ActionObjectiveLink.objective_id),
            "goals": codes(ActionGoalLink, WellbeingGoal, ActionGoalLink.goal_id),
            "ways": codes(ActionWayLink, WayOfWorking, ActionWayLink.way_id)}


def _state(session: Session, action: SteeringAction) -> dict:
    values = {name: getattr(action, name) for name in FIELDS}
    values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
    return {**values, **_links(session, action.id), "version": action.version}


def save_action(session: Session, actor: Actor, action_id: int | None, data: ActionInput,
                today: date) -> SteeringAction:
    """Create (``action_id`` None) or update an action. Steering group only; audited; a
    save from an older version than the stored one is refused."""
    require_role(actor, Role.STEERING)
    action = SteeringAction(title="") if action_id is None else session.get(SteeringAction,
                                                                             action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if action_id is not None and data.version != action.version:
        raise StaleEdit(STALE, theirs=action.version, yours=data.version)
    values = _validated(session, data, action.owner_member_id)
    before = None if action_id is None else _state(session, action)
    links = {k: values.pop(k) for k in ("objectives", "goals", "ways")}
    was_done = action.status == ActionStatus.DONE.value
    for name, value in values.items():
        setattr(action, name, value)
    if values["status"] == ActionStatus.DONE.value:
        action.completed_on = action.completed_on if was_done else today
    else:
        action.completed_on = None
    if action_id is None:
        action.meeting_id, action.agenda_item_id = data.meeting_id, data.agenda_item_id
        action.version = 1
    else:
        action.version += 1
    action.updated_at = utcnow()
    session.add(action)
    session.flush()
    for link, column, rows in ((ActionObjectiveLink, "objective_id", links["objectives"]),
                               (ActionGoalLink, "goal_id", links["goals"]),
                               (ActionWayLink, "way_id", links["ways"])):
        session.exec(delete(link).where(link.action_id == action.id))
        session.add_all([link(action_id=action.id, **{column: row.id}) for row in rows])
    session.flush()
    record(session, actor, "create" if action_id is None else "update", "steering_action",
           action.id, before, _state(session, action))
    return action


def set_action_status(session: Session, actor: Actor, action_id: int, status: str,
                      today: date, version: int | None = None) -> SteeringAction:
    """Change an action's status (the list's and the board's control). Steering group and
    admins only; audited; with ``version``, refused if the action changed since."""
    require_role(actor, Role.STEERING)
    try:
        new_status = ActionStatus(status)
    except ValueError:
        raise InvalidInput("'{status}' is not a status an action can have.",
                           status=status) from None
    action = session.get(SteeringAction, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if version is not None and version != action.version:
        raise StaleEdit(STALE, theirs=action.version, yours=version)
    before = _state(session, action)
    if action.status != new_status.value:
        action.completed_on = today if new_status == ActionStatus.DONE else None
    action.status = new_status.value
    action.version += 1
    action.updated_at = utcnow()
    session.add(action)
    record(session, actor, "update_status", "steering_action", action.id, before,
           _state(session, action))
    return action


def add_note(session: Session, actor: Actor, action_id: int, text: str) -> ActionNote:
    """A progress note: the steering group on any action, a member on one they own."""
    require_role(actor, Role.MEMBER)
    action = session.get(SteeringAction, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if not has_role(actor, Role.STEERING) and action.owner_member_id != actor.member_id:
        raise PermissionDenied("You do not have permission to do that.")
    text = _text(text, MAX_TEXT, TOO_LONG["note"])
    if not text:
        raise InvalidInput("Write the note before adding it.")
    note = ActionNote(action_id=action_id, author=actor.display_name or actor.label, text=text)
    session.add(note)
    session.flush()
    record(session, actor, "add_note", "steering_action", action_id, None,
           {"note": text, "note_id": note.id})
    return note


def action_detail(session: Session, actor: Actor, action_id: int) -> ActionDetail:
    """One action with its notes; the steering group sees any, a member only their own."""
    require_role(actor, Role.MEMBER)
    action = session.get(SteeringAction, action_id)
    if action is None or (not has_role(actor, Role.STEERING)
                          and action.owner_member_id != actor.member_id):
        raise NotFound("There is no action with that number.")
    owner = session.get(Member, action.owner_member_id) if action.owner_member_id else None
    links = _links(session, action.id)
    notes = [NoteRow(n.author, n.at, n.text) for n in session.exec(
        select(ActionNote).where(ActionNote.action_id == action_id)
        .order_by(ActionNote.at.desc(), ActionNote.id.desc()))]
    return ActionDetail(
        id=action.id, version=action.version, title=action.title,
        title_cy=action.title_cy or "", description=action.description or "",
        description_cy=action.description_cy or "", owner_member_id=action.owner_member_id,
        owner=owner.full_name if owner else "", starts_on=action.starts_on,
        due_on=action.due_on, status=action.status, rag=action.rag or "",
        rag_reason=action.rag_reason or "", objectives=tuple(links["objectives"]),
        goals=tuple(links["goals"]), ways=tuple(links["ways"]),
        completed_on=action.completed_on, updated_at=action.updated_at, notes=notes)


def action_history(session: Session, actor: Actor, action_id: int):
    """Who changed the action, when, and what (from the audit log)."""
    from dashboard.domain.steering.history import history

    action_detail(session, actor, action_id)  # the same visibility as the action
    return history(session, "steering_action", action_id)


def parse_day(text: str, heading: str) -> date | None:
    """A date from a form (YYYY-MM-DD, as date inputs send it, or DD/MM/YYYY)."""
    text = (text or "").strip()
    if not text:
        return None
    for parse in (date.fromisoformat, lambda v: datetime.strptime(v, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    raise InvalidInput("'{text}' is not a date ({field}): write it as 31/01/2027.",
                       text=text[:40], field=heading)


def action_input(form: dict[str, str], version: int) -> ActionInput:
    """The action form's fields (checkboxes as ``objective:<code>``...) as an ActionInput."""
    owner = (form.get("owner") or "").strip()

    def chosen(prefix: str) -> tuple[str, ...]:
        return tuple(sorted(key.split(":", 1)[1] for key, value in form.items()
                            if key.startswith(prefix + ":") and value))

    return ActionInput(
        title=form.get("title", ""), title_cy=form.get("title_cy", ""),
        description=form.get("description", ""), description_cy=form.get("description_cy", ""),
        owner_member_id=int(owner) if owner.isdigit() else None,
        starts_on=parse_day(form.get("starts_on", ""), "start"),
        due_on=parse_day(form.get("due_on", ""), "due"),
        status=form.get("status", "open"), rag=form.get("rag", ""),
        rag_reason=form.get("rag_reason", ""), objectives=chosen("objective"),
        goals=chosen("goal"), ways=chosen("way"), version=version)
