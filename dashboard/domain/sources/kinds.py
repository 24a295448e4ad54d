"""What each kind of source fetches and how its records are applied.

``fetch`` reads the source through its connector (no database); ``apply`` validates and
upserts the records in the caller's transaction, through the feature's own import rules,
and returns the counts with a message (a msgid and its parameters, shown in both languages).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.connectors.calendar import fetch_calendar
from dashboard.connectors.eventbrite import fetch_attendees
from dashboard.connectors.fetch import FetchFailed
from dashboard.connectors.spreadsheet import fetch_spreadsheet, file_name
from dashboard.domain.auth import Actor
from dashboard.domain.errors import InvalidInput
from dashboard.domain.events import attendance_import
from dashboard.domain.events.calendar_import import parse_calendar, upsert_events
from dashboard.domain.events.recordings import read_views
from dashboard.domain.importing import N_, Table
from dashboard.domain.membership import member_import
from dashboard.models import Event, SourceKind


@dataclass(frozen=True)
class Job:
    """What a run needs, read from the source before the fetch (no database after that)."""

    source_id: int
    kind: str
    settings: dict
    secrets: dict[str, str]
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Payload:
    body: bytes = b""
    filename: str = ""
    records: tuple = ()  # plain records from an API connector
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    msgid: str = ""
    params: dict = field(default_factory=dict)


SUMMARY = N_("{added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected.")


def _summary(added: int = 0, updated: int = 0, unchanged: int = 0, rejected: int = 0
             ) -> Counts:
    return Counts(added, updated, unchanged, rejected, SUMMARY,
                  {"added": added, "updated": updated, "unchanged": unchanged,
                   "rejected": rejected})


def _url(job: Job) -> str:
    url = job.secrets.get("url", "")
    if not url:
        raise InvalidInput("This source has no web address: edit it and add one.")
    return url


def fetch(job: Job) -> Payload:
    if job.kind == SourceKind.ICS.value:
        got = fetch_calendar(_url(job), job.etag, job.last_modified)
        return Payload(body=got.body, not_modified=got.not_modified, etag=got.etag,
                       last_modified=got.last_modified)
    if job.kind == SourceKind.YOUTUBE.value:
        return Payload()  # the YouTube connector reads while applying, batch by batch
    if job.kind == SourceKind.SPREADSHEET.value:
        url = _url(job)
        got = fetch_spreadsheet(url, job.etag, job.last_modified)
        return Payload(body=got.body, filename=file_name(url, got.body, got.content_type),
                       not_modified=got.not_modified, etag=got.etag,
                       last_modified=got.last_modified)
    if job.kind == SourceKind.EVENTBRITE.value:
        token, event = job.secrets.get("token", ""), str(job.settings.get("eventbrite_id", ""))
        if not token or not event:
            raise InvalidInput("An Eventbrite source needs the private token and the "
                               "Eventbrite event's number.")
        return Payload(records=tuple(fetch_attendees(event, token,
                                                     job.settings.get("api_url"))))
    raise InvalidInput("Sources of this kind cannot be synced yet.")


def apply(session: Session, actor: Actor, job: Job, payload: Payload, now: datetime) -> Counts:
    if job.kind == SourceKind.ICS.value:
        return _apply_calendar(session, actor, job, payload, now)
    if job.kind == SourceKind.YOUTUBE.value:
        return _apply_youtube(session, actor, job, now)
    if job.kind == SourceKind.SPREADSHEET.value:
        return _apply_spreadsheet(session, actor, job, payload, now)
    if job.kind == SourceKind.EVENTBRITE.value:
        return _apply_eventbrite(session, actor, job, payload, now)
    raise InvalidInput("Sources of this kind cannot be synced yet.")


def _apply_calendar(session: Session, actor: Actor, job: Job, payload: Payload,
                    now: datetime) -> Counts:
    if payload.not_modified:
        # 304: nothing is read or written; the events stay as the last good run left them.
        count = session.exec(select(func.count()).select_from(Event)
                             .where(Event.source_id == job.source_id)).one()
        return Counts(unchanged=count, msgid=N_("The calendar has not changed since the last "
                                                "run ({n} events)."), params={"n": count})
    result = upsert_events(session, actor, parse_calendar(payload.body), job.source_id, now)
    return _summary(result.added, result.updated, result.unchanged)


def _apply_youtube(session: Session, actor: Actor, job: Job, now: datetime) -> Counts:
    key = job.secrets.get("api_key") or os.environ.get("YOUTUBE_API_KEY")
    if not key:
        raise InvalidInput("This source has no YouTube API key: edit it and add one.")
    result = read_views(session, actor, now, key)
    if result.status != "succeeded":
        # Quota exceeded, network or API errors: recorded as failed, readings not kept.
        raise FetchFailed("YouTube views could not be read: {reason}", reason=result.message)
    return _summary(result.added, result.updated, result.unchanged)


def _apply_spreadsheet(session: Session, actor: Actor, job: Job, payload: Payload,
                       now: datetime) -> Counts:
    """Members or an event's attendance, through the feature's own import rules (all or
    nothing: a rejected row fails the run and nothing is written). The column mapping saved
    on the source wins over the guess from the headings."""
    if payload.not_modified:
        return Counts(msgid=N_("The spreadsheet has not changed since the last run."))
    target = job.settings.get("target", "members")
    mapping = {k: v for k, v in (job.settings.get("mapping") or {}).items() if v}
    if target == "members":
        table = member_import.read_table(payload.body, payload.filename)
        chosen = {**member_import.suggest_mapping(table.headers, table.rows), **mapping}
        preview = member_import.preview_import(session, actor, table, chosen)
        added, updated, unchanged = member_import.commit_import(session, actor, preview, now)
        return _summary(added, updated, unchanged, len(preview.rejected))
    if target == "attendance":
        event_id = str(job.settings.get("event_id", ""))
        if not event_id.isdigit():
            raise InvalidInput("Set the event this attendance is for (its number) on the "
                               "source.")
        result = attendance_import.import_attendance(
            session, actor, int(event_id), payload.body, payload.filename, now,
            email_column=mapping.get("email"), attended_column=mapping.get("attended"))
        return _summary(result.added, result.updated, result.unchanged)
    raise InvalidInput("A spreadsheet source imports members or attendance.")


def _apply_eventbrite(session: Session, actor: Actor, job: Job, payload: Payload,
                      now: datetime) -> Counts:
    """Attendees into the event's registrations and attendance, with the attendance import's
    own matching rules (members on the day by email, others kept only as a keyed hash)."""
    event_id = str(job.settings.get("event_id", ""))
    if not event_id.isdigit():
        raise InvalidInput("Set the event this attendance is for (its number) on the "
                           "source.")
    rows = [[a.email, "yes" if a.attended else "no"] for a in payload.records
            if not a.cancelled]
    table = Table(headers=["Email", "Attended"], rows=rows)
    result = attendance_import.import_table(session, actor, int(event_id), table,
                                            "Eventbrite", now, email_column="Email",
                                            attended_column="Attended")
    return _summary(result.added, result.updated, result.unchanged)
