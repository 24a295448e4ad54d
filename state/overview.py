"""Overview: headline figures from the database, each linking to its page."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import format_when, utc_now
from dashboard.domain.maturity.levels import describe_level, format_level, level_names
from dashboard.domain.overview import OverviewFigures, UpcomingEvent, overview_figures
from state.base import AppState
from state.live import shared_cache
from state.rows import Bilingual, day, each_language


@dataclass(frozen=True)
class NextEvent:
    href: str
    title: str
    when: Bilingual
    where: str
    online: bool


@dataclass(frozen=True)
class SeriesFigures:
    title: Bilingual
    events: int
    attendance: int
    views: int


@dataclass(frozen=True)
class Headlines:
    members: int = 0
    members_new: int = 0
    bodies_represented: int = 0
    bodies_total: int = 0
    coverage_percent: int = 0
    readiness: str = "–"  # a level: "3", "2.5", or a dash when nobody is assessed
    readiness_label: Bilingual = Bilingual()
    bodies_assessed: int = 0
    # Too few bodies assessed to publish their median (the maturity page's rule).
    readiness_withheld: bool = False
    threshold: int = 0
    actions_open: int = 0
    actions_overdue: int = 0
    next_meeting: Bilingual = Bilingual()  # empty when none is scheduled


def next_event(event: UpcomingEvent) -> NextEvent:
    return NextEvent(
        href=f"{routes.EVENTS}/{event.id}", title=event.title,
        when=each_language(lambda lang: format_when(event.starts_at, event.ends_at, lang,
                                                    event.timezone)),
        where=event.location or "", online=event.online,
    )


def headlines(figures: OverviewFigures, names: dict[int, dict[str, str]]) -> Headlines:
    coverage, readiness = figures.coverage, figures.readiness.median_level
    return Headlines(
        members=figures.members.members, members_new=figures.members.new_this_month,
        bodies_represented=coverage.represented, bodies_total=coverage.total,
        coverage_percent=round(100 * coverage.represented / coverage.total)
        if coverage.total else 0,
        readiness=format_level(readiness),
        readiness_label=each_language(lambda lang: describe_level(readiness, names, lang)),
        bodies_assessed=figures.readiness.bodies_assessed,
        readiness_withheld=figures.readiness.withheld, threshold=figures.readiness.threshold,
        actions_open=figures.actions.open, actions_overdue=figures.actions.overdue,
        next_meeting=day(figures.actions.next_meeting_on),
    )


def _figures() -> tuple[OverviewFigures, dict]:
    with rx.session() as session:
        return overview_figures(session, utc_now()), level_names(session)


class OverviewState(AppState):
    loaded: bool = False
    figures: Headlines = Headlines()
    upcoming: list[NextEvent] = []
    series: list[SeriesFigures] = []  # the first webinar series, when there is one

    @rx.event
    def load(self):
        # The same for every reader: computed once per data version, shared by all clients.
        figures, names = shared_cache("overview", _figures)
        self.figures = headlines(figures, names)
        self.upcoming = [next_event(e) for e in figures.upcoming]
        s = figures.series
        self.series = [] if s is None else [SeriesFigures(
            title=Bilingual(en=s.title_en, cy=s.title_cy), events=s.events,
            attendance=s.attendance, views=s.views)]
        self.loaded = True
