"""Event page handlers: only the steering group cancels an event; members register and
cancel only themselves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user, start_session
from dashboard.domain.clock import utc_now
from dashboard.models import AuditEntry, Event, Member, Registration, Role
from state.event import EventState


def add_event(db) -> int:
    """A meetup in ten days' time with one place."""
    with Session(db) as session:
        starts = utc_now() + timedelta(days=10)
        event = Event(uid="meetup-1@test", title="Meetup", starts_at=starts,
                      ends_at=starts + timedelta(hours=1), capacity=1)
        session.add(event)
        session.commit()
        return event.id


@pytest.fixture
def event_id(db) -> int:
    return add_event(db)


def snapshot(db):
    with Session(db) as session:
        events = [(e.id, e.title, e.status, e.sequence) for e in session.exec(select(Event))]
        registrations = [(r.event_id, r.member_id, r.status)
                         for r in session.exec(select(Registration).order_by(Registration.id))]
        return events, registrations, len(session.exec(select(AuditEntry)).all())


class Upload:
    """A file as the browser uploads it."""

    def __init__(self, data: bytes, name: str = "calendar.ics"):
        self.data, self.name = data, name

    async def read(self) -> bytes:
        return self.data


def member_token(db, email: str) -> tuple[str, int]:
    with Session(db) as session:
        person = Member(full_name=email, email=email, joined_on=date(2026, 1, 1))
        session.add(person)
        session.flush()
        user = create_user(session, email=email, display_name=email, role=Role.MEMBER,
                           password="correct horse battery staple", member_id=person.id)
        token = start_session(session, user)
        session.commit()
        return token, person.id


