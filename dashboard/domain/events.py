"""Event listings with attendance and the latest recording views."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from babel.dates import format_date
from dateutil.rrule import rrulestr
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.calendar_feed import format_exdates, parse_exdates
from dashboard.domain.clock import BABEL_LOCALES, LONDON, format_when, to_local
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.overview import latest_views_by_event
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import (
    Event,
    EventStatus,
    RecordingViews,
    Registration,
    RegistrationStatus,
    Role,
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
    rows = session.exec(
        select(Event, Series).outerjoin(Series, Series.id == Event.series_id)
        .where(Event.id.in_(ids))
    ).all()
    by_id = {event.id: (event, series) for event, series in rows}
    result = []
    for event_id in ids:
        event, series = by_id[event_id]
        starts_at, ends_at = event.starts_at, event.ends_at
        if event_id in ongoing:  # show the next occurrence
            starts_at, ends_at = ongoing[event_id], ongoing[event_id] + (ends_at - starts_at)
        result.append(EventRow(
            id=event.id, title=event.title, starts_at=starts_at, ends_at=ends_at,
            timezone=event.timezone, status=event.status, location=event.location,
            online_url=event.online_url,
            series_en=series.title_en if series else None,
            series_cy=series.title_cy if series else None,
            attendance=attendance.get(event.id, 0), views=views.get(event.id),
            all_day=event.all_day, rrule=event.rrule,
        ))
    return Page(result, ids_page.total, ids_page.page, page_size)


# --- one event, one series -----------------------------------------------------------------


@dataclass(frozen=True)
class ViewReading:
    read_at: datetime
    view_count: int


@dataclass(frozen=True)
class EventDetail:
    event: Event
    series: Series | None
    registered: int
    waitlisted: int
    attended: int
    views: list[ViewReading]
    my_status: str | None  # the actor's own registration status, if any

    @property
    def latest_views(self) -> int | None:
        return self.views[-1].view_count if self.views else None

    @property
    def is_full(self) -> bool:
        return self.event.capacity is not None and self.registered >= self.event.capacity


def _counts(session: Session, event_id: int) -> tuple[int, int, int]:
    rows = session.exec(
        select(Registration.status, Registration.attended, func.count())
        .where(Registration.event_id == event_id)
        .group_by(Registration.status, Registration.attended)
    ).all()
    registered = sum(n for status, _, n in rows if status == RegistrationStatus.REGISTERED.value)
    waitlisted = sum(n for status, _, n in rows if status == RegistrationStatus.WAITLISTED.value)
    attended = sum(n for _, was_there, n in rows if was_there)
    return registered, waitlisted, attended


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


def event_detail(session: Session, event_id: int, member_id: int | None = None) -> EventDetail:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    series = session.get(Series, event.series_id) if event.series_id else None
    registered, waitlisted, attended = _counts(session, event_id)
    views = [ViewReading(r.read_at, r.view_count) for r in session.exec(
        select(RecordingViews).where(RecordingViews.event_id == event_id)
        .order_by(RecordingViews.read_at)).all()]
    mine = None
    if member_id is not None:
        own = _own_registration(session, event_id, member_id)
        mine = own.status if own else None
    return EventDetail(event, series, registered, waitlisted, attended, views, mine)


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
                        attendance.get(e.id, 0), views.get(e.id)) for e in events]
    return SeriesStats(series, rows, sum(r.attendance for r in rows),
                       sum(r.views or 0 for r in rows))


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


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month's first and next month's first instant in London, as UTC."""
    start = datetime(year, month, 1, tzinfo=LONDON)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LONDON)
    return start.astimezone(timezone.utc), after.astimezone(timezone.utc)


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
               Event.exdates, Event.parent_id, Event.recurrence_id)
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
                        r.all_day, r.status, r.topic, r.series_id) for r in single]
    for r in recurring:
        zone = ZoneInfo(r.timezone)
        first = _utc(r.starts_at).astimezone(zone).replace(tzinfo=None)
        length = _utc(r.ends_at) - _utc(r.starts_at)
        try:
            rule = rrulestr(r.rrule, dtstart=first)
        except (ValueError, TypeError):
            continue
        skip = {x for x in parse_exdates(r.exdates)}
        local_start = start.astimezone(zone).replace(tzinfo=None)
        local_end = end.astimezone(zone).replace(tzinfo=None)
        for local in rule.between(local_start, local_end, inc=True):
            moment = local.replace(tzinfo=zone).astimezone(timezone.utc)
            if moment >= end or moment < start or moment in skip or (r.id, moment) in replaced:
                continue
            found.append(Occurrence(r.id, r.title, moment, moment + length, r.timezone,
                                    r.all_day, r.status, r.topic, r.series_id))
    found.sort(key=lambda o: (o.starts_at, o.event_id))
    return found


