"""Events page: the calendar as upcoming and past lists or a month grid, filtered by series
and topic from the address (?view=month&month=YYYY-MM&series=&topic=); the steering group
imports an .ics file."""

from __future__ import annotations

import asyncio
import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

import reflex as rx
from babel.dates import format_date, format_time

from dashboard import routes
from dashboard.domain.clock import BABEL_LOCALES, london_today, to_local, utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.events.calendar_import import import_calendar
from dashboard.domain.events.detail import when_text
from dashboard.domain.events.listing import EventRow, calendar_events
from dashboard.domain.events.occurrences import Occurrence, filter_options, month_occurrences
from dashboard.domain.importing import check_size, upload_limit
from dashboard.domain.paging import Page
from dashboard.domain.query_text import clean_query_text
from dashboard.models import Role
from state.base import AppState, backend_url, show_address
from state.live import shared_cache
from state.paged_list import PagedList
from state.rows import Bilingual, each_language, welsh_or_english


@dataclass(frozen=True)
class EventItem:
    """One event in the upcoming or past list."""

    id: int
    anchor: str
    href: str
    title: Bilingual  # the Welsh falls back to the English, marked untranslated
    title_untranslated: bool
    when: Bilingual
    where: Bilingual
    where_untranslated: bool
    online: bool  # online only: shown as a badge instead of a venue
    status: str
    cancelled: bool
    recurring: bool
    in_series: bool
    series: Bilingual
    attendance: int
    has_views: bool
    views: int
    full: bool  # every place taken (for the occurrence listed)
    waitlisted: int  # on the waiting list (for the occurrence listed)


def event_item(row: EventRow) -> EventItem:
    title, title_untranslated = welsh_or_english(row.title, row.title_cy)
    where, where_untranslated = welsh_or_english(row.location, row.location_cy)
    return EventItem(
        id=row.id, anchor=f"event-{row.id}", href=routes.event_page(row.id), title=title,
        title_untranslated=title_untranslated,
        when=each_language(lambda lang: when_text(row.starts_at, row.ends_at, row.all_day,
                                                  row.timezone, lang)),
        where=where, where_untranslated=where_untranslated,
        online=bool(row.online_url and not row.location),
        status=row.status, cancelled=row.status == "cancelled", recurring=bool(row.rrule),
        in_series=bool(row.series_en),
        series=Bilingual(row.series_en or "", row.series_cy or ""),
        attendance=row.attendance, has_views=row.views is not None, views=row.views or 0,
        full=row.full and row.status != "cancelled",
        waitlisted=row.waitlisted if row.status != "cancelled" else 0,
    )


@dataclass(frozen=True)
class CalendarDay:
    """One day of the month grid (the weeks run Monday to Sunday, so some days are in the
    months either side)."""

    date: str  # ISO, to match the month's items
    day: int
    label: Bilingual  # the full date, for screen readers
    in_month: bool
    today: bool
    tab: bool  # the one day in the Tab order: today, or the 1st
    busy: bool  # has events
    slot: int  # its place in month_days, where its events are (-1: none)


@dataclass(frozen=True)
class MonthItem:
    """One occurrence in the month (its day is the MonthDay it is listed under)."""

    href: str
    title: Bilingual
    title_untranslated: bool
    time: str  # "10:00", empty for all-day events
    cancelled: bool


def month_item(found: Occurrence) -> tuple[str, MonthItem]:
    """The occurrence's local day (ISO) and what the month shows of it."""
    local = to_local(found.starts_at, found.timezone)
    title, untranslated = welsh_or_english(found.title, found.title_cy)
    return local.date().isoformat(), MonthItem(
        href=routes.event_page(found.event_id),
        title=title, title_untranslated=untranslated,
        time="" if found.all_day else format_time(local, format="HH:mm", locale="en_GB"),
        cancelled=found.status == "cancelled",
    )


def month_weeks(year: int, month: int, today: date,
                slots: dict[str, int]) -> list[list[CalendarDay]]:
    """The month's weeks; ``slots`` gives each day with events its place in month_days (the
    grid shows them from there: each event is sent to the browser once)."""
    first = date(year, month, 1)
    focus = today if (today.year, today.month) == (year, month) else first
    return [[CalendarDay(
        date=day.isoformat(), day=day.day,
        label=each_language(lambda lang, day=day: format_date(day, format="full",
                                                               locale=BABEL_LOCALES[lang])),
        in_month=day.month == month, today=day == today, tab=day == focus,
        busy=day.isoformat() in slots, slot=slots.get(day.isoformat(), -1),
    ) for day in week] for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(
        year, month)]


