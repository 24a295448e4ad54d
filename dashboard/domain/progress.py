"""Progress against the objectives, for the steering group and leaders: for each CDPS
objective its actions (done, open, overdue) and decisions; the figures that show progress
over time (members and bodies represented, events and attendance, maturity by round); and
the well-being goals x ways of working matrix of the actions that serve them, so gaps show.

Like the Overview, this reads across the features; no feature depends on it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func
from sqlmodel import Session, select

from dashboard.domain.auth import Actor, require_role
from dashboard.models import (
    OPEN_ACTION_STATUSES,
    ActionGoalLink,
    ActionObjectiveLink,
    ActionStatus,
    ActionWayLink,
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    Decision,
    DecisionObjectiveLink,
    DecisionStatus,
    Event,
    EventStatus,
    Member,
    MemberStatus,
    Objective,
    Organisation,
    Registration,
    Role,
    SteeringAction,
    WayOfWorking,
    WellbeingGoal,
)

# The figures that show each objective moving (keys of QuarterRow / the maturity rounds).
FIGURES = {
    "cdps-1": ("members", "bodies"),
    "cdps-4": ("maturity",),
    "cdps-5": ("events", "attendance"),
    "cdps-6": ("bodies", "maturity"),
    "cdps-7": ("events",),
}
MEMBERSHIP = (MemberStatus.ACTIVE.value, MemberStatus.LEFT.value, MemberStatus.ERASED.value)


@dataclass(frozen=True)
class ObjectiveProgress:
    code: str
    number: int
    text_en: str
    text_cy: str
    done: int
    open: int
    overdue: int
    blocked: int
    decisions: int  # active decisions linked to it
    figures: tuple[str, ...]


def objective_progress(session: Session, today: date) -> list[ObjectiveProgress]:
    is_open = SteeringAction.status.in_(OPEN_ACTION_STATUSES)
    counts = {row[0]: row[1:] for row in session.exec(
        select(ActionObjectiveLink.objective_id,
               func.sum(case((SteeringAction.status == ActionStatus.DONE.value, 1), else_=0)),
               func.sum(case((is_open, 1), else_=0)),
               func.sum(case((and_(is_open, SteeringAction.due_on < today), 1), else_=0)),
               func.sum(case((SteeringAction.status == ActionStatus.BLOCKED.value, 1),
                             else_=0)))
        .join(SteeringAction, SteeringAction.id == ActionObjectiveLink.action_id)
        .group_by(ActionObjectiveLink.objective_id))}
    decisions = dict(session.exec(
        select(DecisionObjectiveLink.objective_id, func.count())
        .join(Decision, Decision.id == DecisionObjectiveLink.decision_id)
        .where(Decision.status == DecisionStatus.ACTIVE.value)
        .group_by(DecisionObjectiveLink.objective_id)).all())
    rows = []
    for o in session.exec(select(Objective).order_by(Objective.number)):
        done, open_, overdue, blocked = (int(n or 0) for n in counts.get(o.id, (0, 0, 0, 0)))
        rows.append(ObjectiveProgress(o.code, o.number, o.text_en, o.text_cy, done, open_,
                                      overdue, blocked, int(decisions.get(o.id, 0)),
                                      FIGURES.get(o.code, ())))
    return rows


@dataclass(frozen=True)
class QuarterRow:
    ends_on: date  # the quarter's last day (or today, for the quarter so far)
    members: int  # members at the end of it
    bodies: int  # registry bodies with at least one member then
    events: int  # events held in the quarter (not cancelled)
    attendance: int  # attendances recorded at them


def quarter_ends(today: date, quarters: int) -> list[tuple[date, date]]:
    """(first day, last day) of the last ``quarters`` quarters, oldest first, the current
    one ending today."""
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    spans = [(start, today)]
    for _ in range(quarters - 1):
        end = start - timedelta(days=1)
        start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        spans.append((start, end))
    return list(reversed(spans))


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def figures_over_time(session: Session, today: date, quarters: int = 5) -> list[QuarterRow]:
    spans = quarter_ends(today, quarters)
    # Bodies represented: a body is represented from the day its first still-current member
    # joined (one row a body, grouped by the database), and while any former member was
    # one (the few spells with a leaving date); tested against each quarter's end here,
    # where a DISTINCT count a quarter read the member table five times over.
    in_registry = (Member.status.in_(MEMBERSHIP), Organisation.in_registry,
                   Member.joined_on.is_not(None))
    current = dict(session.exec(
        select(Member.organisation_id, func.min(Member.joined_on))
        .join(Organisation, Organisation.id == Member.organisation_id)
        .where(*in_registry, Member.left_on.is_(None)).group_by(Member.organisation_id)).all())
    former = session.exec(
        select(Member.organisation_id, Member.joined_on, Member.left_on)
        .join(Organisation, Organisation.id == Member.organisation_id)
        # Only members have a leaving date; a range on it alone, so its index finds them.
        .where(Organisation.in_registry, Member.left_on > date(1900, 1, 1))).all()
    rows = []
    for first, last in spans:
        # Members then: everyone who had joined by then, less everyone who had left (only
        # members have a leaving date); each count is answered by an index.
        joined = session.exec(select(func.count()).select_from(Member).where(
            Member.status.in_(MEMBERSHIP), Member.joined_on <= last)).one()
        left = session.exec(select(func.count()).select_from(Member).where(
            Member.left_on <= last)).one()
        bodies = len({org for org, since in current.items() if since <= last}
                     | {org for org, joined_on, left_on in former
                        if joined_on is not None and joined_on <= last < left_on})
        held = and_(Event.starts_at >= _utc(first), Event.starts_at < _utc(last + timedelta(1)),
                    Event.status != EventStatus.CANCELLED.value)
        events = session.exec(select(func.count()).select_from(Event).where(held)).one()
        attendance = session.exec(
            select(func.count()).select_from(Registration)
            .join(Event, Event.id == Registration.event_id)
            .where(held, Registration.attended)).one()
        rows.append(QuarterRow(last, joined - left, bodies, events, attendance))
    return rows


@dataclass(frozen=True)
class RoundRow:
    name: str
    closes_on: date
    bodies_assessed: int
    median_level: float | None  # the median of the bodies' mean levels


def maturity_by_round(session: Session, rounds: int = 6) -> list[RoundRow]:
    """The latest ``rounds`` rounds, oldest first: accepted assessments and their median."""
    chosen = list(reversed(session.exec(select(AssessmentRound).order_by(
        AssessmentRound.opens_on.desc()).limit(rounds)).all()))
    rows = []
    for r in chosen:
        levels = session.exec(
            select(func.avg(AssessmentScore.level))
            .join(Assessment, Assessment.id == AssessmentScore.assessment_id)
            .where(Assessment.round_id == r.id,
                   Assessment.status == AssessmentStatus.ACCEPTED.value,
                   AssessmentScore.level.is_not(None))
            .group_by(Assessment.id)).all()
        values = [float(v) for v in levels if v is not None]
        rows.append(RoundRow(r.name, r.closes_on, len(values),
                             round(statistics.median(values), 2) if values else None))
    return rows


@dataclass(frozen=True)
class Matrix:
    goals: list[tuple[str, str, str]]  # (code, English, Welsh), in the Act's order
    ways: list[tuple[str, str, str]]
    counts: dict[tuple[str, str], int]  # (goal, way) -> actions serving both
    goal_totals: dict[str, int]  # actions serving the goal
    way_totals: dict[str, int]


def wellbeing_matrix(session: Session, open_only: bool = False) -> Matrix:
    goals = [(g.code, g.name_en, g.name_cy) for g in
             session.exec(select(WellbeingGoal).order_by(WellbeingGoal.position))]
    ways = [(w.code, w.name_en, w.name_cy) for w in
            session.exec(select(WayOfWorking).order_by(WayOfWorking.position))]
    live = [SteeringAction.status != ActionStatus.CANCELLED.value]
    if open_only:
        live = [SteeringAction.status.in_(OPEN_ACTION_STATUSES)]
    pairs = session.exec(
        select(WellbeingGoal.code, WayOfWorking.code, func.count())
        .select_from(ActionGoalLink)
        .join(ActionWayLink, ActionWayLink.action_id == ActionGoalLink.action_id)
        .join(SteeringAction, SteeringAction.id == ActionGoalLink.action_id)
        .join(WellbeingGoal, WellbeingGoal.id == ActionGoalLink.goal_id)
        .join(WayOfWorking, WayOfWorking.id == ActionWayLink.way_id)
        .where(*live).group_by(WellbeingGoal.code, WayOfWorking.code)).all()
    goal_totals = dict(session.exec(
        select(WellbeingGoal.code, func.count()).select_from(ActionGoalLink)
        .join(SteeringAction, SteeringAction.id == ActionGoalLink.action_id)
        .join(WellbeingGoal, WellbeingGoal.id == ActionGoalLink.goal_id)
        .where(*live).group_by(WellbeingGoal.code)).all())
    way_totals = dict(session.exec(
        select(WayOfWorking.code, func.count()).select_from(ActionWayLink)
        .join(SteeringAction, SteeringAction.id == ActionWayLink.action_id)
        .join(WayOfWorking, WayOfWorking.id == ActionWayLink.way_id)
        .where(*live).group_by(WayOfWorking.code)).all())
    return Matrix(goals, ways, {(g, w): n for g, w, n in pairs}, goal_totals, way_totals)


@dataclass(frozen=True)
class Progress:
    objectives: list[ObjectiveProgress]
    quarters: list[QuarterRow]
    rounds: list[RoundRow]
    matrix: Matrix


def progress(session: Session, actor: Actor, today: date) -> Progress:
    """The whole progress page: for members (leaders among them) and the steering group."""
    require_role(actor, Role.MEMBER)
    return Progress(objective_progress(session, today), figures_over_time(session, today),
                    maturity_by_round(session), wellbeing_matrix(session))
