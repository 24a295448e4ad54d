"""The action form: create, edit, a stale save refused with both versions shown and the
reader's input kept; members add notes to their own actions only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.models import AuditEntry, Member, Role, SteeringAction, User
from state.action import ActionState


@pytest.fixture
def steering(db, sign_in_as):
    from dashboard.domain.reference import load_reference_data

    with Session(db) as session:
        load_reference_data(session)
        session.commit()
    return sign_in_as(Role.STEERING)


def form(**fields) -> dict:
    return {"title": "Run the maturity round", "title_cy": "Cynnal y cylch aeddfedrwydd",
            "status": "open", "due_on": "2027-05-01", "rag": "", **fields}


def open_action(make_state, token, action_id, monkeypatch) -> ActionState:
    state = make_state(ActionState, token=token)
    monkeypatch.setattr(ActionState, "_url_part", lambda self: str(action_id))
    state.load()
    return state


def test_create_then_a_stale_edit_is_refused_with_both_versions(db, make_state, steering,
                                                                 monkeypatch):
    state = make_state(ActionState, token=steering)
    monkeypatch.setattr(ActionState, "_url_part", lambda self: "new")
    state.load()
    state.save(form(**{"objective:cdps-1": "on", "goal:prosperous": "on"}))
    assert not state.notice_is_error, state.notice
    with Session(db) as session:
        action_id = session.exec(select(SteeringAction.id)).one()

    mine = open_action(make_state, steering, action_id, monkeypatch)
    theirs = open_action(make_state, steering, action_id, monkeypatch)
    assert sorted(mine.chosen) == ["goal:prosperous", "objective:cdps-1"]
    theirs.save(form(rag="red", rag_reason="No one to run it"))
    assert not theirs.notice_is_error, theirs.notice
    mine.save(form(title="Run the second maturity round"))
    assert mine.notice_is_error and "version 2, yours 1" in mine.notice
    assert mine.values["title"] == "Run the second maturity round"  # the input is kept
    compared = {c.field: (c.theirs, c.yours) for c in mine.stale}
    assert compared["title"] == ("Run the maturity round", "Run the second maturity round")
    assert compared["rag"] == ("red", "")
    with Session(db) as session:
        assert session.get(SteeringAction, action_id).title == "Run the maturity round"
    mine.save(form(title="Run the second maturity round"))  # again, knowing theirs
    assert not mine.notice_is_error
    assert ("title", "Run the maturity round", "Run the second maturity round") in [
        (h.field, h.before, h.after) for h in mine.history]


def test_a_member_reads_their_own_action_and_adds_a_note(db, make_state, sign_in_as,
                                                         monkeypatch):
    token = sign_in_as(Role.MEMBER)
    with Session(db) as session:
        member = Member(full_name="Owain Jones", status="active", joined_on=date(2025, 1, 1))
        session.add(member)
        session.flush()
        user = session.exec(select(User)).one()
        user.member_id = member.id
        own = SteeringAction(title="Own action", owner_member_id=member.id)
        other = SteeringAction(title="Someone else's")
        session.add_all([user, own, other])
        session.commit()
        own_id, other_id = own.id, other.id
    state = open_action(make_state, token, own_id, monkeypatch)
    assert state.found and state.values["title"] == "Own action"
    state.add_note({"note": "Kick-off held"})
    assert [n.text for n in state.notes] == ["Kick-off held"]
    state.save(form())
    assert state.notice_is_error  # members cannot edit
    state = open_action(make_state, token, other_id, monkeypatch)
    assert not state.found
    with Session(db) as session:
        assert [e.action for e in session.exec(select(AuditEntry))] == ["add_note"]


def test_an_owner_outside_the_steering_group_stays_choosable(db, make_state, steering,
                                                             monkeypatch):
    with Session(db) as session:
        member = Member(full_name="Gwen Owner", status="active", joined_on=date(2025, 1, 1))
        session.add(member)
        session.flush()
        action = SteeringAction(title="Owned by a member", owner_member_id=member.id)
        session.add(action)
        session.commit()
        action_id, member_id = action.id, member.id
    state = open_action(make_state, steering, action_id, monkeypatch)
    assert (str(member_id), "Gwen Owner") in [(o.key, o.name.en) for o in state.owner_options]
    assert state.values["owner"] == str(member_id)