def next_occurrence(event: Event, now: datetime) -> datetime | None:
    """When the event (or, for a recurring one, its next occurrence) next starts or is still
    going on; None when it is over."""
    starts, ends = _utc(event.starts_at), _utc(event.ends_at)
    if not event.rrule:
        return starts if ends > now else None
    zone = ZoneInfo(event.timezone)
    try:
        rule = rrulestr(event.rrule, dtstart=starts.astimezone(zone).replace(tzinfo=None))
    except (ValueError, TypeError):
        return None
    skip = set(parse_exdates(event.exdates))
    local = (now - (ends - starts)).astimezone(zone).replace(tzinfo=None)
    for _ in range(500):
        found = rule.after(local, inc=True)
        if found is None:
            return None
        moment = found.replace(tzinfo=zone).astimezone(timezone.utc)
        if moment not in skip:
            return moment
        local = found + timedelta(seconds=1)
    return None


def month_occurrences(session: Session, year: int, month: int, series_id: int | None = None,
                      topic: str | None = None) -> list[Occurrence]:
    start, end = month_bounds(year, month)
    return occurrences(session, start, end, series_id, topic)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def filter_options(session: Session) -> tuple[list[Series], list[str]]:
    series = list(session.exec(select(Series).order_by(Series.title_en)).all())
    topics = [t for t in session.exec(select(Event.topic).where(Event.topic.is_not(None))
                                      .distinct().order_by(Event.topic)).all() if t]
    return series, topics


# --- registering ----------------------------------------------------------------------------


def _own_registration(session: Session, event_id: int, member_id: int) -> Registration | None:
    return session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.member_id == member_id)
        .order_by(Registration.id)).first()


def _member_of(actor: Actor) -> int:
    require_role(actor, Role.MEMBER)
    if actor.member_id is None:
        raise InvalidInput("Your account is not linked to a member of the community yet.")
    return actor.member_id


def register(session: Session, actor: Actor, event_id: int, now: datetime) -> str:
    """Register the signed-in member themself; on the waiting list when the event is full."""
    member_id = _member_of(actor)
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    if event.status == EventStatus.CANCELLED.value:
        raise InvalidInput("This event has been cancelled.")
    if next_occurrence(event, now) is None:
        raise InvalidInput("This event has already taken place.")
    own = _own_registration(session, event_id, member_id)
    if own is not None and own.status != RegistrationStatus.CANCELLED.value:
        return own.status
    registered, _, _ = _counts(session, event_id)
    full = event.capacity is not None and registered >= event.capacity
    status = (RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED).value
    before = audit.snapshot(own, ("status",)) if own else None
    if own is None:
        own = Registration(event_id=event_id, member_id=member_id, status=status,
                           registered_at=now)
    else:
        own.status, own.registered_at = status, now
    session.add(own)
    session.flush()
    audit.record(session, actor, "register", "registration", own.id, before,
                 {"event_id": event_id, "member_id": member_id, "status": status})
    return status


def cancel_registration(session: Session, actor: Actor, event_id: int, now: datetime) -> None:
    """Cancel the signed-in member's own registration; the first waitlisted person moves up."""
    member_id = _member_of(actor)
    own = _own_registration(session, event_id, member_id)
    if own is None or own.status == RegistrationStatus.CANCELLED.value:
        raise InvalidInput("You are not registered for this event.")
    was = own.status
    own.status = RegistrationStatus.CANCELLED.value
    session.add(own)
    audit.record(session, actor, "cancel_registration", "registration", own.id,
                 {"status": was}, {"status": own.status})
    if was == RegistrationStatus.REGISTERED.value:
        waiting = session.exec(select(Registration).where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.WAITLISTED.value)
            .order_by(Registration.registered_at, Registration.id)).first()
        if waiting is not None:
            waiting.status = RegistrationStatus.REGISTERED.value
            session.add(waiting)
            audit.record(session, actor, "promote_from_waiting_list", "registration",
                         waiting.id, {"status": RegistrationStatus.WAITLISTED.value},
                         {"status": waiting.status})
    session.flush()


