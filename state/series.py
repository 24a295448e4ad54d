"""Series page (/series/[slug]): each event of a series with its attendance and recording
views, the totals, and the series' own calendar feed."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import to_local
from dashboard.domain.events.detail import SeriesEvent, series_page
from dashboard.domain.query_text import clean_query_text
from state.base import AppState, backend_url
from state.event import tab_title
from state.rows import Bilingual, day, welsh_or_english


@dataclass(frozen=True)
class SeriesRow:
    href: str
    title: Bilingual  # the Welsh falls back to the English, marked untranslated
    title_untranslated: bool
    status: str
    cancelled: bool
    when: Bilingual  # the day, in the event's time zone (short: the table fits a phone)
    attendance: int
    has_views: bool
    views: int


def series_row(row: SeriesEvent) -> SeriesRow:
    title, untranslated = welsh_or_english(row.title, row.title_cy)
    return SeriesRow(
        href=routes.event_page(row.id), title=title, title_untranslated=untranslated,
        status=row.status,
        cancelled=row.status == "cancelled",
        when=day(to_local(row.starts_at, row.timezone).date()),
        attendance=row.attendance, has_views=row.views is not None, views=row.views or 0,
    )


class SeriesState(AppState):
    found: bool = False
    title: Bilingual = Bilingual()
    description: Bilingual = Bilingual()
    rows: list[SeriesRow] = []
    attendance: int = 0
    views: int = 0
    feed_url: Bilingual = Bilingual()  # the series' feed in the reader's language
    tab_title: Bilingual = Bilingual()

    @rx.event
    def load(self):
        slug = clean_query_text(self._url_part(), limit=200)  # no NUL reaches the database
        stats = self._read(lambda session, actor: series_page(session, slug))
        self.found = stats is not None
        if stats is None:
            return
        s = stats.series
        self.title = Bilingual(s.title_en, s.title_cy)
        self.description = Bilingual(s.description_en or "", s.description_cy or "")
        self.rows = [series_row(r) for r in stats.events]
        self.attendance, self.views = stats.attendance, stats.views
        feed = backend_url() + routes.series_feed(s.slug)
        self.feed_url = Bilingual(feed, feed + routes.WELSH_FEED)
        self.tab_title = tab_title(self.title)
