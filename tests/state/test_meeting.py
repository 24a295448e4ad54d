"""The meeting page: proposing and adopting the agenda, minutes (a 5 MB paste refused and
kept), a decision and an action from an item; members read only published minutes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.models import Decision, Role, SteeringAction, SteeringMeeting
from state.meeting import MeetingState


@pytest.fixture
def meeting_id(db) -> int:
    with Session(db) as session:
        meeting = SteeringMeeting(held_on=date(2027, 3, 9), title="March meeting")
        session.add(meeting)
        session.add(SteeringAction(title="Late action", due_on=date(2027, 1, 1)))
        session.commit()
        return meeting.id


def open_meeting(make_state, token, meeting_id, monkeypatch) -> MeetingState:
    monkeypatch.setattr(MeetingState, "_url_part", lambda self: str(meeting_id))
    state = make_state(MeetingState, token=token)
    state.load()
    return state


def test_agenda_minutes_and_outputs(db, make_state, sign_in_as, meeting_id, monkeypatch):
    state = open_meeting(make_state, sign_in_as(Role.STEERING), meeting_id, monkeypatch)
    assert state.found and state.items == []
    state.propose()
    assert [(p.source, p.title.en) for p in state.proposal] == [("overdue", "Late action")]
    state.adopt()
    assert [i.title.en for i in state.items] == ["Late action"]
    item = state.items[0].id
    state.save_minutes({"id": item, "minutes": "x" * 5_000_000, "minutes_cy": "Cymraeg",
                        "outcome": "done"})
    assert state.notice_is_error and "5,000,000" in state.notice
    assert state.unsaved[f"{item}:cy"] == "Cymraeg"  # nothing lost
    state.save_minutes({"id": item, "minutes": "Discussed.", "minutes_cy": "Trafodwyd.",
                        "outcome": "carried"})
    assert not state.notice_is_error and state.unsaved == {}
    state.decide({"id": item, "text": "Extend the deadline", "text_cy": "Ymestyn y dyddiad"})
    state.new_action({"id": item, "title": "Tell the owner", "due_on": "2027-03-20"})
    assert not state.notice_is_error, state.notice
    assert state.items[0].minutes.cy == "Trafodwyd."
    assert [d.en for d in state.items[0].decisions] == ["DEC-001: Extend the deadline"]
    with Session(db) as session:
        decision = session.exec(select(Decision)).one()
        action = session.exec(select(SteeringAction).where(
            SteeringAction.title == "Tell the owner")).one()
        assert (decision.meeting_id, action.meeting_id, action.agenda_item_id) == (
            meeting_id, meeting_id, item)


def test_members_read_only_published_minutes(db, make_state, sign_in_as, meeting_id,
                                             monkeypatch):
    member = sign_in_as(Role.MEMBER)
    assert not open_meeting(make_state, member, meeting_id, monkeypatch).found
    steering = open_meeting(make_state, sign_in_as(Role.STEERING), meeting_id, monkeypatch)
    steering.set_published(True)
    assert not steering.notice_is_error
    state = open_meeting(make_state, member, meeting_id, monkeypatch)
    assert state.found and state.people == []


def test_details_edited_and_a_bad_link_keeps_what_was_typed(db, make_state, sign_in_as,
                                                           meeting_id, monkeypatch):
    state = open_meeting(make_state, sign_in_as(Role.STEERING), meeting_id, monkeypatch)
    form = {"held_on": "2027-03-16", "title": "March meeting (moved)",
            "title_cy": "Cyfarfod Mawrth (wedi'i symud)", "place": "Llandudno",
            "online_url": "teams.example/meet"}
    state.save_details(form)
    assert state.notice_is_error and state.details["online_url"] == "teams.example/meet"
    state.save_details({**form, "online_url": "https://teams.example/meet"})
    assert not state.notice_is_error, state.notice
    with Session(db) as session:
        meeting = session.get(SteeringMeeting, meeting_id)
        assert (meeting.held_on, meeting.place, meeting.title_cy) == (
            date(2027, 3, 16), "Llandudno", "Cyfarfod Mawrth (wedi'i symud)")
