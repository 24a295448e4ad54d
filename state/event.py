"""Event page (/events/[event_id]): one event with its counts and recording views; members
register themselves; the steering group cancels it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session

from dashboard import routes
from dashboard.domain.auth import Actor
from dashboard.domain.clock import to_local, utc_now
from dashboard.domain.errors import parse_id
from dashboard.domain.events.detail import EventPage, ViewReading, event_page, when_text
from dashboard.domain.events.editing import cancel_event
from dashboard.domain.events.registration import cancel_registration, register
from dashboard.domain.web_address import shown_link
from state.base import AppState, backend_url
from state.rows import Bilingual, day, each_language, welsh_or_english

NO_SUCH_EVENT = "There is no such event."


@dataclass(frozen=True)
class EventView:
    """The event the page shows, with its counts."""

    id: int = 0
    # The event's own text: the Welsh falls back to the English, marked untranslated.
    title: Bilingual = Bilingual()
    title_untranslated: bool = False
    description: Bilingual = Bilingual()
    description_untranslated: bool = False
    when: Bilingual = Bilingual()
    next_when: Bilingual = Bilingual()  # a recurring event's next occurrence, if any
    has_next: bool = False
    location: Bilingual = Bilingual()
    location_untranslated: bool = False
    online_url: str = ""  # only while it can be joined: not once cancelled or over
    registration_url: str = ""  # the organiser's registration page, likewise
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
    ics_url: Bilingual = Bilingual()  # the .ics in the reader's language
    google_url: Bilingual = Bilingual()
    outlook_url: Bilingual = Bilingual()
    edit_href: str = ""
    tab_title: Bilingual = Bilingual()  # the browser tab's title once the event is shown


@dataclass(frozen=True)
class ViewsReading:
    """One reading of the recording's views, for the trend chart and its table: ``at`` is
    when it was read (milliseconds since 1970, UTC), so the chart spaces readings by time."""

    read_on: Bilingual
    at: int
    views: int


@dataclass(frozen=True)
class OccurrenceChoice:
    """A coming occurrence of a recurring event a member can register for."""

    key: str  # its start, UTC ISO: what the choice sends back and ?on= carries
    when: Bilingual


def occurrence_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse_occurrence(key: str) -> datetime | None:
    try:
        return datetime.strptime(key, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def tab_title(title: Bilingual) -> Bilingual:
    return Bilingual(f"{title.en} · Cymuned", f"{title.cy} · Cymuned")


def event_view(found: EventPage, base_url: str) -> EventView:
    detail, e, coming = found.detail, found.detail.event, found.coming
    series = detail.series
    next_when = Bilingual()
    if coming and e.rrule:
        ends = coming + (e.ends_at - e.starts_at)
        next_when = each_language(lambda lang: when_text(coming, ends, e.all_day, e.timezone,
                                                         lang))
    title, title_untranslated = welsh_or_english(e.title, e.title_cy)
    description, description_untranslated = welsh_or_english(e.description, e.description_cy)
    location, location_untranslated = welsh_or_english(e.location, e.location_cy)
    cancelled, past = e.status == "cancelled", coming is None
    open_to_join = not cancelled and not past
    ics = base_url + routes.event_feed(e.id)
    return EventView(
        id=e.id, title=title, title_untranslated=title_untranslated,
        description=description, description_untranslated=description_untranslated,
        when=each_language(lambda lang: when_text(e.starts_at, e.ends_at, e.all_day, e.timezone,
                                                  lang)),
        next_when=next_when, has_next=bool(coming and e.rrule),
        location=location, location_untranslated=location_untranslated,
        # A link stored before links were checked is shown only if it is a web address.
        online_url=shown_link(e.online_url) if open_to_join else "",
        registration_url=shown_link(e.registration_url) if open_to_join else "",
        speakers=e.speakers or "",
        topic=e.topic or "", status=e.status, cancelled=cancelled,
        recurring=bool(e.rrule), in_series=series is not None,
        series=Bilingual(series.title_en, series.title_cy) if series else Bilingual(),
        series_href=routes.series_page(series.slug) if series else "",
        capacity=e.capacity or 0, registered=detail.registered, waitlisted=detail.waitlisted,
        attended=detail.attended, full=detail.is_full, past=past,
        recording_url=shown_link(e.recording_url), has_views=detail.latest_views is not None,
        views=detail.latest_views or 0, ics_url=Bilingual(ics, ics + routes.WELSH_FEED),
        google_url=Bilingual(found.google_url, found.google_url_cy),
        outlook_url=Bilingual(found.outlook_url, found.outlook_url_cy),
        edit_href=f"{routes.EVENT_EDITOR}?id={e.id}", tab_title=tab_title(title),
    )


def views_reading(reading: ViewReading) -> ViewsReading:
    read_at = reading.read_at if reading.read_at.tzinfo else reading.read_at.replace(tzinfo=UTC)
    return ViewsReading(read_on=day(to_local(read_at).date()),
                        at=int(read_at.timestamp() * 1000), views=reading.view_count)


def occurrence_choice(moment: datetime, found: EventPage) -> OccurrenceChoice:
    e = found.detail.event
    ends = moment + (e.ends_at - e.starts_at)
    return OccurrenceChoice(occurrence_key(moment), each_language(
        lambda lang: when_text(moment, ends, e.all_day, e.timezone, lang)))


class EventState(AppState):
    found: bool = False
    # The event shown (from the address); the handlers act on this one.
    current_id: int = 0
    event: EventView = EventView()
    views: list[ViewsReading] = []
    view_times: list[int] = []  # the readings' times: the chart's ticks
    # A recurring event's coming occurrences, and the one chosen (?on=, else the next): its
    # places, waiting list and the reader's registration are shown and acted on.
    occurrences: list[OccurrenceChoice] = []
    occurrence: str = ""
    occurrence_when: Bilingual = Bilingual()
    my_status: str = ""  # the reader's own registration: "registered", "waitlisted" or ""
    signed_in_member: bool = False

    @rx.event
    def load(self):
        self.occurrence = self.router.url.query_parameters.get("on", "")
        self._show(lambda session, actor: event_page(
            session, actor, parse_id(self._url_part(), NO_SUCH_EVENT), utc_now(),
            parse_occurrence(self.occurrence)))

    @rx.event
    def choose_occurrence(self, key: str):
        """Show (and register for) another of a recurring event's coming occurrences."""
        self.occurrence = key
        self._refresh()

    @rx.event
    def refresh(self):
        """Show the current event again (e.g. after its attendance was imported)."""
        self._refresh()

    def _refresh(self):
        self._show(lambda session, actor: event_page(session, actor, self.current_id,
                                                     utc_now(),
                                                     parse_occurrence(self.occurrence)))

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
        self.view_times = [v.at for v in self.views]
        self.occurrences = [occurrence_choice(m, found) for m in found.occurrences]
        chosen = found.detail.occurs_at
        self.occurrence = occurrence_key(chosen) if chosen else ""
        self.occurrence_when = next((o.when for o in self.occurrences
                                     if o.key == self.occurrence), Bilingual())

    @rx.event
    def register_me(self):
        on = parse_occurrence(self.occurrence)
        status = self._change(lambda s, actor: register(s, actor, self.current_id, utc_now(),
                                                        on))
        if status == "waitlisted":
            self._say("You are on the waiting list.")
        elif status is not None:
            self._say("You are registered.")
        self._refresh()

    @rx.event
    def cancel_me(self):
        on = parse_occurrence(self.occurrence)
        done = self._change(lambda s, actor: cancel_registration(s, actor, self.current_id,
                                                                 utc_now(), on) or True)
        if done:
            self._say("Your registration is cancelled.")
        self._refresh()

    @rx.event
    def cancel_event(self):
        done = self._change(lambda s, actor: cancel_event(s, actor, self.current_id, utc_now()))
        if done is not None:
            self._say("The event is cancelled. It stays in the calendar, marked as cancelled.")
        self._refresh()
