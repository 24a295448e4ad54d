"""Registering, cancelling and the waiting list; a member's own events.

A recurring event is registered for one occurrence at a time (Registration.occurs_at, the
occurrence's start in UTC): its places and its waiting list count per occurrence. A one-off
event's registrations have no occurrence (None), as the attendance import writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.events.occurrences import next_occurrence, upcoming_starts
from dashboard.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Role,
)

# How many coming occurrences of a recurring event a member can choose from.
OFFERED_OCCURRENCES = 12

# --- registering ----------------------------------------------------------------------------


def aware(moment: datetime | None) -> datetime | None:
    """An occurrence as an aware UTC time (Registration.occurs_at is one)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _same_occurrence(occurs_at: datetime | None):
    return Registration.occurs_at.is_(None) if occurs_at is None else \
        Registration.occurs_at == aware(occurs_at)


def own_registration(session: Session, event_id: int, member_id: int,
                     occurs_at: datetime | None = None) -> Registration | None:
    return session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.member_id == member_id,
        _same_occurrence(occurs_at)).order_by(Registration.id)).first()


def _member_of(actor: Actor) -> int:
    require_role(actor, Role.MEMBER)
    if actor.member_id is None:
        raise InvalidInput("Your account is not linked to a member of the community yet.")
    return actor.member_id


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    return event


