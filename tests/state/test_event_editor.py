"""Event editor handlers: only the steering group creates events."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Event, Role
from dashboard.vocabulary import EVENT_TOPICS
from state.event_editor import EventEditorState
from tests.state.test_event import snapshot


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_only_steering_creates_events(db, make_state, sign_in_as, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = make_state(EventEditorState, token=token)
    state.values = {}
    state.save({"title": "Sneaky", "day": "2027-01-05", "start": "10:00", "end": "11:00"})
    assert snapshot(db) == before and state.notice_is_error


def test_steering_creates_an_event(db, make_state, sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING))
    state.values = {}
    state.save({"title": "New meetup", "day": "2027-01-05", "start": "10:00", "end": "11:00"})
    assert not state.notice_is_error
    with Session(db) as session:
        assert session.exec(select(Event.title)).all() == ["New meetup"]


def test_a_bad_form_names_the_field_in_welsh(db, make_state, sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING), lang="cy")
    state.values = {}
    state.save({"title": "", "day": "2027-01-05", "start": "10:00", "end": "11:00"})
    assert state.notice_is_error and state.notice != "Title: enter the event's title."


def test_steering_writes_the_welsh_and_chooses_a_topic(db, make_state, sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING))
    state.load_session()
    state.values = {}
    state.set_topic("generative-ai")
    state.save({"title": "Meetup", "title_cy": "Cyfarfod", "description_cy": "Sgwrs",
                "location": "Cardiff", "location_cy": "Caerdydd", "day": "2027-01-05",
                "start": "10:00", "end": "11:00", "topic": "ignored: the select is kept"})
    assert not state.notice_is_error
    with Session(db) as session:
        event = session.exec(select(Event)).one()
        assert (event.title_cy, event.description_cy, event.location_cy, event.topic) == (
            "Cyfarfod", "Sgwrs", "Caerdydd", "generative-ai")
    state.load()  # a new event: the topics to choose from are the list's
    assert state.topic_options == list(EVENT_TOPICS)
    assert state.values["title_cy"] == "" and state.values["topic"] == ""


def test_a_link_that_is_not_a_web_address_is_refused_and_nothing_saved(db, make_state,
                                                                        sign_in_as):
    state = make_state(EventEditorState, token=sign_in_as(Role.STEERING))
    before = snapshot(db)
    for link in ("javascript:alert(1)", "http://", "https://exa mple.org"):
        state.values = {}
        state.save({"title": "Meetup", "day": "2027-01-05", "start": "10:00", "end": "11:00",
                    "online_url": link})
        assert state.notice_is_error
        assert state.notice == "Online link: enter a web address starting with https://"
        assert snapshot(db) == before
