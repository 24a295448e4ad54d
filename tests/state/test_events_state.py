"""Event handlers: only the steering group edits events; members register only themselves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user, start_session
from dashboard.domain.clock import utc_now
from dashboard.models import AuditEntry, Event, Member, Registration, Role
from state.events import EventEditorState, EventsState, EventState
from tests.domain.test_events_calendar import OUTLOOK
from tests.state.helpers import run_async


@pytest.fixture
def event_id(db) -> int:
    with Session(db) as session:
        starts = utc_now() + timedelta(days=10)
        event = Event(uid="meetup-1@test", title="Meetup", starts_at=starts,
                      ends_at=starts + timedelta(hours=1), capacity=1)
        session.add(event)
        session.commit()
        return event.id


def snapshot(db):
    with Session(db) as session:
        events = [(e.id, e.title, e.status, e.sequence) for e in session.exec(select(Event))]
        registrations = [(r.event_id, r.member_id, r.status)
                         for r in session.exec(select(Registration).order_by(Registration.id))]
        return events, registrations, len(session.exec(select(AuditEntry)).all())


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
    state.current_id = event_id  # what load() takes from the route's [event_id]
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
    assert (entry.action, entry.actor) == ("cancel", "steering@example.org")


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_only_steering_creates_events(db, make_state, sign_in_as, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = make_state(EventEditorState, token=token)
    state.values = {}
    state.save({"title": "Sneaky", "day": "2027-01-05", "start": "10:00",
                                      "end": "11:00"})
    assert snapshot(db) == before and state.notice_is_error


def test_steering_creates_an_event(db, make_state, sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING))
    state.values = {}
    state.save({"title": "New meetup", "day": "2027-01-05",
                                      "start": "10:00", "end": "11:00"})
    assert not state.notice_is_error
    with Session(db) as session:
        assert session.exec(select(Event.title)).all() == ["New meetup"]


def test_a_bad_form_names_the_field_in_welsh(db, make_state, sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING), lang="cy")
    state.values = {}
    state.save({"title": "", "day": "2027-01-05", "start": "10:00",
                                      "end": "11:00"})
    assert state.notice_is_error and state.notice != "Title: enter the event's title."


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


class Upload:
    def __init__(self, data: bytes):
        self.data, self.name = data, "calendar.ics"

    async def read(self) -> bytes:
        return self.data


def test_only_steering_imports_ics(db, make_state, sign_in_as):

    state = make_state(EventsState, token=sign_in_as(Role.MEMBER))
    before = snapshot(db)
    run_async(state.import_ics([Upload(OUTLOOK)]))
    assert snapshot(db) == before and state.notice_is_error
    steering = make_state(EventsState, token=sign_in_as(Role.STEERING))
    run_async(steering.import_ics([Upload(OUTLOOK)]))
    assert steering.notice == "Imported: 4 added, 0 updated, 0 unchanged."
    with Session(db) as session:
        assert len(session.exec(select(Event)).all()) == 4


CSV = b"Email,Checked In\nann@example.org,Yes\nbob@example.org,No\n"


def test_attendance_import_is_for_the_steering_group_only(db, make_state, sign_in_as, event_id):

    member = event_state(make_state, sign_in_as(Role.MEMBER), event_id)
    run_async(member.upload_attendance([Upload(CSV)]))
    assert member.notice_is_error and not member.att_mapped
    before = snapshot(db)
    member._att_data, member.att_file = CSV, "a.csv"
    member.import_attendance()
    assert snapshot(db) == before and member.notice_is_error

    steering = event_state(make_state, sign_in_as(Role.STEERING), event_id)
    run_async(steering.upload_attendance([Upload(CSV)]))
    assert (steering.att_email_col, steering.att_attended_col) == ("Email", "Checked In")
    assert steering.att_accepted == 2 and steering.att_rejected == []
    steering.import_attendance()
    assert not steering.notice_is_error, steering.notice
    with Session(db) as session:
        rows = session.exec(select(Registration).where(Registration.source_key.is_not(None)))
        assert sorted(r.attended for r in rows) == [False, True]


def test_rejected_rows_are_previewed_in_welsh(db, make_state, sign_in_as, event_id):

    state = event_state(make_state, sign_in_as(Role.STEERING), event_id)
    state.lang = "cy"
    run_async(state.upload_attendance([Upload(CSV + b"nobody,Yes\n")]))
    assert state.att_rejected_total == 1 and state.att_rejected[0]["row"] == "4"
    # Both languages are kept, so switching language after the upload still reads right.
    assert state.att_rejected[0]["reason_cy"] != state.att_rejected[0]["reason_en"]