def _locked_event(session: Session, event_id: int) -> Event:
    """The event, locked until the transaction ends, so two registrations for its last
    place are counted one after the other: PostgreSQL locks the event's row (SELECT ... FOR
    UPDATE); SQLite has no row locks, so a no-op write takes the database's write lock now,
    before the places are counted (a second registration waits for this one to commit, then
    counts it). The unique key on (event, member, occurrence) stops a double registration
    by the same member whatever happens."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Event).where(Event.id == event_id).values(id=Event.id))
        event = session.get(Event, event_id, populate_existing=True)
    else:
        event = session.get(Event, event_id, with_for_update=True, populate_existing=True)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    return event


def occurrence_for(session: Session, event: Event, occurs_at: datetime | None,
                   now: datetime) -> datetime | None:
    """The occurrence a registration is for: None for a one-off event; for a recurring one,
    ``occurs_at`` if it is one of the coming occurrences offered, or the next one when no
    occurrence is named."""
    if not event.rrule:
        if next_occurrence(event, now) is None:
            raise InvalidInput("This event has already taken place.")
        return None
    coming = upcoming_starts(session, event, now, OFFERED_OCCURRENCES)
    if not coming:
        raise InvalidInput("This event has already taken place.")
    if occurs_at is None:
        return coming[0]
    if aware(occurs_at) not in coming:
        raise InvalidInput("Choose one of the event's coming dates.")
    return aware(occurs_at)


def register(session: Session, actor: Actor, event_id: int, now: datetime,
             occurs_at: datetime | None = None) -> str:
    """Register the signed-in member themself (for one occurrence of a recurring event); on
    the waiting list when that occurrence is full."""
    member_id = _member_of(actor)
    event = _locked_event(session, event_id)
    if event.status == EventStatus.CANCELLED.value:
        raise InvalidInput("This event has been cancelled.")
    occurs_at = occurrence_for(session, event, occurs_at, now)
    own = own_registration(session, event_id, member_id, occurs_at)
    if own is not None and own.status != RegistrationStatus.CANCELLED.value:
        return own.status
    registered, _, _ = registration_counts(session, event_id, occurs_at)
    full = event.capacity is not None and registered >= event.capacity
    status = (RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED).value
    before = audit.snapshot(own, ("status",)) if own else None
    if own is None:
        own = Registration(event_id=event_id, member_id=member_id, status=status,
                           registered_at=now, occurs_at=aware(occurs_at))
    else:
        own.status, own.registered_at = status, now
    session.add(own)
    session.flush()
    audit.record(session, actor, "register", "registration", own.id, before,
                 {"event_id": event_id, "member_id": member_id, "status": status,
                  "occurs_at": occurs_at.isoformat() if occurs_at else None})
    return status


def cancel_registration(session: Session, actor: Actor, event_id: int, now: datetime,
                        occurs_at: datetime | None = None) -> None:
    """Cancel the signed-in member's own registration (for that occurrence); the first on
    the same occurrence's waiting list moves up."""
    member_id = _member_of(actor)
    event = _locked_event(session, event_id)  # the waiting list moves up one at a time
    occurs_at = aware(occurs_at) if event.rrule else None
    own = own_registration(session, event_id, member_id, occurs_at) \
        if occurs_at is not None or not event.rrule else None
    if own is None or own.status == RegistrationStatus.CANCELLED.value:
        raise InvalidInput("You are not registered for this event.")
    was = own.status
    own.status = RegistrationStatus.CANCELLED.value
    session.add(own)
    audit.record(session, actor, "cancel_registration", "registration", own.id,
                 {"status": was}, {"status": own.status})
    if was == RegistrationStatus.REGISTERED.value:
        waiting = session.exec(select(Registration).where(
            Registration.event_id == event_id, _same_occurrence(occurs_at),
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
    starts_at: datetime  # the occurrence's, for a recurring event
    ends_at: datetime
    timezone: str
    event_status: str
    status: str
    title_cy: str | None = None
    occurs_at: datetime | None = None  # the occurrence registered for (recurring events)
    all_day: bool = False


def my_events(session: Session, actor: Actor, now: datetime) -> list[MyEvent]:
    """The signed-in member's registrations (not cancelled), latest first; a recurring
    event's with the date of the occurrence registered for."""
    require_role(actor, Role.MEMBER)
    if actor.member_id is None:
        return []
    rows = session.exec(
        select(Event, Registration).join(Registration, Registration.event_id == Event.id)
        .where(Registration.member_id == actor.member_id,
               Registration.status != RegistrationStatus.CANCELLED.value)
    ).all()
    found = []
    for e, r in rows:
        starts, ends = aware(e.starts_at), aware(e.ends_at)
        occurs_at = aware(r.occurs_at) if e.rrule else None
        if occurs_at is not None:
            starts, ends = occurs_at, occurs_at + (ends - starts)
        found.append(MyEvent(e.id, e.title, starts, ends, e.timezone, e.status, r.status,
                             e.title_cy, occurs_at, e.all_day))
    return sorted(found, key=lambda m: (m.starts_at, m.id), reverse=True)


def registration_counts(session: Session, event_id: int,
                        occurs_at: datetime | None = None) -> tuple[int, int, int]:
    """(registered, on the waiting list) for one occurrence (None: a one-off event), and
    how many attended the event, any occurrence."""
    rows = session.exec(
        select(Registration.status, Registration.attended, Registration.occurs_at, func.count())
        .where(Registration.event_id == event_id)
        .group_by(Registration.status, Registration.attended, Registration.occurs_at)
    ).all()
    wanted = aware(occurs_at)
    here = [(status, n) for status, _, when, n in rows if aware(when) == wanted]
    registered = sum(n for status, n in here if status == RegistrationStatus.REGISTERED.value)
    waitlisted = sum(n for status, n in here if status == RegistrationStatus.WAITLISTED.value)
    attended = sum(n for _, was_there, _, n in rows if was_there)
    return registered, waitlisted, attended


def occurrence_counts(session: Session, event_ids: list[int]
                      ) -> dict[tuple[int, datetime | None], tuple[int, int]]:
    """(event id, occurrence) -> (registered, on the waiting list), for a list of events."""
    if not event_ids:
        return {}
    rows = session.exec(
        select(Registration.event_id, Registration.occurs_at, Registration.status, func.count())
        .where(Registration.event_id.in_(event_ids),
               Registration.status.in_((RegistrationStatus.REGISTERED.value,
                                        RegistrationStatus.WAITLISTED.value)))
        .group_by(Registration.event_id, Registration.occurs_at, Registration.status)
    ).all()
    counts: dict[tuple[int, datetime | None], tuple[int, int]] = {}
    for event_id, when, status, n in rows:
        key = (event_id, aware(when))
        registered, waitlisted = counts.get(key, (0, 0))
        if status == RegistrationStatus.REGISTERED.value:
            registered += n
        else:
            waitlisted += n
        counts[key] = (registered, waitlisted)
    return counts
