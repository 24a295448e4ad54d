"""Occurrences of recurring events in their own time zone, for the month view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from dashboard.domain.clock import LONDON
from dashboard.domain.events.feed import parse_exdates
from dashboard.domain.events.recurrence import MAX_OCCURRENCES, capped, expandable
from dashboard.models import (
    Event,
    Series,
)

# --- the month view -------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    event_id: int
    title: str
    starts_at: datetime  # UTC
    ends_at: datetime
    timezone: str
    all_day: bool
    status: str
    topic: str | None
    series_id: int | None
    title_cy: str | None = None  # None: not translated, shown in English


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month's first and next month's first instant in London, as UTC."""
    start = datetime(year, month, 1, tzinfo=LONDON)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LONDON)
    return start.astimezone(UTC), after.astimezone(UTC)


def _filtered(query, series_id: int | None, topic: str | None):
    if series_id is not None:
        query = query.where(Event.series_id == series_id)
    if topic:
        query = query.where(Event.topic == topic)
    return query


def occurrences(session: Session, start: datetime, end: datetime, series_id: int | None = None,
                topic: str | None = None) -> list[Occurrence]:
    """Every occurrence starting in [start, end): single events, and recurring events expanded
    in their own time zone (so 10:00 stays 10:00 across the BST changes), less their EXDATEs,
    with moved occurrences in place of the ones they replace."""
    columns = (Event.id, Event.title, Event.starts_at, Event.ends_at, Event.timezone,
               Event.all_day, Event.status, Event.topic, Event.series_id, Event.rrule,
               Event.exdates, Event.parent_id, Event.recurrence_id, Event.title_cy)
    single = session.exec(_filtered(
        select(*columns).where(Event.rrule.is_(None), Event.starts_at >= start,
                               Event.starts_at < end), series_id, topic)).all()
    recurring = session.exec(_filtered(
        select(*columns).where(Event.rrule.is_not(None), Event.starts_at < end),
        series_id, topic)).all()
    replaced = set()
    if recurring:
        replaced = {(p, _utc(r)) for p, r in session.exec(
            select(Event.parent_id, Event.recurrence_id).where(
                Event.parent_id.in_([r.id for r in recurring]))).all()}
    found = [Occurrence(r.id, r.title, _utc(r.starts_at), _utc(r.ends_at), r.timezone,
                        r.all_day, r.status, r.topic, r.series_id, r.title_cy) for r in single]
    for r in recurring:
        zone = ZoneInfo(r.timezone)
        first = _utc(r.starts_at).astimezone(zone).replace(tzinfo=None)
        length = _utc(r.ends_at) - _utc(r.starts_at)
        rule = expandable(r.rrule, first)
        if rule is None:  # shown as its first occurrence only
            if _utc(r.starts_at) >= start:
                found.append(Occurrence(r.id, r.title, _utc(r.starts_at), _utc(r.ends_at),
                                        r.timezone, r.all_day, r.status, r.topic, r.series_id,
                                        r.title_cy))
            continue
        skip = {x for x in parse_exdates(r.exdates)}
        local_start = start.astimezone(zone).replace(tzinfo=None)
        local_end = end.astimezone(zone).replace(tzinfo=None)
        for local in capped(rule.xafter(local_start, inc=True)):
            if local > local_end:
                break
            moment = local.replace(tzinfo=zone).astimezone(UTC)
            if moment >= end or moment < start or moment in skip or (r.id, moment) in replaced:
                continue
            found.append(Occurrence(r.id, r.title, moment, moment + length, r.timezone,
                                    r.all_day, r.status, r.topic, r.series_id, r.title_cy))
    found.sort(key=lambda o: (o.starts_at, o.event_id))
    return found


def next_occurrence(event: Event, now: datetime) -> datetime | None:
    """When the event (or, for a recurring one, its next occurrence) next starts or is still
    going on; None when it is over."""
    starts, ends = _utc(event.starts_at), _utc(event.ends_at)
    if not event.rrule:
        return starts if ends > now else None
    zone = ZoneInfo(event.timezone)
    rule = expandable(event.rrule, starts.astimezone(zone).replace(tzinfo=None))
    if rule is None:
        return starts if ends > now else None
    skip = set(parse_exdates(event.exdates))
    local = (now - (ends - starts)).astimezone(zone).replace(tzinfo=None)
    for _ in range(MAX_OCCURRENCES):
        found = rule.after(local, inc=True)
        if found is None:
            return None
        moment = found.replace(tzinfo=zone).astimezone(UTC)
        if moment not in skip:
            return moment
        local = found + timedelta(seconds=1)
    return None


def upcoming_starts(session: Session, event: Event, now: datetime,
                    limit: int) -> list[datetime]:
    """The starts (UTC) of a recurring event's next ``limit`` occurrences, the one still going
    on first, less its EXDATEs and the occurrences a moved instance replaces (those are
    events of their own). Empty for a one-off event or one that is over."""
    if not event.rrule:
        return []
    starts, ends = _utc(event.starts_at), _utc(event.ends_at)
    zone = ZoneInfo(event.timezone)
    rule = expandable(event.rrule, starts.astimezone(zone).replace(tzinfo=None))
    if rule is None:
        return []
    skip = set(parse_exdates(event.exdates))
    skip |= {_utc(moved) for moved in session.exec(select(Event.recurrence_id).where(
        Event.parent_id == event.id, Event.recurrence_id.is_not(None))).all()}
    local = (now - (ends - starts)).astimezone(zone).replace(tzinfo=None)
    found: list[datetime] = []
    for candidate in rule.xafter(local, count=min(limit + len(skip), MAX_OCCURRENCES), inc=True):
        moment = candidate.replace(tzinfo=zone).astimezone(UTC)
        if moment not in skip and moment + (ends - starts) > now:
            found.append(moment)
        if len(found) == limit:
            break
    return found


def month_occurrences(session: Session, year: int, month: int, series_id: int | None = None,
                      topic: str | None = None) -> list[Occurrence]:
    start, end = month_bounds(year, month)
    return occurrences(session, start, end, series_id, topic)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def filter_options(session: Session) -> tuple[list[Series], list[str]]:
    series = list(session.exec(select(Series).order_by(Series.title_en)).all())
    topics = [t for t in session.exec(select(Event.topic).where(Event.topic.is_not(None))
                                      .distinct().order_by(Event.topic)).all() if t]
    return series, topics


def known_filters(session: Session, series_slug: str | None,
                  topic: str | None) -> tuple[int | None, str | None]:
    """The calendar's filters from its address, as (series id, topic): a series or topic that
    does not exist is no filter at all (the filters then show 'All')."""
    series_id = session.exec(select(Series.id).where(Series.slug == series_slug)
                             ).first() if series_slug else None
    known_topic = session.exec(select(Event.topic).where(Event.topic == topic).limit(1)
                               ).first() if topic else None
    return series_id, known_topic or None
