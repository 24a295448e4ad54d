"""Series page (/series/[slug]): each event of a series with its attendance and recording
views, the totals, and the series' own calendar feed."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.events.detail import SeriesEvent, series_page, when_text
from state.base import AppState
from state.events import backend_url
from state.rows import Bilingual, each_language


@dataclass(frozen=True)
class SeriesRow:
    href: str
    title: str
    status: str
    cancelled: bool
    when: Bilingual
    attendance: int
    has_views: bool
    views: int


def series_row(row: SeriesEvent) -> SeriesRow:
    return SeriesRow(
        href=routes.event_page(row.id), title=row.title, status=row.status,
        cancelled=row.status == "cancelled",
        when=each_language(lambda lang: when_text(row.starts_at, row.ends_at, False,
                                                  row.timezone, lang)),
        attendance=row.attendance, has_views=row.views is not None, views=row.views or 0,
    )


class SeriesState(AppState):
    found: bool = False
    title: Bilingual = Bilingual()
    description: Bilingual = Bilingual()
    rows: list[SeriesRow] = []
    attendance: int = 0
    views: int = 0
    feed_url: str = ""

    @rx.event
    def load(self):
        slug = self._url_part()
        stats = self._read(lambda session, actor: series_page(session, slug))
        self.found = stats is not None
        if stats is None:
            return
        s = stats.series
        self.title = Bilingual(s.title_en, s.title_cy)
        self.description = Bilingual(s.description_en or "", s.description_cy or "")
        self.rows = [series_row(r) for r in stats.events]
        self.attendance, self.views = stats.attendance, stats.views
        self.feed_url = backend_url() + routes.series_feed(s.slug)
