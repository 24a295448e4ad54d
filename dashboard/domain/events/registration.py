"""Registering, cancelling and the waiting list; a member's own events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.events.occurrences import (
    next_occurrence,
)
from dashboard.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Role,
)

# --- registering ----------------------------------------------------------------------------


def own_registration(session: Session, event_id: int, member_id: int) -> Registration | None:
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
    own = own_registration(session, event_id, member_id)
    if own is not None and own.status != RegistrationStatus.CANCELLED.value:
        return own.status
    registered, _, _ = registration_counts(session, event_id)
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
    own = own_registration(session, event_id, member_id)
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


def registration_counts(session: Session, event_id: int) -> tuple[int, int, int]:
    rows = session.exec(
        select(Registration.status, Registration.attended, func.count())
        .where(Registration.event_id == event_id)
        .group_by(Registration.status, Registration.attended)
    ).all()
    registered = sum(n for status, _, n in rows if status == RegistrationStatus.REGISTERED.value)
    waitlisted = sum(n for status, _, n in rows if status == RegistrationStatus.WAITLISTED.value)
    attended = sum(n for _, was_there, n in rows if was_there)
    return registered, waitlisted, attended