@dataclass(frozen=True)
class MonthDay:
    """A day of the month that has events, for the list of days (all a phone shows)."""

    date: str
    label: Bilingual  # "Tuesday 15 December"
    today: bool
    events: list[MonthItem]


def month_days(items: list[tuple[str, MonthItem]], today: date) -> list[MonthDay]:
    days: dict[str, list[MonthItem]] = {}
    for day, item in items:
        days.setdefault(day, []).append(item)
    return [MonthDay(
        date=key,
        label=each_language(lambda lang, key=key: format_date(
            date.fromisoformat(key), format="EEEE d MMMM", locale=BABEL_LOCALES[lang])),
        today=key == today.isoformat(), events=found,
    ) for key, found in days.items()]


@dataclass(frozen=True)
class SeriesOption:
    slug: str
    title: Bilingual


MONTH_STEPS = ("previous", "next", "today")


def _neighbours(year: int, month: int) -> tuple[date, date]:
    """A day in the month before and a day in the month after."""
    return date(year, month, 1) - timedelta(days=1), date(year, month, 28) + timedelta(days=5)


def _month_key(value: str | None, today: date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (value or "").split("-", 1))
        if 1 <= month <= 12 and 1900 < year < 3000:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def _month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _calendar_page(upcoming: bool, page: int, series: str, topic: str) -> Page[EventItem]:
    """A page of a list, the same for every reader: read once per data version (and at most
    every 30 s, as the lists move with the clock) and shared by the worker's open pages, which
    all reload at once when a sync brings new data."""
    def read() -> Page[EventItem]:
        with rx.session() as session:
            result = calendar_events(session, utc_now(), upcoming, page,
                                     series_slug=series or None, topic=topic or None)
        return Page([event_item(row) for row in result.rows], result.total, result.page,
                    result.page_size)

    which = "upcoming" if upcoming else "past"
    return shared_cache("calendar", read, variant=f"{which}:{page}:{series}:{topic}")


def _filters(query: dict[str, str]) -> tuple[str, str] | None:
    """The series and topic in the address; None in the month view, which shows no list."""
    if query.get("view") == "month":
        return None
    return clean_query_text(query.get("series")), clean_query_text(query.get("topic"))


class CalendarList(PagedList, mixin=True):
    """One of the list view's two lists, with the page's series and topic filters."""

    rows: list[EventItem] = []
    _series: str = ""
    _topic: str = ""

    def _upcoming(self) -> bool:
        raise NotImplementedError

    def _fetch_page(self, page: int) -> Page[EventItem]:
        return _calendar_page(self._upcoming(), page, self._series, self._topic)

    @rx.event
    def load(self):
        filters = _filters(self.router.url.query_parameters)
        if filters is not None:
            self._series, self._topic = filters
            self.show_page(self.page)


class UpcomingEventsState(CalendarList, AppState):
    """Upcoming events, soonest first (a recurring event with its next occurrence)."""

    def _upcoming(self) -> bool:
        return True


class PastEventsState(CalendarList, AppState):
    """Past events, latest first, with their attendance and recording views."""

    def _upcoming(self) -> bool:
        return False


