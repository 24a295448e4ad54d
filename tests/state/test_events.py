"""Events page handlers: the lists follow the filters in the address (an unknown series or
topic filters nothing); only the steering group imports an .ics file."""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.models import Event, Role
from state.events import EventsState, PastEventsState, UpcomingEventsState
from tests.domain.test_events_calendar import OUTLOOK
from tests.state.helpers import run_async
from tests.state.test_event import Upload, add_event, snapshot


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


def test_the_lists_ignore_filters_that_name_nothing(db, make_state):
    add_event(db)
    upcoming = make_state(UpcomingEventsState)
    upcoming._series, upcoming._topic = "no-such-series", "no-such-topic"
    upcoming.show_page(1)
    assert [(e.title, e.recurring, e.attendance) for e in upcoming.rows] == [
        ("Meetup", False, 0)]
    assert (upcoming.page, upcoming.pages, upcoming.total) == (1, 1, 1)
    past = make_state(PastEventsState)
    past.show_page(1)
    assert past.rows == [] and past.total == 0
