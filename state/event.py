"""Event page (/events/[event_id]): one event with its counts and recording views; members
register themselves; the steering group cancels it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dashboard import routes
from dashboard.domain.auth import Actor
from dashboard.domain.clock import to_local, utc_now
from dashboard.domain.errors import parse_id
from dashboard.domain.events.detail import EventPage, ViewReading, event_page, when_text
from dashboard.domain.events.editing import cancel_event
from dashboard.domain.events.registration import cancel_registration, register
from state.base import AppState
from state.events import backend_url
from state.rows import Bilingual, day, each_language

NO_SUCH_EVENT = "There is no such event."


@dataclass(frozen=True)
class EventView:
    """The event the page shows, with its counts."""

    id: int = 0
    title: str = ""
    description: str = ""
    when: Bilingual = Bilingual()
    next_when: Bilingual = Bilingual()  # a recurring event's next occurrence, if any
    has_next: bool = False
    location: str = ""
    online_url: str = ""
    registration_url: str = ""
    speakers: str = ""
    topic: str = ""
    status: str = ""
    cancelled: bool = False
    recurring: bool = False
    in_series: bool = False
    series: Bilingual = Bilingual()
    series_href: str = ""
    capacity: int = 0  # 0: no limit
    registered: int = 0
    waitlisted: int = 0
    attended: int = 0
    full: bool = False
    past: bool = False
    recording_url: str = ""
    has_views: bool = False
    views: int = 0  # the latest reading
    ics_url: str = ""
    google_url: str = ""
    outlook_url: str = ""
    edit_href: str = ""


@dataclass(frozen=True)
class ViewsReading:
    """One reading of the recording's views, for the trend chart and its table."""

    read_on: Bilingual
    views: int


def event_view(found: EventPage, base_url: str) -> EventView:
    detail, e, coming = found.detail, found.detail.event, found.coming
    series = detail.series
    next_when = Bilingual()
    if coming and e.rrule:
        ends = coming + (e.ends_at - e.starts_at)
        next_when = each_language(lambda lang: when_text(coming, ends, e.all_day, e.timezone,
                                                         lang))
    return EventView(
        id=e.id, title=e.title, description=e.description or "",
        when=each_language(lambda lang: when_text(e.starts_at, e.ends_at, e.all_day, e.timezone,
                                                  lang)),
        next_when=next_when, has_next=bool(coming and e.rrule),
        location=e.location or "", online_url=e.online_url or "",
        registration_url=e.registration_url or "", speakers=e.speakers or "",
        topic=e.topic or "", status=e.status, cancelled=e.status == "cancelled",
        recurring=bool(e.rrule), in_series=series is not None,
        series=Bilingual(series.title_en, series.title_cy) if series else Bilingual(),
        series_href=routes.series_page(series.slug) if series else "",
        capacity=e.capacity or 0, registered=detail.registered, waitlisted=detail.waitlisted,
        attended=detail.attended, full=detail.is_full, past=coming is None,
        recording_url=e.recording_url or "", has_views=detail.latest_views is not None,
        views=detail.latest_views or 0, ics_url=base_url + routes.event_feed(e.id),
        google_url=found.google_url, outlook_url=found.outlook_url,
        edit_href=f"{routes.EVENT_EDITOR}?id={e.id}",
    )


def views_reading(reading: ViewReading) -> ViewsReading:
    return ViewsReading(read_on=day(to_local(reading.read_at).date()),
                        views=reading.view_count)


class EventState(AppState):
    found: bool = False
    # The event shown (from the address); the handlers act on this one.
    current_id: int = 0
    event: EventView = EventView()
    views: list[ViewsReading] = []
    my_status: str = ""  # the reader's own registration: "registered", "waitlisted" or ""
    signed_in_member: bool = False

    @rx.event
    def load(self):
        self._show(lambda session, actor: event_page(
            session, actor, parse_id(self._url_part(), NO_SUCH_EVENT), utc_now()))

    @rx.event
    def refresh(self):
        """Show the current event again (e.g. after its attendance was imported)."""
        self._refresh()

    def _refresh(self):
        self._show(lambda session, actor: event_page(session, actor, self.current_id,
                                                     utc_now()))

    def _show(self, fetch: Callable[[Session, Actor], EventPage]):
        found = self._read(fetch)
        self.found = found is not None
        if found is None:
            self.current_id = 0
            return
        self.current_id = found.detail.event.id
        self.my_status = found.detail.my_status or ""
        self.signed_in_member = found.can_register
        self.event = event_view(found, backend_url())
        self.views = [views_reading(v) for v in found.detail.views]

    @rx.event
    def register_me(self):
        status = self._change(lambda s, actor: register(s, actor, self.current_id, utc_now()))
        if status == "waitlisted":
            self._say("You are on the waiting list.")
        elif status is not None:
            self._say("You are registered.")
        self._refresh()

    @rx.event
    def cancel_me(self):
        done = self._change(lambda s, actor: cancel_registration(s, actor, self.current_id,
                                                                 utc_now()) or True)
        if done:
            self._say("Your registration is cancelled.")
        self._refresh()

    @rx.event
    def cancel_event(self):
        done = self._change(lambda s, actor: cancel_event(s, actor, self.current_id, utc_now()))
        if done is not None:
            self._say("The event is cancelled. It stays in the calendar, marked as cancelled.")
        self._refresh()
