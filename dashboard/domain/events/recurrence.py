"""Recurrence rules we expand, and how far.

An imported ``RRULE:FREQ=MINUTELY`` (or SECONDLY, HOURLY) without an end is a recurrence
bomb: expanding it for a month gives tens of thousands of occurrences, and finding its next
occurrence walks every minute since it began. Community events happen at most daily, so a
rule that repeats more often than daily (a sub-daily frequency, or several hours, minutes or
seconds a day) is refused at import with a message naming the event, and never expanded
where one is already stored. Every expansion stops after ``MAX_OCCURRENCES`` of one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from dateutil.rrule import rrule, rrulestr

from dashboard.domain.errors import InvalidInput

MAX_OCCURRENCES = 500  # of one event, in any one expansion
SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
# Several values of one of these make several occurrences a day, whatever the frequency.
WITHIN_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")


def _parts(text: str) -> dict[str, str]:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:"):]
    return {key.strip().upper(): value.strip().upper()
            for key, _, value in (part.partition("=") for part in body.split(";")) if key}


def too_frequent(text: str | None) -> str | None:
    """What makes the rule repeat more often than daily ("MINUTELY", "BYHOUR=9,10"), or
    None when it repeats daily at most."""
    if not text:
        return None
    parts = _parts(text)
    if parts.get("FREQ") in SUB_DAILY:
        return parts["FREQ"]
    for key in WITHIN_A_DAY:
        if "," in parts.get(key, ""):
            return f"{key}={parts[key]}"
    return None


def check_rule(text: str | None, event: str) -> None:
    """Refuse a rule that repeats more often than daily; ``event`` names the event."""
    frequent = too_frequent(text)
    if frequent is not None:
        raise InvalidInput("Event {event} repeats more often than once a day ({rule}): only "
                           "daily, weekly, monthly or yearly events can be imported.",
                           event=event, rule=frequent)


def expandable(text: str | None, dtstart: datetime) -> rrule | None:
    """The rule from ``dtstart`` (naive, local), or None when it cannot be read or repeats
    more often than daily (then the event is shown as its first occurrence only)."""
    if not text or too_frequent(text) is not None:
        return None
    try:
        rule = rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError):
        return None
    return rule if isinstance(rule, rrule) else None


def capped(moments: Iterable[datetime]) -> Iterator[datetime]:
    """At most ``MAX_OCCURRENCES`` of one event's occurrences."""
    return islice(moments, MAX_OCCURRENCES)
