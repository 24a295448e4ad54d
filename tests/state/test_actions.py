"""Only the steering group and admins may change an action; everyone else changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.domain.audit import actor_name
from dashboard.models import AuditEntry, Role, SteeringAction
from state.actions import ActionsState
from state.rows import Bilingual
from tests.state.helpers import run_async


@pytest.fixture
def action_id(db) -> int:
    with Session(db) as session:
        action = SteeringAction(title="Publish AI procurement guidance", due_on=date(2027, 1, 31))
        session.add(action)
        session.commit()
        return action.id


def snapshot(db):
    with Session(db) as session:
        actions = [(a.id, a.status, a.completed_on) for a in session.exec(select(SteeringAction))]
        audit = session.exec(select(AuditEntry)).all()
        return actions, len(audit)


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_visitor_and_member_cannot_change_status(db, make_state, sign_in_as, action_id, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = make_state(ActionsState, token=token)
    state.change_status(action_id, "done")
    assert snapshot(db) == before
    assert state.notice == "You do not have permission to do that."
    assert state.notice_is_error


def test_refusal_is_in_welsh_for_a_welsh_speaker(db, make_state, action_id):
    state = make_state(ActionsState, lang="cy")
    state.change_status(action_id, "done")
    assert state.notice_is_error
    assert state.notice != "You do not have permission to do that."


def test_a_forged_token_is_a_visitor(db, make_state, sign_in_as, action_id):
    sign_in_as(Role.STEERING)
    before = snapshot(db)
    state = make_state(ActionsState, token="not-a-real-token")
    state.change_status(action_id, "done")
    assert snapshot(db) == before


def test_client_side_role_is_not_trusted(db, make_state, sign_in_as, action_id):
    token = sign_in_as(Role.MEMBER)
    state = make_state(ActionsState, token=token)
    state.role = Role.ADMIN.value  # as if the browser claimed to be an admin
    before = snapshot(db)
    state.change_status(action_id, "done")
    assert snapshot(db) == before


@pytest.mark.parametrize("role", [Role.STEERING, Role.ADMIN])
def test_steering_group_changes_status_and_it_is_audited(db, make_state, sign_in_as, action_id,
                                                         role):
    state = make_state(ActionsState, token=sign_in_as(role))
    state.change_status(action_id, "done")
    assert not state.notice_is_error
    with Session(db) as session:
        action = session.get(SteeringAction, action_id)
        assert action.status == "done" and action.completed_on is not None
        entry = session.exec(select(AuditEntry)).one()
        # By user id, not email; shown by the account's name.
        assert entry.actor == f"user:{entry.actor_user_id}"
        assert actor_name(session, entry) == role.value.title()
    assert (entry.action, entry.entity, entry.entity_id) == ("update_status", "steering_action",
                                                             str(action_id))
    assert entry.before["status"] == "open" and entry.after["status"] == "done"


def test_an_unknown_status_is_refused_with_a_message(db, make_state, sign_in_as, action_id):
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING))
    before = snapshot(db)
    state.change_status(action_id, "finished-ish")
    assert snapshot(db) == before
    assert "finished-ish" in state.notice and state.notice_is_error


# --- content in both languages -------------------------------------------------------------


@pytest.fixture
def two_actions(db):
    """One action written in both languages, one so far only in English."""
    with Session(db) as session:
        session.add(SteeringAction(
            title="Publish AI procurement guidance", title_cy="Cyhoeddi canllawiau caffael DA",
            description="Draft, consult on and publish the guidance.",
            description_cy="Drafftio'r canllawiau, ymgynghori arnynt a'u cyhoeddi.",
            due_on=date(2027, 1, 31)))
        session.add(SteeringAction(title="Map AI skills training", title_cy="  ",
                                   description="List free and funded courses.",
                                   due_on=date(2027, 2, 28)))
        session.add(SteeringAction(title="Review the terms of reference", title_cy=None,
                                   due_on=date(2027, 3, 31)))
        session.commit()


def test_actions_carry_their_title_and_description_in_both_languages(make_state, sign_in_as,
                                                                     two_actions):
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING), lang="cy")
    state.load()
    both, english_only, no_description = state.rows
    assert both.title == Bilingual("Publish AI procurement guidance",
                                   "Cyhoeddi canllawiau caffael DA")
    assert both.description == Bilingual(
        "Draft, consult on and publish the guidance.",
        "Drafftio'r canllawiau, ymgynghori arnynt a'u cyhoeddi.")
    assert not both.title_untranslated and not both.description_untranslated
    # An empty Welsh field shows the English, marked as not yet translated.
    assert english_only.title == Bilingual("Map AI skills training", "Map AI skills training")
    assert english_only.description.cy == "List free and funded courses."
    assert english_only.title_untranslated and english_only.description_untranslated
    # No description at all is nothing to translate.
    assert no_description.description == Bilingual("", "")
    assert no_description.title_untranslated and not no_description.description_untranslated


def test_visitors_see_no_actions_and_filters_reach_the_list(make_state, sign_in_as,
                                                             two_actions, monkeypatch):
    visitor = make_state(ActionsState)
    visitor.load()
    assert visitor.rows == [] and visitor.problem
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING))
    state.load()
    assert [r.title.en for r in state.rows][0] == "Publish AI procurement guidance"
    run_async(state.sort_by("title"))
    assert [r.title.en for r in state.rows] == ["Map AI skills training",
                                                "Publish AI procurement guidance",
                                                "Review the terms of reference"]
    run_async(state.set_view("board"))
    assert [(c.status, c.total) for c in state.board][:3] == [("open", 3), ("in_progress", 0),
                                                              ("blocked", 0)]
