"""A body's maturity report: its levels beside the sector's and its type's medians, its
history across rounds and its suggested next steps (published bodies; its own assessors and
the steering group always). A body never assessed says so, to anyone; figures from a round
that is still open are marked provisional."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.maturity.body_view import BodyDimension, BodyView, NextStep, body_view
from dashboard.domain.maturity.levels import shown_level
from dashboard.domain.query_text import clean_query_text
from state.base import AppState
from state.rows import Bilingual


@dataclass(frozen=True)
class LevelRow:
    name: Bilingual
    level: int | None  # None: not applicable (or not answered)
    sector: float | None  # the sector's median; None where withheld
    of_type: float | None  # the median of the body's type; None where withheld


def level_row(d: BodyDimension) -> LevelRow:
    return LevelRow(Bilingual(d.name_en, d.name_cy), d.level, shown_level(d.sector_median),
                    shown_level(d.type_median))


@dataclass(frozen=True)
class RadarPoint:
    """One spoke of the radar chart (0 where there is no level). ``number`` labels the spoke
    on a narrow screen (the table numbers its rows the same); ``name`` on a wide one, made
    unique, since the chart tells its spokes apart by their labels."""

    number: str
    name: Bilingual
    body: float
    sector: float
    type: float


def radar_points(dims: list[BodyDimension]) -> list[RadarPoint]:
    seen: dict[str, set[str]] = {"en": set(), "cy": set()}

    def unique(name: str, lang: str, number: str) -> str:
        label = name if name and name not in seen[lang] else f"{number}. {name}".strip()
        seen[lang].add(label)
        return label

    return [RadarPoint(str(i), Bilingual(unique(d.name_en, "en", str(i)),
                                         unique(d.name_cy, "cy", str(i))),
                       d.level or 0, d.sector_median or 0, d.type_median or 0)
            for i, d in enumerate(dims, start=1)]


@dataclass(frozen=True)
class RoundHead:
    name: str
    provisional: bool  # the round is still open


@dataclass(frozen=True)
class HistoryRow:
    name: Bilingual
    levels: list[int | None]  # one a round, oldest first; None where not answered


@dataclass(frozen=True)
class StepItem:
    name: Bilingual
    level: int
    next_level: int
    next_text: Bilingual  # what the next level looks like


def step_item(s: NextStep) -> StepItem:
    return StepItem(Bilingual(s.name_en, s.name_cy), s.level, s.next_level,
                    Bilingual(s.next_en, s.next_cy))


class BodyMaturityState(AppState):
    found: bool = False
    assessed: bool = False  # False: no accepted assessment yet, nothing but its name shown
    name: Bilingual = Bilingual()
    body_type: str = ""
    round_name: str = ""
    provisional: bool = False  # its latest round is still open
    at_top_level: bool = False  # every answered dimension at level 5
    rows: list[LevelRow] = []
    radar: list[RadarPoint] = []
    # Where the radius axis's levels are written: between the first two spokes, clear of
    # the labels.
    radar_tick_angle: int = 67
    history_head: list[RoundHead] = []  # the rounds, oldest first
    history: list[HistoryRow] = []
    steps: list[StepItem] = []

    @rx.event
    def load(self):
        # /maturity/body/<slug>; no NUL reaches the database
        slug = clean_query_text(self._url_part(), limit=200)
        self.found = False
        today = london_today(utc_now())
        view = self._read(lambda session, actor: body_view(session, actor, slug, today=today))
        if view is not None:
            self._show(view)

    def _show(self, view: BodyView) -> None:
        self.found = True
        self.assessed = view.assessed
        self.name = Bilingual(view.name_en, view.name_cy)
        self.body_type = view.body_type
        self.round_name = view.round_name or ""
        self.provisional = view.provisional
        self.at_top_level = view.at_top_level
        self.rows = [level_row(d) for d in view.dimensions]
        self.radar = radar_points(view.dimensions)
        self.radar_tick_angle = round(90 - 180 / len(view.dimensions)) if view.dimensions else 67
        self.history_head = [RoundHead(name, name in view.open_rounds)
                             for name, _levels in view.history]
        self.history = [
            HistoryRow(Bilingual(d.name_en, d.name_cy),
                       [levels.get(d.key) for _name, levels in view.history])
            for d in view.dimensions
        ]
        self.steps = [step_item(s) for s in view.next_steps]
