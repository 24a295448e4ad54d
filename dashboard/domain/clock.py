"""Time: stored in UTC, shown in Europe/London, formatted per language with Babel."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time

LONDON = ZoneInfo("Europe/London")
BABEL_LOCALES = {"en": "en_GB", "cy": "cy"}


def utc_now() -> datetime:
    """Now, timezone-aware in UTC (how the database stores times)."""
    return datetime.now(UTC)


def to_local(moment: datetime, tz: str = "Europe/London") -> datetime:
    """A UTC time in ``tz`` (right on both sides of BST changes); naive means UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(tz))


def london_today(now: datetime) -> date:
    return to_local(now).date()


@lru_cache(maxsize=4096)  # pure; Babel's formatting is the most of a list page's rows
def format_when(starts_at: datetime, ends_at: datetime | None, lang: str,
                tz: str = "Europe/London") -> str:
    """e.g. 'Tuesday 3 March 2026, 10:00 to 11:30' in the event's time zone and the language."""
    locale = BABEL_LOCALES.get(lang, "en_GB")
    start = to_local(starts_at, tz)
    day = format_date(start.date(), format="full", locale=locale)
    begins = format_time(start, format="HH:mm", locale=locale)
    if ends_at is None:
        return f"{day}, {begins}"
    end = to_local(ends_at, tz)
    joiner = " i " if lang == "cy" else " to "
    if end.date() != start.date():
        return f"{day}, {begins}{joiner}{format_datetime(end, format='d MMM HH:mm', locale=locale)}"
    return f"{day}, {begins}{joiner}{format_time(end, format='HH:mm', locale=locale)}"


@lru_cache(maxsize=4096)
def format_day(day: date | None, lang: str) -> str:
    if day is None:
        return ""
    return format_date(day, format="d MMM yyyy", locale=BABEL_LOCALES.get(lang, "en_GB"))
