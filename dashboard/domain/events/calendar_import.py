"""Import events from an iCalendar (.ics) file or URL, upserting by UID.

Handles all-day events, time zones (IANA names, and Outlook's Windows names such as
"GMT Standard Time" with their VTIMEZONE), recurrences with EXDATE exceptions, moved or
changed occurrences (RECURRENCE-ID) and cancelled events. Everything is validated before
anything is written; the caller's transaction makes it all or nothing. Each import is
recorded as a SyncRun of its DataSource.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput
from dashboard.domain.events.feed import format_exdates
from dashboard.domain.events.recurrence import MAX_OCCURRENCES, check_rule
from dashboard.domain.web_address import is_web_address
from dashboard.models import (
    DataSource,
    Event,
    EventStatus,
    Role,
    SourceKind,
    SyncRun,
    SyncStatus,
)

DEFAULT_TZ = "Europe/London"
MAX_BYTES = 20 * 1024 * 1024
# The fields an import sets; an event whose values are all equal is 'unchanged'.
FIELDS = ("title", "description", "starts_at", "ends_at", "timezone", "all_day", "rrule",
          "exdates", "location", "online_url", "registration_url", "status", "parent_id",
          "recurrence_id")
STATUSES = {"CANCELLED": EventStatus.CANCELLED.value, "TENTATIVE": EventStatus.TENTATIVE.value}


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int

    def summary(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


def _zone_name(value: datetime, prop) -> str:
    key = getattr(value.tzinfo, "key", None)
    if key:
        return key
    tzid = prop.params.get("TZID") if prop is not None else None
    if tzid:
        if tzid in WINDOWS_TO_OLSON:
            return WINDOWS_TO_OLSON[tzid]
        try:
            ZoneInfo(tzid)
            return tzid
        except (KeyError, ValueError):
            pass
    if value.utcoffset() == timedelta(0) and str(value.tzinfo) in ("UTC", "tzutc()"):
        return "UTC"
    return DEFAULT_TZ


def _moment(value, prop, default_tz: str) -> tuple[datetime, str, bool]:
    """(UTC time, zone name, all-day) of a DTSTART/DTEND/RECURRENCE-ID value."""
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: the calendar's zone
            return value.replace(tzinfo=ZoneInfo(default_tz)).astimezone(UTC), \
                default_tz, False
        return value.astimezone(UTC), _zone_name(value, prop), False
    if isinstance(value, date):
        local = datetime.combine(value, time(0), tzinfo=ZoneInfo(default_tz))
        return local.astimezone(UTC), default_tz, True
    raise ValueError("not a date or time")


def _text(component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


@dataclass
class _Parsed:
    uid: str
    values: dict
    sequence: int
    recurrence_of: str | None  # the parent UID for a moved occurrence


def _parse_event(component, number: int, default_tz: str) -> _Parsed:
    uid = _text(component, "UID")
    label = uid or f"#{number}"
    if not uid:
        raise InvalidInput("Event {n} in the calendar has no UID.", n=number)
    title = _text(component, "SUMMARY") or "(untitled)"
    try:
        start_prop = component.get("DTSTART")
        if start_prop is None:
            raise InvalidInput("Event {uid} has no start time (DTSTART).", uid=label)
        starts_at, zone, all_day = _moment(component.decoded("DTSTART"), start_prop, default_tz)
        if component.get("DTEND") is not None:
            ends_at, _, _ = _moment(component.decoded("DTEND"), component.get("DTEND"), zone)
        elif component.get("DURATION") is not None:
            ends_at = starts_at + component.decoded("DURATION")
        else:
            ends_at = starts_at + (timedelta(days=1) if all_day else timedelta(0))
        if ends_at < starts_at:
            raise InvalidInput("Event {uid} ends before it starts.", uid=label)
        rrule = component.get("RRULE")
        check_rule(rrule.to_ical().decode() if rrule is not None else None, label)
        exdates: list[datetime] = []
        for group in (component.get("EXDATE") or []) if isinstance(
                component.get("EXDATE"), list) else [component.get("EXDATE")]:
            if group is None:
                continue
            for item in group.dts:
                exdates.append(_moment(item.dt, item, zone)[0])
        recurrence_id = None
        if component.get("RECURRENCE-ID") is not None:
            recurrence_id = _moment(component.decoded("RECURRENCE-ID"),
                                    component.get("RECURRENCE-ID"), zone)[0]
        sequence = int(component.get("SEQUENCE", 0))
    except InvalidInput:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise InvalidInput("Event {uid} has a date or time that could not be read: {reason}",
                           uid=label, reason=str(error) or type(error).__name__) from error
    location = _text(component, "LOCATION")
    online_url = None
    if location and is_web_address(location):
        online_url, location = location, None
    url = _text(component, "URL")
    if url and not is_web_address(url):  # http and https only: never javascript: or data:
        raise InvalidInput("Event {uid}: its link (URL) must be a web address starting with "
                           "https:// or http://.", uid=label)
    values = {
        "title": title[:300],
        "description": _text(component, "DESCRIPTION"),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "timezone": zone,
        "all_day": all_day,
        "rrule": rrule.to_ical().decode() if rrule is not None else None,
        "exdates": format_exdates(exdates),
        "location": location[:300] if location else None,
        "online_url": online_url[:500] if online_url else None,
        "registration_url": url[:500] if url else None,
        "status": STATUSES.get((_text(component, "STATUS") or "").upper(),
                               EventStatus.CONFIRMED.value),
        "recurrence_id": recurrence_id,
    }
    return _Parsed(uid=uid if recurrence_id is None else f"{uid}#{recurrence_id.isoformat()}",
                   values=values, sequence=sequence,
                   recurrence_of=uid if recurrence_id is not None else None)


def parse_calendar(data: bytes) -> list[_Parsed]:
    """Every VEVENT of the calendar, validated; InvalidInput for the first problem found."""
    if not data or not data.strip():
        raise InvalidInput("The calendar is empty.")
    if len(data) > MAX_BYTES:
        raise InvalidInput("The calendar is larger than {n} MB.", n=MAX_BYTES // (1024 * 1024))
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise InvalidInput("This is not a valid iCalendar file: {reason}",
                           reason=str(error)[:200]) from error
    if calendar.name != "VCALENDAR":
        raise InvalidInput("This is not a valid iCalendar file: {reason}",
                           reason="no VCALENDAR")
    default_tz = DEFAULT_TZ
    declared = _text(calendar, "X-WR-TIMEZONE")
    if declared:
        default_tz = WINDOWS_TO_OLSON.get(declared, declared)
        try:
            ZoneInfo(default_tz)
        except (KeyError, ValueError):
            default_tz = DEFAULT_TZ
    parsed = [_parse_event(c, n, default_tz)
              for n, c in enumerate(calendar.walk("VEVENT"), start=1)]
    seen: set[str] = set()
    for item in parsed:
        if item.uid in seen:
            raise InvalidInput("The UID {uid} appears twice in the calendar.", uid=item.uid)
        seen.add(item.uid)
    masters = {p.uid for p in parsed if p.recurrence_of is None}
    for item in parsed:
        if item.recurrence_of and item.recurrence_of not in masters:
            raise InvalidInput("Event {uid} changes an occurrence of a recurring event that is "
                               "not in the calendar.", uid=item.recurrence_of)
    # The recurrences must expand (a broken RRULE fails here, before anything is written):
    # the first MAX_OCCURRENCES of each event at most, within 400 days. Only the recurring
    # events (and the occurrences they move) are expanded: the library searches every event
    # in each of its time windows, so a feed of 5,000 single events took minutes.
    recurring = {str(c.get("UID")) for c in calendar.walk("VEVENT")
                 if c.get("RRULE") is not None or c.get("RDATE") is not None}
    try:
        first = min((p.values["starts_at"] for p in parsed), default=None)
        if first is not None and recurring:
            series = icalendar.Calendar()
            series.update(calendar)  # the calendar's own properties (X-WR-TIMEZONE)
            for component in calendar.subcomponents:
                if component.name == "VTIMEZONE" or (
                        component.name == "VEVENT" and str(component.get("UID")) in recurring):
                    series.add_component(component)
            expansion = recurring_ical_events.of(series).after(first)
            for occurrence in islice(expansion, MAX_OCCURRENCES * len(recurring)):
                start = occurrence.start
                if not isinstance(start, datetime):  # an all-day event
                    start = datetime.combine(start, time())
                if start.replace(tzinfo=start.tzinfo or UTC) >= first + timedelta(days=400):
                    break
    except Exception as error:  # noqa: BLE001 - the library raises many kinds
        raise InvalidInput("The recurrences in the calendar could not be read: {reason}",
                           reason=str(error)[:200] or type(error).__name__) from error
    return parsed


def _source(session: Session, name: str, url: str | None) -> DataSource:
    source = session.exec(select(DataSource).where(DataSource.name == name)).first()
    if source is None:
        source = DataSource(name=name[:120], kind=SourceKind.ICS.value,
                            url=url[:500] if url else None)
        session.add(source)
        session.flush()
    return source


def import_calendar(session: Session, actor: Actor, data: bytes, now: datetime,
                    source_name: str = "Calendar import", source_url: str | None = None
                    ) -> ImportResult:
    """Upsert the calendar's events by UID (steering group). Nothing is written on error."""
    require_role(actor, Role.STEERING)
    parsed = parse_calendar(data)
    source = _source(session, source_name, source_url)
    result = upsert_events(session, actor, parsed, source.id, now)
    session.add(SyncRun(source_id=source.id, started_at=now, finished_at=now,
                        status=SyncStatus.SUCCEEDED.value, added=result.added,
                        updated=result.updated, unchanged=result.unchanged,
                        message=result.summary()))
    audit.record(session, actor, "import", "calendar", source.id, None,
                 {"source": source.name, "added": result.added, "updated": result.updated,
                  "unchanged": result.unchanged})
    session.flush()
    return result