@dataclass(frozen=True)
class MyEvent:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    event_status: str
    status: str


def my_events(session: Session, actor: Actor, now: datetime) -> list[MyEvent]:
    """The signed-in member's registrations (not cancelled), soonest first."""
    require_role(actor, Role.MEMBER)
    if actor.member_id is None:
        return []
    rows = session.exec(
        select(Event, Registration).join(Registration, Registration.event_id == Event.id)
        .where(Registration.member_id == actor.member_id,
               Registration.status != RegistrationStatus.CANCELLED.value)
        .order_by(Event.starts_at.desc())
    ).all()
    return [MyEvent(e.id, e.title, e.starts_at, e.ends_at, e.timezone, e.status, r.status)
            for e, r in rows]


# --- the steering group's edits -------------------------------------------------------------

EDITABLE = ("title", "description", "topic", "series_id", "starts_at", "ends_at", "timezone",
            "all_day", "rrule", "exdates", "location", "online_url", "registration_url",
            "speakers", "capacity", "recording_url", "youtube_video_id", "status")
def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue where it is defined apart from where it is raised."""
    return msgid


FREQUENCIES = {"": None, "weekly": "WEEKLY", "monthly": "MONTHLY"}


@dataclass
class EventForm:
    """What the steering group types; validated into Event values by ``clean``."""

    title: str = ""
    description: str = ""
    topic: str = ""
    series_id: int | None = None
    day: str = ""  # YYYY-MM-DD, London
    start: str = ""  # HH:MM, London
    end: str = ""  # HH:MM, London
    location: str = ""
    online_url: str = ""
    registration_url: str = ""
    speakers: str = ""
    capacity: str = ""
    repeat: str = ""  # "", "weekly" or "monthly"
    count: str = ""  # how many occurrences in all
    except_days: str = ""  # YYYY-MM-DD, comma-separated: occurrences that do not happen
    recording_url: str = ""


URL_MESSAGES = {
    "online_url": N_("Online link: enter a web address starting with https://"),
    "registration_url": N_("Registration link: enter a web address starting with https://"),
    "recording_url": N_("Recording link: enter a web address starting with https://"),
}


def _url(value: str, field: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not value.startswith(("https://", "http://")):
        raise InvalidInput(URL_MESSAGES[field])
    return value[:500]


def clean(form: EventForm) -> dict:
    title = form.title.strip()
    if not title:
        raise InvalidInput("Title: enter the event's title.")
    try:
        day = date.fromisoformat(form.day.strip())
    except ValueError:
        raise InvalidInput("Date: enter a date like 2026-03-31.") from None
    try:
        start = time.fromisoformat(form.start.strip())
        end = time.fromisoformat(form.end.strip())
    except ValueError:
        raise InvalidInput("Start and end: enter times like 10:00.") from None
    starts_at = datetime.combine(day, start, tzinfo=LONDON).astimezone(timezone.utc)
    ends_at = datetime.combine(day, end, tzinfo=LONDON).astimezone(timezone.utc)
    if ends_at <= starts_at:
        raise InvalidInput("End: the event must end after it starts.")
    capacity = None
    if form.capacity.strip():
        if not form.capacity.strip().isdigit() or int(form.capacity) < 1:
            raise InvalidInput("Capacity: enter a whole number of places, or leave it empty.")
        capacity = int(form.capacity)
    if form.repeat not in FREQUENCIES:
        raise InvalidInput("Repeats: choose weekly, monthly or not at all.")
    rrule = exdates = None
    if FREQUENCIES[form.repeat]:
        count = form.count.strip()
        if not count.isdigit() or not 2 <= int(count) <= 200:
            raise InvalidInput("Occurrences: enter how many times it happens, from 2 to 200.")
        rrule = f"FREQ={FREQUENCIES[form.repeat]};COUNT={int(count)}"
        skipped = []
        for part in form.except_days.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                skipped_day = date.fromisoformat(part.strip())
            except ValueError:
                raise InvalidInput("Except on: {value} is not a date like 2026-03-31.",
                                   value=part.strip()) from None
            skipped.append(datetime.combine(skipped_day, start, tzinfo=LONDON)
                           .astimezone(timezone.utc))
        exdates = format_exdates(skipped)
    recording = _url(form.recording_url, "recording_url")
    video = None
    if recording:
        from urllib.parse import parse_qs, urlparse

        parts = urlparse(recording)
        if parts.hostname and parts.hostname.endswith("youtube.com"):
            video = (parse_qs(parts.query).get("v") or [None])[0]
        elif parts.hostname == "youtu.be":
            video = parts.path.strip("/") or None
    return {
        "title": title[:300], "description": form.description.strip() or None,
        "topic": form.topic.strip()[:100] or None, "series_id": form.series_id,
        "starts_at": starts_at, "ends_at": ends_at, "timezone": "Europe/London",
        "all_day": False, "rrule": rrule, "exdates": exdates,
        "location": form.location.strip()[:300] or None,
        "online_url": _url(form.online_url, "online_url"),
        "registration_url": _url(form.registration_url, "registration_url"),
        "speakers": form.speakers.strip()[:500] or None, "capacity": capacity,
        "recording_url": recording, "youtube_video_id": video[:20] if video else None,
    }


def create_event(session: Session, actor: Actor, form: EventForm, now: datetime) -> Event:
    require_role(actor, Role.STEERING)
    values = clean(form)
    event = Event(uid=f"{uuid.uuid4()}@cymuned", sequence=0, created_at=now, updated_at=now,
                  status=EventStatus.CONFIRMED.value, **values)
    session.add(event)
    session.flush()
    audit.record(session, actor, "create", "event", event.id, None,
                 audit.snapshot(event, EDITABLE))
    return event


def _editable(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    return event


def update_event(session: Session, actor: Actor, event_id: int, form: EventForm,
                 now: datetime) -> Event:
    """Change an event; SEQUENCE goes up so subscribed calendars take the change."""
    require_role(actor, Role.STEERING)
    event = _editable(session, event_id)
    values = clean(form)
    before = audit.snapshot(event, EDITABLE)
    for key, value in values.items():
        setattr(event, key, value)
    event.sequence += 1
    event.updated_at = now
    session.add(event)
    session.flush()
    audit.record(session, actor, "update", "event", event.id, before,
                 audit.snapshot(event, EDITABLE))
    return event


def cancel_event(session: Session, actor: Actor, event_id: int, now: datetime) -> Event:
    """Cancel an event: it stays listed, as cancelled, and feeds say STATUS:CANCELLED."""
    require_role(actor, Role.STEERING)
    event = _editable(session, event_id)
    if event.status == EventStatus.CANCELLED.value:
        raise InvalidInput("This event has been cancelled.")
    before = audit.snapshot(event, ("status", "sequence"))
    event.status = EventStatus.CANCELLED.value
    event.sequence += 1
    event.updated_at = now
    session.add(event)
    session.flush()
    audit.record(session, actor, "cancel", "event", event.id, before,
                 audit.snapshot(event, ("status", "sequence")))
    return event


def form_for(event: Event) -> EventForm:
    """The form filled in with an event's values, for editing."""
    start = to_local(event.starts_at, event.timezone)
    end = to_local(event.ends_at, event.timezone)
    repeat, count = "", ""
    if event.rrule:
        parts = dict(p.split("=", 1) for p in event.rrule.split(";") if "=" in p)
        repeat = {"WEEKLY": "weekly", "MONTHLY": "monthly"}.get(parts.get("FREQ", ""), "")
        count = parts.get("COUNT", "")
    skipped = ", ".join(to_local(x, event.timezone).date().isoformat()
                        for x in parse_exdates(event.exdates))
    return EventForm(
        title=event.title, description=event.description or "", topic=event.topic or "",
        series_id=event.series_id, day=start.date().isoformat(), start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"), location=event.location or "",
        online_url=event.online_url or "", registration_url=event.registration_url or "",
        speakers=event.speakers or "", capacity=str(event.capacity or ""), repeat=repeat,
        count=count, except_days=skipped, recording_url=event.recording_url or "",
    )
