"""Events page: upcoming and past events with attendance and recording views."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import format_when, utc_now
from dashboard.domain.events import EventRow, list_events
from state.base import AppState


def _row(e: EventRow) -> dict[str, str]:
    return {
        "id": str(e.id),
        "anchor": f"event-{e.id}",
        "title": e.title,
        "when_en": format_when(e.starts_at, e.ends_at, "en", e.timezone),
        "when_cy": format_when(e.starts_at, e.ends_at, "cy", e.timezone),
        "where": e.location or "",
        "online": "1" if e.online_url and not e.location else "",
        "status": e.status,
        "series_en": e.series_en or "",
        "series_cy": e.series_cy or "",
        "attendance": f"{e.attendance:,}",
        "views": "" if e.views is None else f"{e.views:,}",
    }


class EventsState(AppState):
    upcoming: list[dict[str, str]] = []
    upcoming_page: int = 1
    upcoming_pages: int = 1
    upcoming_total: int = 0
    past: list[dict[str, str]] = []
    past_page: int = 1
    past_pages: int = 1
    past_total: int = 0

    @rx.event
    def load(self):
        self._load(True)
        self._load(False)

    def _load(self, upcoming: bool):
        with rx.session() as session:
            page = self.upcoming_page if upcoming else self.past_page
            result = list_events(session, utc_now(), upcoming, page)
        rows = [_row(e) for e in result.rows]
        if upcoming:
            self.upcoming, self.upcoming_page = rows, result.page
            self.upcoming_pages, self.upcoming_total = result.pages, result.total
        else:
            self.past, self.past_page = rows, result.page
            self.past_pages, self.past_total = result.pages, result.total

    @rx.event
    def upcoming_previous(self):
        self.upcoming_page -= 1
        self._load(True)

    @rx.event
    def upcoming_next(self):
        self.upcoming_page += 1
        self._load(True)

    @rx.event
    def past_previous(self):
        self.past_page -= 1
        self._load(False)

    @rx.event
    def past_next(self):
        self.past_page += 1
        self._load(False)
