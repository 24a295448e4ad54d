"""Event listings, upcoming and past, with attendance and the latest recording views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.events.occurrences import (
    _filtered,
    known_filters,
    next_occurrence,
)
from dashboard.domain.events.recordings import latest_views_by_event
from dashboard.domain.events.registration import aware, occurrence_counts
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import (
    Event,
    Registration,
    Series,
)


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: str
    location: str | None
    online_url: str | None
    series_en: str | None
    series_cy: str | None
    attendance: int
    views: int | None
    all_day: bool = False
    rrule: str | None = None
    title_cy: str | None = None  # None: not translated, shown in English
    location_cy: str | None = None
    topic: str | None = None
    capacity: int | None = None
    # Places taken and the waiting list, for the occurrence listed (a recurring event's next).
    registered: int = 0
    waitlisted: int = 0

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.registered >= self.capacity


def _ongoing_recurring(session: Session, now: datetime) -> dict[int, datetime]:
    """Recurring events that started before now and have an occurrence to come: id -> next."""
    found = {}
    for event in session.exec(select(Event).where(Event.rrule.is_not(None),
                                                  Event.starts_at < now)).all():
        coming = next_occurrence(event, now)
        if coming is not None:
            found[event.id] = coming
    return found


def list_events(session: Session, now: datetime, upcoming: bool, page: int,
                page_size: int = DEFAULT_PAGE_SIZE, series_id: int | None = None,
                topic: str | None = None) -> Page[EventRow]:
    """Upcoming events soonest first, or past events latest first (moved occurrences of a
    recurring event are listed with it, not on their own). A recurring event with an
    occurrence still to come is upcoming, shown with that next occurrence."""
    ongoing = _ongoing_recurring(session, now)
    if upcoming:
        when = (Event.starts_at >= now) | Event.id.in_(list(ongoing)) if ongoing else \
            Event.starts_at >= now
    else:
        when = (Event.starts_at < now) & Event.id.not_in(list(ongoing)) if ongoing else \
            Event.starts_at < now
    query = _filtered(select(Event.id).order_by(
        Event.starts_at.asc() if upcoming else Event.starts_at.desc(), Event.id
    ).where(when, Event.parent_id.is_(None)), series_id, topic)
    ids_page = paged(session, query, page, page_size)
    ids = list(ids_page.rows)
    if not ids:
        return Page([], ids_page.total, ids_page.page, page_size)
    attendance = dict(session.exec(
        select(Registration.event_id, func.count())
        .where(Registration.event_id.in_(ids), Registration.attended)
        .group_by(Registration.event_id)
    ).all())
    views = dict(session.exec(latest_views_by_event(session, ids)).all())
    places = occurrence_counts(session, ids)
    rows = session.exec(
        select(Event, Series).outerjoin(Series, Series.id == Event.series_id)
        .where(Event.id.in_(ids))
    ).all()
    by_id = {event.id: (event, series) for event, series in rows}
    result = []
    for event_id in ids:
        event, series = by_id[event_id]
        starts_at, ends_at = event.starts_at, event.ends_at
        occurs_at = None
        if event_id in ongoing:  # show the next occurrence
            starts_at, ends_at = ongoing[event_id], ongoing[event_id] + (ends_at - starts_at)
        if event.rrule:  # places are counted per occurrence
            occurs_at = aware(starts_at)
        registered, waitlisted = places.get((event_id, occurs_at), (0, 0))
        result.append(EventRow(
            id=event.id, title=event.title, starts_at=starts_at, ends_at=ends_at,
            timezone=event.timezone, status=event.status, location=event.location,
            online_url=event.online_url,
            series_en=series.title_en if series else None,
            series_cy=series.title_cy if series else None,
            attendance=attendance.get(event.id, 0), views=views.get(event.id),
            all_day=event.all_day, rrule=event.rrule, title_cy=event.title_cy,
            location_cy=event.location_cy, topic=event.topic, capacity=event.capacity,
            registered=registered, waitlisted=waitlisted,
        ))
    return Page(result, ids_page.total, ids_page.page, page_size)


def calendar_events(session: Session, now: datetime, upcoming: bool, page: int,
                    series_slug: str | None = None, topic: str | None = None) -> Page[EventRow]:
    """One page of the calendar's upcoming or past list, with the filters from its address
    (``known_filters``: an unknown series or topic filters nothing)."""
    series_id, known_topic = known_filters(session, series_slug, topic)
    return list_events(session, now, upcoming, page, series_id=series_id, topic=known_topic)
