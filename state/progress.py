"""Progress page: each CDPS objective's actions and decisions, the figures over time, and
the well-being goals x ways of working matrix (members and the steering group)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.progress import Matrix, Progress, progress
from dashboard.models import Role
from state.base import AppState
from state.rows import Bilingual, day


@dataclass(frozen=True)
class ObjectiveItem:
    code: str
    number: int
    short: str  # "1", for the chart's axis
    text: Bilingual
    done: int
    open: int
    open_on_time: int  # open and not overdue (the chart stacks it under overdue)
    overdue: int
    blocked: int
    decisions: int
    figures: list[str]
    href: str  # its actions, filtered


@dataclass(frozen=True)
class QuarterItem:
    ends: Bilingual
    members: int
    bodies: int
    events: int
    attendance: int


@dataclass(frozen=True)
class RoundItem:
    name: str
    closes: Bilingual
    bodies: int
    median: str  # "2.75"; "" when no body's assessment is accepted yet


@dataclass(frozen=True)
class MatrixCell:
    way: Bilingual
    count: int
    gap: bool


@dataclass(frozen=True)
class MatrixRow:
    goal: Bilingual
    cells: list[MatrixCell]
    total: int


def matrix_rows(matrix: Matrix) -> list[MatrixRow]:
    return [MatrixRow(Bilingual(en, cy),
                      [MatrixCell(Bilingual(w_en, w_cy), matrix.counts.get((goal, way), 0),
                                  matrix.counts.get((goal, way), 0) == 0)
                       for way, w_en, w_cy in matrix.ways],
                      matrix.goal_totals.get(goal, 0))
            for goal, en, cy in matrix.goals]


def objective_items(found: Progress) -> list[ObjectiveItem]:
    return [ObjectiveItem(o.code, o.number, str(o.number),
                          Bilingual(o.text_en, o.text_cy), o.done, o.open,
                          o.open - o.overdue, o.overdue, o.blocked, o.decisions,
                          list(o.figures), f"{routes.ACTIONS}?objective={o.code}")
            for o in found.objectives]


class ProgressState(AppState):
    allowed: bool = False
    objectives: list[ObjectiveItem] = []
    quarters: list[QuarterItem] = []
    rounds: list[RoundItem] = []
    ways: list[Bilingual] = []
    matrix: list[MatrixRow] = []

    @rx.event
    def load(self):
        self.allowed = self._has_role(Role.MEMBER)
        if not self.allowed:
            self.problem_text = self._in_both(
                "The steering group's progress is for members.")
            return
        today = london_today(utc_now())
        found = self._read(lambda session, actor: progress(session, actor, today))
        if found is None:
            return
        self.objectives = objective_items(found)
        self.quarters = [QuarterItem(day(q.ends_on), q.members, q.bodies, q.events,
                                     q.attendance) for q in found.quarters]
        self.rounds = [RoundItem(r.name, day(r.closes_on), r.bodies_assessed,
                                 "" if r.median_level is None else f"{r.median_level:.2f}")
                       for r in found.rounds]
        self.ways = [Bilingual(en, cy) for _, en, cy in found.matrix.ways]
        self.matrix = matrix_rows(found.matrix)
