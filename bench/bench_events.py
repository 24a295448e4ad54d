"""Events on the synthetic dataset (5,000 events, 1,000,000 attendance rows)."""

from datetime import datetime

from sqlmodel import select

from bench.registry import benchmark, floor
from bench.sql import rows, same, scalar
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


# --- floors ---------------------------------------------------------------------------------


def _ics_text(value) -> str:
    return (str(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def same_feed(feed: bytes, floor_feed: bytes) -> None:
    def uids(ics: bytes) -> list[bytes]:
        return [line for line in ics.split(b"\r\n") if line.startswith(b"UID:")]
    same("the events' UIDs, in order", uids(feed), uids(floor_feed))


@floor("events_calendar_feed", compare=same_feed)
def calendar_feed_floor(conn, now):
    """Every event in one query with its series' name, written as VEVENTs with times in UTC
    and text escaped: no Markdown to plain text, no line folding, no VTIMEZONE (less work
    than the feed does)."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//floor//EN"]
    for (uid, sequence, title, description, starts, ends, location, online, status,
         series) in rows(conn, """
            SELECT coalesce(p.uid, e.uid), e.sequence, e.title, e.description, e.starts_at,
              e.ends_at, e.location, e.online_url, e.status, s.title_en
            FROM event e LEFT JOIN series s ON s.id = e.series_id
            LEFT JOIN event p ON p.id = e.parent_id AND e.recurrence_id IS NOT NULL
            ORDER BY e.starts_at, e.id"""):
        if isinstance(starts, str):  # SQLite returns the stored text through text()
            starts, ends = (datetime.fromisoformat(starts), datetime.fromisoformat(ends))
        lines += ["BEGIN:VEVENT", f"UID:{_ics_text(uid)}", f"SEQUENCE:{sequence}",
                  f"DTSTAMP:{stamp}", f"SUMMARY:{_ics_text(title)}",
                  f"DTSTART:{starts:%Y%m%dT%H%M%SZ}", f"DTEND:{ends:%Y%m%dT%H%M%SZ}",
                  f"DESCRIPTION:{_ics_text(description)}",
                  f"LOCATION:{_ics_text(location or online)}",
                  f"CATEGORIES:{_ics_text(series)}", f"STATUS:{status.upper()}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def same_month(found, floor_found) -> None:
    same("the month's events", [o.event_id for o in found], floor_found)


@floor("events_month_view", compare=same_month)
def month_view_floor(conn, now):
    """The month's events, in order. The synthetic calendar has no recurring events (the
    check would fail if it had: this floor does not expand them)."""
    from dashboard.domain.events.occurrences import month_bounds

    today = london_today(now)
    start, end = month_bounds(today.year, today.month)
    return [r[0] for r in rows(conn, """
        SELECT id FROM event WHERE starts_at >= :start AND starts_at < :end
        ORDER BY starts_at, id""", start=start, end=end)]


def same_series(stats, floor_answer) -> None:
    same("events", [(e.id, e.attendance, e.views) for e in stats.events], floor_answer)


@floor("events_series_stats", compare=same_series)
def series_stats_floor(conn, now):
    """The series with the most events: each event with its attendance and latest views."""
    series = scalar(conn, "SELECT series_id FROM event WHERE series_id IS NOT NULL "
                          "GROUP BY series_id ORDER BY count(*) DESC LIMIT 1")
    return rows(conn, """
        SELECT e.id,
          (SELECT count(*) FROM registration r WHERE r.event_id = e.id AND r.attended),
          (SELECT v.view_count FROM recordingviews v WHERE v.event_id = e.id
           ORDER BY v.read_at DESC LIMIT 1)
        FROM event e WHERE e.series_id = :series ORDER BY e.starts_at, e.id""", series=series)