def upsert_events(session: Session, actor: Actor, parsed: list[_Parsed], source_id: int | None,
                  now: datetime) -> ImportResult:
    """Write parsed events, matched by UID (a scheduled sync records its own run)."""
    require_role(actor, Role.STEERING)
    existing = {e.uid: e for e in session.exec(
        select(Event).where(Event.uid.in_([p.uid for p in parsed]))).all()} if parsed else {}
    added = updated = unchanged = 0
    ids: dict[str, int] = {}
    # Parents first, so moved occurrences can point at them.
    for item in sorted(parsed, key=lambda p: p.recurrence_of is not None):
        values = dict(item.values)
        values["parent_id"] = ids.get(item.recurrence_of) if item.recurrence_of else None
        event = existing.get(item.uid)
        if event is None:
            event = Event(uid=item.uid, sequence=item.sequence, source_id=source_id,
                          created_at=now, updated_at=now, **values)
            session.add(event)
            session.flush()
            added += 1
        elif all(_same(getattr(event, k), v) for k, v in values.items()):
            unchanged += 1
        else:
            before = audit.snapshot(event, FIELDS)
            for key, value in values.items():
                setattr(event, key, value)
            event.sequence = max(event.sequence + 1, item.sequence)
            event.updated_at = now
            session.add(event)
            audit.record(session, actor, "import_update", "event", event.id, before,
                         audit.snapshot(event, FIELDS))
            updated += 1
        ids[item.uid] = event.id
    session.flush()
    return ImportResult(added, updated, unchanged)


def record_failed_import(session: Session, source_name: str, source_url: str | None,
                         message: str, now: datetime) -> None:
    """A failed import's SyncRun, written in its own transaction by the caller."""
    source = _source(session, source_name, source_url)
    session.add(SyncRun(source_id=source.id, started_at=now, finished_at=now,
                        status=SyncStatus.FAILED.value, message=message[:2000]))


def _same(old, new) -> bool:
    if isinstance(old, datetime) and isinstance(new, datetime):
        if old.tzinfo is None:
            old = old.replace(tzinfo=UTC)
        return old == new
    return old == new