class EventsState(AppState):
    """The filters, the view, the month grid and the feeds; the lists are their own states."""

    view: str = "list"
    month: str = ""
    month_title: Bilingual = Bilingual()
    prev_href: str = ""
    next_href: str = ""
    today_href: str = ""
    list_href: str = ""
    month_href: str = ""
    weeks: list[list[CalendarDay]] = []
    month_days: list[MonthDay] = []  # the days with events, with their events
    series_filter: str = ""
    topic_filter: str = ""
    series_options: list[SeriesOption] = []
    topic_options: list[str] = []  # codes: EVENT_TOPICS' names, or an imported topic as it is
    # The feeds, in the reader's language (the Welsh feed has the Welsh text and names).
    calendar_url: Bilingual = Bilingual()
    series_feed_url: Bilingual = Bilingual()
    _series_id: int | None = None  # the series filter's, for the month grid

    def _href(self, **changes: str) -> str:
        params = {"view": self.view, "month": self.month, "series": self.series_filter,
                  "topic": self.topic_filter}
        params.update(changes)
        params = {k: v for k, v in params.items() if v}
        return routes.EVENTS + ("?" + urlencode(params) if params else "")

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        today = london_today(utc_now())
        year, month = _month_key(query.get("month"), today)
        self.view = "month" if query.get("view") == "month" else "list"
        with rx.session() as session:
            series, topics = filter_options(session)
        slugs = {s.slug: s for s in series}
        self.series_filter = query.get("series", "") if query.get("series") in slugs else ""
        self.topic_filter = query.get("topic", "") if query.get("topic") in topics else ""
        self._keep_options([SeriesOption(s.slug, Bilingual(s.title_en, s.title_cy))
                            for s in series], topics)
        base = backend_url()
        self.calendar_url = Bilingual(base + routes.CALENDAR_FEED,
                                      base + routes.WELSH_CALENDAR_FEED)
        feed = base + routes.series_feed(self.series_filter) if self.series_filter else ""
        self.series_feed_url = Bilingual(feed, feed + routes.WELSH_FEED if feed else "")
        self._series_id = slugs[self.series_filter].id if self.series_filter else None
        self._show_month(year, month, today)

    def _show_month(self, year: int, month: int, today: date) -> None:
        """The month in the address and the links around it; its grid in the month view."""
        self.month = _month_text(date(year, month, 1))
        previous, following = _neighbours(year, month)
        self.prev_href = self._href(view="month", month=_month_text(previous))
        self.next_href = self._href(view="month", month=_month_text(following))
        self.today_href = self._href(view="month", month=_month_text(today))
        self.list_href = self._href(view="list")
        self.month_href = self._href(view="month")
        if self.view == "month":
            self._load_month(year, month, today, self._series_id)

    @rx.event
    def step_month(self, step: str):
        """The month before, after, or today's, in place (the month links' plain click,
        ``components.in_page``): only the grid is read again, not the whole page."""
        if step not in MONTH_STEPS or self.view != "month":
            return None
        today = london_today(utc_now())
        previous, following = _neighbours(*_month_key(self.month, today))
        target = {"previous": previous, "next": following, "today": today}[step]
        self._show_month(target.year, target.month, today)
        return show_address(self._href())

    def _keep_options(self, series: list[SeriesOption], topics: list[str]) -> None:
        """Set the filters' options only when they changed: a var set is sent again, and
        at UK scale the series alone are some 20 KB, on every change of month."""
        if list(self.series_options) != series:
            self.series_options = series
        if list(self.topic_options) != topics:
            self.topic_options = topics

    def _load_month(self, year: int, month: int, today: date, series_id: int | None):
        first = date(year, month, 1)
        self.month_title = each_language(
            lambda lang: format_date(first, format="LLLL yyyy", locale=BABEL_LOCALES[lang]))
        with rx.session() as session:
            found = month_occurrences(session, year, month, series_id, self.topic_filter or None)
        self.month_days = month_days([month_item(o) for o in found], today)
        self.weeks = month_weeks(year, month, today,
                                 {day.date: i for i, day in enumerate(self.month_days)})

    @rx.event
    def set_series(self, slug: str):
        return rx.redirect(self._href(series="" if slug == "all" else slug))

    @rx.event
    def set_topic(self, topic: str):
        return rx.redirect(self._href(topic="" if topic == "all" else topic))

    @rx.event
    async def import_ics(self, files: list[rx.UploadFile]):
        """The steering group imports an .ics file (upsert by UID, all or nothing). The role
        is checked before the file is read, then its size; it is parsed on a thread."""
        if not self._has_role(Role.STEERING):
            self._say("You do not have permission to do that.", error=True)
            return None
        if not files:
            self._say("Choose an .ics file to import.", error=True)
            return None
        try:
            check_size(getattr(files[0], "size", None) or 0, upload_limit())
            data = await files[0].read()
            check_size(len(data), upload_limit())
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return None
        result = await asyncio.to_thread(self._change, lambda session, actor: import_calendar(
            session, actor, data, utc_now(), source_name="Calendar uploads (.ics)"))
        if result is None:
            return None
        self._say("Imported: {added} added, {updated} updated, {unchanged} unchanged.",
                  added=result.added, updated=result.updated, unchanged=result.unchanged)
        return [UpcomingEventsState.load, PastEventsState.load]
