"""One event with its counts and view trend; one series with each event's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from babel.dates import format_date
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.auth import Actor, has_role
from dashboard.domain.clock import BABEL_LOCALES, format_when, to_local
from dashboard.domain.errors import NotFound
from dashboard.domain.events.feed import google_link, outlook_link
from dashboard.domain.events.occurrences import next_occurrence, upcoming_starts
from dashboard.domain.events.recordings import latest_views_by_event
from dashboard.domain.events.registration import (
    OFFERED_OCCURRENCES,
    aware,
    own_registration,
    registration_counts,
)
from dashboard.models import (
    Event,
    RecordingViews,
    Registration,
    Role,
    Series,
)

# --- one event, one series -----------------------------------------------------------------


@dataclass(frozen=True)
class ViewReading:
    read_at: datetime
    view_count: int


@dataclass(frozen=True)
class EventDetail:
    event: Event
    series: Series | None
    registered: int  # for the occurrence (a recurring event's), like waitlisted
    waitlisted: int
    attended: int  # every occurrence
    views: list[ViewReading]
    my_status: str | None  # the actor's own registration status, if any
    occurs_at: datetime | None = None  # the occurrence counted; None for a one-off event

    @property
    def latest_views(self) -> int | None:
        return self.views[-1].view_count if self.views else None

    @property
    def is_full(self) -> bool:
        return self.event.capacity is not None and self.registered >= self.event.capacity


def when_text(starts_at: datetime, ends_at: datetime, all_day: bool, tz: str, lang: str) -> str:
    """When an event happens, in its time zone and the language; all-day events by date."""
    if not all_day:
        return format_when(starts_at, ends_at, lang, tz)
    locale = BABEL_LOCALES.get(lang, "en_GB")
    first = to_local(starts_at, tz).date()
    last = to_local(ends_at, tz).date() - timedelta(days=1)
    text = format_date(first, format="full", locale=locale)
    if last > first:
        joiner = " i " if lang == "cy" else " to "
        text += joiner + format_date(last, format="full", locale=locale)
    return text


def event_detail(session: Session, event_id: int, member_id: int | None = None,
                 occurs_at: datetime | None = None) -> EventDetail:
    """The event with its counts; a recurring event's places and waiting list (and the
    member's own registration) are those of the occurrence ``occurs_at``."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    series = session.get(Series, event.series_id) if event.series_id else None
    registered, waitlisted, attended = registration_counts(session, event_id, occurs_at)
    views = [ViewReading(r.read_at, r.view_count) for r in session.exec(
        select(RecordingViews).where(RecordingViews.event_id == event_id)
        .order_by(RecordingViews.read_at)).all()]
    mine = None
    if member_id is not None:
        own = own_registration(session, event_id, member_id, occurs_at)
        mine = own.status if own else None
    return EventDetail(event, series, registered, waitlisted, attended, views, mine,
                       aware(occurs_at))


@dataclass(frozen=True)
class EventPage:
    """What the event page shows: the event with its counts, when it next happens, whether
    the reader can register themself, and links to add it to a calendar."""

    detail: EventDetail
    coming: datetime | None  # when it next starts (or is still going on); None when over
    can_register: bool  # a signed-in member whose account is linked to a member
    google_url: str
    outlook_url: str
    google_url_cy: str = ""  # the same in Welsh (the event's Welsh text, where it has it)
    outlook_url_cy: str = ""
    # A recurring event's coming occurrences a member can register for (their starts, UTC);
    # detail counts the chosen one. Empty for a one-off event.
    occurrences: tuple[datetime, ...] = ()


def event_page(session: Session, actor: Actor, event_id: int, now: datetime,
               occurs_at: datetime | None = None) -> EventPage:
    """The event page; for a recurring event, with the occurrence ``occurs_at`` chosen
    (the next one when it names none of those to come)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no such event.")
    coming = upcoming_starts(session, event, now, OFFERED_OCCURRENCES)
    chosen = None
    if coming:
        chosen = aware(occurs_at) if aware(occurs_at) in coming else coming[0]
    detail = event_detail(session, event_id, actor.member_id, chosen)
    return EventPage(detail, next_occurrence(detail.event, now),
                     has_role(actor, Role.MEMBER) and actor.member_id is not None,
                     google_link(detail.event), outlook_link(detail.event),
                     google_link(detail.event, "cy"), outlook_link(detail.event, "cy"),
                     tuple(coming))


@dataclass(frozen=True)
class SeriesEvent:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: str
    attendance: int
    views: int | None
    title_cy: str | None = None


@dataclass(frozen=True)
class SeriesStats:
    series: Series
    events: list[SeriesEvent]
    attendance: int
    views: int


def series_stats(session: Session, slug: str) -> SeriesStats:
    """Each event of the series with its attendance and latest views, and the totals."""
    series = session.exec(select(Series).where(Series.slug == slug)).first()
    if series is None:
        raise NotFound("There is no series called {slug}.", slug=slug)
    return _stats(session, series)


def series_page(session: Session, slug: str) -> SeriesStats:
    """``series_stats`` for the series page, which says so when the address names none."""
    series = session.exec(select(Series).where(Series.slug == slug)).first()
    if series is None:
        raise NotFound("There is no such series.")
    return _stats(session, series)


def _stats(session: Session, series: Series) -> SeriesStats:
    events = session.exec(select(Event).where(Event.series_id == series.id)
                          .order_by(Event.starts_at, Event.id)).all()
    ids = [e.id for e in events]
    attendance = dict(session.exec(
        select(Registration.event_id, func.count())
        .where(Registration.event_id.in_(ids), Registration.attended)
        .group_by(Registration.event_id)
    ).all()) if ids else {}
    views = dict(session.exec(latest_views_by_event(session, ids)).all()) if ids else {}
    rows = [SeriesEvent(e.id, e.title, e.starts_at, e.ends_at, e.timezone, e.status,
                        attendance.get(e.id, 0), views.get(e.id), e.title_cy) for e in events]
    return SeriesStats(series, rows, sum(r.attendance for r in rows),
                       sum(r.views or 0 for r in rows))
