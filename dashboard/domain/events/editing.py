"""The steering group's edits: create, update and cancel events, with validation."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from dashboard.domain import audit, versions
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.clock import LONDON, to_local
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.events.feed import format_exdates, parse_exdates
from dashboard.domain.web_address import is_web_address
from dashboard.models import (
    Event,
    EventStatus,
    Role,
    Series,
)
from dashboard.vocabulary import EVENT_TOPICS

# --- the steering group's edits -------------------------------------------------------------

EDITABLE = ("title", "title_cy", "description", "description_cy", "topic", "series_id",
            "starts_at", "ends_at", "timezone", "all_day", "rrule", "exdates", "location",
            "location_cy", "online_url", "registration_url", "speakers", "capacity",
            "recording_url", "youtube_video_id", "status")


def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue where it is defined apart from where it is raised."""
    return msgid


FREQUENCIES = {"": None, "weekly": "WEEKLY", "monthly": "MONTHLY"}


@dataclass
class EventForm:
    """What the steering group types; validated into Event values by ``clean``. The Welsh
    title, description and place may be left empty: readers then see the English."""

    title: str = ""
    description: str = ""
    topic: str = ""  # one of EVENT_TOPICS, or the event's own (imported) topic, or ""
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
    title_cy: str = ""
    description_cy: str = ""
    location_cy: str = ""


OVERNIGHT = timedelta(hours=12)  # the longest an event that ends the next day may last

URL_MESSAGES = {
    "online_url": N_("Online link: enter a web address starting with https://"),
    "registration_url": N_("Registration link: enter a web address starting with https://"),
    "recording_url": N_("Recording link: enter a web address starting with https://"),
}


def _url(value: str, field: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not is_web_address(value):  # http and https only: never javascript: or data:
        raise InvalidInput(URL_MESSAGES[field])
    return value[:500]


def _topic(value: str, kept: str | None) -> str | None:
    """A topic from the list, or the one the event already has (an imported topic that is
    not on the list stays as it was)."""
    value = value.strip()
    if not value:
        return None
    if value not in EVENT_TOPICS and value != kept:
        raise InvalidInput("Topic: choose one from the list.")
    return value[:100]


def clean(form: EventForm, kept_topic: str | None = None) -> dict:
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
    starts_at = datetime.combine(day, start, tzinfo=LONDON).astimezone(UTC)
    # An end at or before the start is the next day (an evening event that ends at midnight
    # or after), for an event of at most OVERNIGHT; later than that it is a mistake.
    end_day = day + timedelta(days=1) if end <= start else day
    ends_at = datetime.combine(end_day, end, tzinfo=LONDON).astimezone(UTC)
    if ends_at <= starts_at or (end_day > day and ends_at - starts_at > OVERNIGHT):
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
                           .astimezone(UTC))
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
        "title_cy": form.title_cy.strip()[:300] or None,
        "description_cy": form.description_cy.strip() or None,
        "location_cy": form.location_cy.strip()[:300] or None,
        "topic": _topic(form.topic, kept_topic), "series_id": form.series_id,
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


# The editor's label of each form field: what a refused stale save names.
FORM_LABELS = {
    "title": "Title", "description": "Description (Markdown)", "topic": "Topic",
    "series_id": "Series", "day": "Date", "start": "Starts (UK time)", "end": "Ends (UK time)",
    "location": "Venue (leave empty if online only)", "online_url": "Online link",
    "registration_url": "Registration link", "speakers": "Speakers",
    "capacity": "Capacity (places)", "repeat": "Repeats", "count": "Occurrences",
    "except_days": "Except on", "recording_url": "Recording link",
    "title_cy": "Title in Welsh", "description_cy": "Description in Welsh (Markdown)",
    "location_cy": "Venue in Welsh",
}


def update_event(session: Session, actor: Actor, event_id: int, form: EventForm,
                 now: datetime, version: int | None = None) -> Event:
    """Change an event; SEQUENCE goes up so subscribed calendars take the change. ``version``
    is the one the editor was opened with: a save over someone else's newer one is refused
    (versions.StaleVersion)."""
    require_role(actor, Role.STEERING)
    event = _editable(session, event_id)
    values = clean(form, kept_topic=event.topic)
    versions.claim(session, event, version, asdict(form), FORM_LABELS,
                   current=lambda row: asdict(form_for(row)))
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
        title_cy=event.title_cy or "", description_cy=event.description_cy or "",
        location_cy=event.location_cy or "",
    )


@dataclass(frozen=True)
class EditorStart:
    """What the editor opens with: nothing unless the actor is in the steering group."""

    allowed: bool
    series: list[Series]  # the series an event can belong to, by English title
    event_id: int | None  # the event being edited; None for a new one
    form: EventForm
    # The topics to choose from: EVENT_TOPICS' codes, and the event's own topic when an
    # import gave it one that is not on the list.
    topics: tuple[str, ...] = tuple(EVENT_TOPICS)
    version: int = 0  # the event's, as opened: a save from an older one is refused


def editor_start(session: Session, actor: Actor, event_id: int | None) -> EditorStart:
    """The editor for a new event, or filled in with an existing one's values (an id that
    names no event opens a new one)."""
    if not has_role(actor, Role.STEERING):
        return EditorStart(False, [], None, EventForm(), ())
    series = list(session.exec(select(Series).order_by(Series.title_en)).all())
    event = session.get(Event, event_id) if event_id is not None else None
    if event is None:
        return EditorStart(True, series, None, EventForm())
    topics = tuple(EVENT_TOPICS)
    if event.topic and event.topic not in EVENT_TOPICS:
        topics += (event.topic,)
    return EditorStart(True, series, event.id, form_for(event), topics, event.version)
