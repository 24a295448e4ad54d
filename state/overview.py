"""Overview: headline figures from the database, each linking to its page."""

from __future__ import annotations

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import format_when, utc_now
from dashboard.domain.maturity.levels import describe_level, format_level, level_names
from dashboard.domain.overview import overview_figures
from state.base import AppState


class OverviewState(AppState):
    loaded: bool = False
    members: str = "0"
    members_new: str = "0"
    bodies_represented: str = "0"
    bodies_total: str = "0"
    coverage_percent: int = 0
    upcoming: list[dict[str, str]] = []
    has_series: bool = False
    series_title_en: str = ""
    series_title_cy: str = ""
    series_events: str = "0"
    series_attendance: str = "0"
    series_views: str = "0"
    readiness: str = "–"
    readiness_label_en: str = ""
    readiness_label_cy: str = ""
    bodies_assessed: str = "0"
    actions_open: str = "0"
    actions_overdue: str = "0"
    has_overdue: bool = False

    @rx.event
    def load(self):
        with rx.session() as session:
            figures = overview_figures(session, utc_now())
            names = level_names(session)
        self.members = f"{figures.members.members:,}"
        self.members_new = f"{figures.members.new_this_month:,}"
        self.bodies_represented = f"{figures.coverage.represented:,}"
        self.bodies_total = f"{figures.coverage.total:,}"
        self.coverage_percent = (
            round(100 * figures.coverage.represented / figures.coverage.total)
            if figures.coverage.total else 0
        )
        self.upcoming = [
            {
                "href": f"{routes.EVENTS}/{e.id}",
                "title": e.title,
                "when_en": format_when(e.starts_at, e.ends_at, "en", e.timezone),
                "when_cy": format_when(e.starts_at, e.ends_at, "cy", e.timezone),
                "where": e.location or "",
                "online": "1" if e.online else "",
            }
            for e in figures.upcoming
        ]
        series = figures.series
        self.has_series = series is not None
        if series is not None:
            self.series_title_en, self.series_title_cy = series.title_en, series.title_cy
            self.series_events = f"{series.events:,}"
            self.series_attendance = f"{series.attendance:,}"
            self.series_views = f"{series.views:,}"
        readiness = figures.readiness.median_level
        self.readiness = format_level(readiness)
        self.readiness_label_en = describe_level(readiness, names, "en")
        self.readiness_label_cy = describe_level(readiness, names, "cy")
        self.bodies_assessed = f"{figures.readiness.bodies_assessed:,}"
        self.actions_open = f"{figures.actions.open:,}"
        self.actions_overdue = f"{figures.actions.overdue:,}"
        self.has_overdue = figures.actions.overdue > 0
        self.loaded = True
