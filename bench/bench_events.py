"""Events on the synthetic dataset (5,000 events, 1,000,000 attendance rows)."""

from sqlmodel import select

from bench.registry import benchmark
from dashboard.domain.clock import london_today
from dashboard.domain.events.detail import series_stats
from dashboard.domain.events.feed import calendar_feed
from dashboard.domain.events.occurrences import month_occurrences
from dashboard.models import Event, Series


@benchmark("events_calendar_feed", target_ms=1000)
def whole_calendar_feed(session, now):
    """/calendar.ics: every event as RFC 5545."""
    return calendar_feed(session, now)


@benchmark("events_month_view", target_ms=30)
def month_view(session, now):
    """The month view's occurrences for the current month."""
    today = london_today(now)
    return month_occurrences(session, today.year, today.month)


@benchmark("events_series_stats", target_ms=100)
def series_statistics(session, now):
    """The series page: each event's attendance and latest views, and the totals (the
    series with the most events)."""
    from sqlalchemy import func

    slug = session.exec(
        select(Series.slug).join(Event, Event.series_id == Series.id)
        .group_by(Series.slug).order_by(func.count().desc()).limit(1)).first()
    return series_stats(session, slug)
