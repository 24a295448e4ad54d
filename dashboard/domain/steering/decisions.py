"""The decisions log: each decision has a reference (DEC-001...), its text and rationale in
both languages, the options considered, who decided, a review date and links to actions
and objectives. Decisions are never deleted: a decision is superseded (by the one that
replaced it: never in a circle) or reversed. Only the steering group reads and keeps it;
published minutes show the decisions taken at a meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from dashboard.domain.audit import record, snapshot
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.domain.steering.action_editing import MAX_TEXT, StaleEdit
from dashboard.models import (
    Decision,
    DecisionActionLink,
    DecisionObjectiveLink,
    DecisionStatus,
    Objective,
    Role,
    SteeringAction,
    SteeringMeeting,
)

STALE = N_("Someone else changed decision {reference} while you were looking at it (their "
           "version {theirs}, yours {yours}). Nothing was saved: look again, then try again.")
FIELDS = ("reference", "decided_on", "text", "text_cy", "rationale", "rationale_cy", "options",
          "options_cy", "decided_by", "meeting_id", "review_on", "status", "superseded_by_id")


@dataclass(frozen=True)
class DecisionInput:
    text: str
    text_cy: str = ""
    rationale: str = ""
    rationale_cy: str = ""
    options: str = ""
    options_cy: str = ""
    decided_on: date | None = None
    decided_by: str = ""
    meeting_id: int | None = None
    review_on: date | None = None
    objectives: tuple[str, ...] = ()
    action_ids: tuple[int, ...] = ()
    agenda_item_id: int | None = None


TOO_LONG = N_("A text of the decision is {length} characters long; at most {limit}.")


def _clean(value: str, _name: str) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise InvalidInput(TOO_LONG, length=f"{len(value):,}", limit=f"{MAX_TEXT:,}")
    return value or None


def next_reference(session: Session) -> str:
    """DEC-001, DEC-002...: one more than the highest so far (DEC-1000 follows DEC-999)."""
    last = session.exec(select(Decision.reference).where(Decision.reference.is_not(None))
                        .order_by(func.length(Decision.reference).desc(),
                                  Decision.reference.desc()).limit(1)).first()
    number = int(last.split("-", 1)[1]) + 1 if last and last[4:].isdigit() else 1
    return f"DEC-{number:03d}"


def record_decision(session: Session, actor: Actor, data: DecisionInput,
                    today: date) -> Decision:
    """Add a decision to the log (steering group; audited)."""
    require_role(actor, Role.STEERING)
    text = _clean(data.text, "decision")
    if not text:
        raise InvalidInput("Write the decision in English.")
    meeting = session.get(SteeringMeeting, data.meeting_id) if data.meeting_id else None
    if data.meeting_id and meeting is None:
        raise InvalidInput("There is no meeting with that number.")
    decided_by = (data.decided_by or "").strip()[:300]
    if meeting is None and not decided_by:
        raise InvalidInput("Say who decided: the meeting, or the people.")
    decided_on = data.decided_on or (meeting.held_on if meeting else today)
    if data.review_on and data.review_on < decided_on:
        raise InvalidInput("The review date ({review}) is before the decision ({decided}).",
                           review=data.review_on.strftime("%d/%m/%Y"),
                           decided=decided_on.strftime("%d/%m/%Y"))
    decision = Decision(
        reference=next_reference(session), decided_on=decided_on, text=text,
        text_cy=_clean(data.text_cy, "decision in Welsh"),
        rationale=_clean(data.rationale, "rationale"),
        rationale_cy=_clean(data.rationale_cy, "rationale in Welsh"),
        options=_clean(data.options, "options"), options_cy=_clean(data.options_cy, "options"),
        decided_by=decided_by or None, meeting_id=data.meeting_id, review_on=data.review_on,
        agenda_item_id=data.agenda_item_id)
    session.add(decision)
    session.flush()
    objectives = session.exec(select(Objective).where(Objective.code.in_(data.objectives))
                              ).all() if data.objectives else []
    if len(objectives) != len(set(data.objectives)):
        raise InvalidInput("There is no objective '{code}'.", code=", ".join(
            sorted(set(data.objectives) - {o.code for o in objectives})))
    actions = session.exec(select(SteeringAction.id).where(
        SteeringAction.id.in_(data.action_ids))).all() if data.action_ids else []
    session.add_all([DecisionObjectiveLink(decision_id=decision.id, objective_id=o.id)
                     for o in objectives])
    session.add_all([DecisionActionLink(decision_id=decision.id, action_id=a) for a in actions])
    record(session, actor, "create", "decision", decision.id, None,
           {**snapshot(decision, FIELDS), "objectives": sorted(data.objectives),
            "actions": sorted(actions)})
    return decision


def _current(session: Session, decision_id: int, version: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("There is no decision with that number.")
    if version != decision.version:
        raise StaleEdit(STALE, reference=decision.reference, theirs=decision.version,
                        yours=version)
    return decision


def _by_reference(session: Session, reference: str) -> Decision:
    reference = (reference or "").strip().upper()
    found = session.exec(select(Decision).where(Decision.reference == reference)).first()
    if found is None:
        raise InvalidInput("There is no decision {reference} in the log.",
                           reference=reference[:20] or "?")
    return found


def supersede_decision(session: Session, actor: Actor, decision_id: int, version: int,
                       replacement: str) -> Decision:
    """Mark a decision superseded by another (given by reference). Refused when that would
    make a circle of decisions superseding each other."""
    require_role(actor, Role.STEERING)
    decision = _current(session, decision_id, version)
    newer = _by_reference(session, replacement)
    if decision.status != DecisionStatus.ACTIVE.value:
        raise InvalidInput("{reference} is already superseded or reversed.",
                           reference=decision.reference)
    seen, step = {decision.id}, newer
    while step is not None:  # follow what replaced the replacement: it must not lead back
        if step.id in seen:
            raise InvalidInput("{newer} cannot supersede {older}: {older} already supersedes "
                               "{newer}, directly or through others.",
                               newer=newer.reference, older=decision.reference)
        seen.add(step.id)
        step = session.get(Decision, step.superseded_by_id) if step.superseded_by_id else None
    before = snapshot(decision, FIELDS)
    decision.status, decision.superseded_by_id = DecisionStatus.SUPERSEDED.value, newer.id
    decision.version += 1
    session.add(decision)
    record(session, actor, "supersede", "decision", decision.id, before,
           snapshot(decision, FIELDS))
    return decision


def reverse_decision(session: Session, actor: Actor, decision_id: int,
                     version: int) -> Decision:
    require_role(actor, Role.STEERING)
    decision = _current(session, decision_id, version)
    if decision.status != DecisionStatus.ACTIVE.value:
        raise InvalidInput("{reference} is already superseded or reversed.",
                           reference=decision.reference)
    before = snapshot(decision, FIELDS)
    decision.status = DecisionStatus.REVERSED.value
    decision.version += 1
    session.add(decision)
    record(session, actor, "reverse", "decision", decision.id, before, snapshot(decision, FIELDS))
    return decision


@dataclass(frozen=True)
class DecisionQuery:
    search: str = ""
    status: str = ""
    objective: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> DecisionQuery:
        status = (params.get("status") or "").strip()
        page = (params.get("page") or "").strip()
        return cls(search=(params.get("q") or "").strip()[:100],
                   status=status if status in {s.value for s in DecisionStatus} else "",
                   objective=(params.get("objective") or "").strip()[:40],
                   page=int(page) if page.isdigit() and int(page) > 0 else 1)

    def to_params(self) -> dict[str, str]:
        params = {"q": self.search, "status": self.status, "objective": self.objective,
                  "page": "" if self.page == 1 else str(self.page)}
        return {key: value for key, value in params.items() if value}

    def with_changes(self, **changes) -> DecisionQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class DecisionRow:
    id: int
    version: int
    reference: str
    decided_on: date | None
    text: str
    text_cy: str | None
    rationale: str | None
    rationale_cy: str | None
    decided_by: str  # the meeting's title, or the people
    review_on: date | None
    status: str
    superseded_by: str  # the reference of the decision that replaced it


def _row(d: Decision, meeting_title: str | None, newer: str | None) -> DecisionRow:
    return DecisionRow(d.id, d.version, d.reference or "", d.decided_on, d.text, d.text_cy,
                       d.rationale, d.rationale_cy, meeting_title or d.decided_by or "",
                       d.review_on, d.status, newer or "")


def search_decisions(session: Session, actor: Actor, query: DecisionQuery,
                     page_size: int = DEFAULT_PAGE_SIZE) -> Page[DecisionRow]:
    """The log, newest first; the search looks in the reference, the text in both languages
    and the rationale (case aside)."""
    require_role(actor, Role.STEERING)
    newer_alias = Decision.__table__.alias("newer")
    statement = (select(Decision, SteeringMeeting.title, newer_alias.c.reference)
                 .outerjoin(SteeringMeeting, SteeringMeeting.id == Decision.meeting_id)
                 .outerjoin(newer_alias, newer_alias.c.id == Decision.superseded_by_id))
    if query.search:
        pattern = f"%{query.search.lower()}%"
        statement = statement.where(or_(*[func.lower(column).like(pattern) for column in (
            Decision.reference, Decision.text, Decision.text_cy, Decision.rationale,
            Decision.rationale_cy)]))
    if query.status:
        statement = statement.where(Decision.status == query.status)
    if query.objective:
        statement = statement.where(exists().where(
            DecisionObjectiveLink.decision_id == Decision.id,
            DecisionObjectiveLink.objective_id == Objective.id,
            Objective.code == query.objective))
    statement = statement.order_by(Decision.decided_on.desc(), Decision.id.desc())
    result = paged(session, statement, query.page, page_size)
    return Page([_row(d, title, ref) for d, title, ref in result.rows], result.total,
                result.page, result.page_size)


def due_for_review(session: Session, before: date, limit: int = 50) -> list[Decision]:
    """Active decisions whose review date falls before ``before`` (for the agenda)."""
    return list(session.exec(select(Decision).where(
        Decision.status == DecisionStatus.ACTIVE.value, Decision.review_on.is_not(None),
        Decision.review_on < before).order_by(Decision.review_on, Decision.id).limit(limit)))