def event_state(make_state, token: str, event_id: int) -> EventState:
    state = make_state(EventState, token=token)
    state.current_id = event_id  # what load() takes from the address, /events/<id>
    return state


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_visitor_and_member_cannot_cancel_an_event(db, make_state, sign_in_as, event_id, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = event_state(make_state, token, event_id)
    state.cancel_event()
    assert snapshot(db) == before
    assert state.notice == "You do not have permission to do that." and state.notice_is_error


def test_steering_cancels_and_it_is_audited(db, make_state, sign_in_as, event_id):
    state = event_state(make_state, sign_in_as(Role.STEERING), event_id)
    state.cancel_event()
    with Session(db) as session:
        event = session.get(Event, event_id)
        assert (event.status, event.sequence) == ("cancelled", 1)
        entry = session.exec(select(AuditEntry)).one()
    assert (entry.action, entry.actor) == ("cancel", f"user:{entry.actor_user_id}")


def test_members_register_and_cancel_only_themselves(db, make_state, event_id):
    alice_token, alice = member_token(db, "alice@example.org")
    bob_token, bob = member_token(db, "bob@example.org")
    alice_state = event_state(make_state, alice_token, event_id)
    alice_state.register_me()
    assert alice_state.my_status == "registered"
    bob_state = event_state(make_state, bob_token, event_id)
    bob_state.register_me()  # capacity 1: waiting list
    assert snapshot(db)[1] == [(event_id, alice, "registered"), (event_id, bob, "waitlisted")]
    # Bob cancelling cancels Bob's place only, never Alice's.
    bob_state.cancel_me()
    assert snapshot(db)[1] == [(event_id, alice, "registered"), (event_id, bob, "cancelled")]
    bob_state.register_me()
    alice_state.cancel_me()  # Bob moves up
    assert snapshot(db)[1] == [(event_id, alice, "cancelled"), (event_id, bob, "registered")]


def test_a_visitor_cannot_register(db, make_state, event_id):
    state = event_state(make_state, "", event_id)
    before = snapshot(db)
    state.register_me()
    assert snapshot(db) == before and state.notice_is_error


def test_an_event_that_does_not_exist_says_so(db, make_state, event_id):
    state = event_state(make_state, "", event_id + 1)
    state.refresh()
    assert not state.found and state.problem == "There is no such event."
    state = event_state(make_state, "", event_id)
    state.refresh()
    assert state.found and state.problem == ""
    assert (state.event.title.en, state.event.capacity, state.event.registered) == (
        "Meetup", 1, 0)


def add_weekly(db, capacity: int | None = 1) -> tuple[int, list]:
    """A weekly clinic from ten days' time, four times, with one place each time."""
    with Session(db) as session:
        starts = (utc_now() + timedelta(days=10)).replace(hour=10, minute=0, second=0,
                                                          microsecond=0)
        event = Event(uid="weekly-1@test", title="Weekly clinic", starts_at=starts,
                      ends_at=starts + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=4",
                      timezone="UTC", capacity=capacity)
        session.add(event)
        session.commit()
        return event.id, [starts + timedelta(weeks=n) for n in range(4)]


def test_a_member_registers_for_the_occurrence_they_choose(db, make_state):
    event_id, dates = add_weekly(db)
    token, alice = member_token(db, "alice@example.org")
    state = event_state(make_state, token, event_id)
    state.refresh()
    assert [o.key for o in state.occurrences] == [
        d.strftime("%Y-%m-%dT%H:%MZ") for d in dates]
    assert state.occurrence == state.occurrences[0].key  # the next, to begin with
    state.choose_occurrence(state.occurrences[1].key)
    state.register_me()
    assert state.my_status == "registered" and state.event.registered == 1
    assert state.event.full and state.occurrence_when == state.occurrences[1].when
    with Session(db) as session:
        (registration,) = session.exec(select(Registration)).all()
        assert (registration.member_id, registration.occurs_at) == (alice, dates[1])
    # The first Tuesday still has its place, and Alice is not registered for it.
    state.choose_occurrence(state.occurrences[0].key)
    assert (state.my_status, state.event.registered, state.event.full) == ("", 0, False)
    state.choose_occurrence(state.occurrences[1].key)
    state.cancel_me()
    assert state.my_status == "cancelled"
    with Session(db) as session:
        assert session.exec(select(Registration.status)).all() == ["cancelled"]


def test_cancelled_and_past_events_offer_no_way_to_join(db, make_state):
    with Session(db) as session:
        soon, then = utc_now() + timedelta(days=5), utc_now() - timedelta(days=5)
        links = {"online_url": "https://example.org/join",
                 "registration_url": "https://example.org/register"}
        events = [Event(uid="open@test", title="Open", starts_at=soon,
                        ends_at=soon + timedelta(hours=1), **links),
                  Event(uid="off@test", title="Off", starts_at=soon, status="cancelled",
                        ends_at=soon + timedelta(hours=1), **links),
                  Event(uid="over@test", title="Over", starts_at=then,
                        ends_at=then + timedelta(hours=1), **links)]
        session.add_all(events)
        session.commit()
        ids = [e.id for e in events]
    shown = []
    for event_id in ids:
        state = event_state(make_state, "", event_id)
        state.refresh()
        shown.append((state.event.title.en, state.event.online_url != "",
                       state.event.registration_url != ""))
    assert shown == [("Open", True, True), ("Off", False, False), ("Over", False, False)]


def test_the_page_names_the_event_in_the_readers_language(db, make_state, event_id):
    state = event_state(make_state, "", event_id)
    state.refresh()
    assert state.event.tab_title.en == "Meetup · Cymuned"
    # No Welsh title yet: the Welsh page shows the English, marked as not translated.
    assert (state.event.title.cy, state.event.title_untranslated) == ("Meetup", True)
    with Session(db) as session:
        event = session.get(Event, event_id)
        event.title_cy, event.location, event.location_cy = "Cyfarfod", "Cardiff", "Caerdydd"
        session.add(event)
        session.commit()
    state.refresh()
    assert (state.event.title.cy, state.event.title_untranslated) == ("Cyfarfod", False)
    assert state.event.tab_title.cy == "Cyfarfod · Cymuned"
    assert state.event.location.cy == "Caerdydd" and not state.event.location_untranslated


def test_the_views_chart_places_readings_by_time(db, make_state, event_id):
    from tests import factories as f

    with Session(db) as session:
        event = session.get(Event, event_id)
        f.views(session, event, (f.utc(2026, 1, 1), 10), (f.utc(2026, 1, 2), 20),
                (f.utc(2026, 1, 11), 40))
        session.commit()
    state = event_state(make_state, "", event_id)
    state.refresh()
    first, second, third = (v.at for v in state.views)
    assert (third - second) == 9 * (second - first) == 9 * 24 * 3600 * 1000
    assert state.view_times == [first, second, third]
    assert [v.read_on.en for v in state.views] == ["1 Jan 2026", "2 Jan 2026", "11 Jan 2026"]
