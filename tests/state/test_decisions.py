"""The decisions page: only the steering group; recording, superseding, a circle refused."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Decision, Role
from state.decisions import DecisionsState
from tests.state.helpers import run_async


@pytest.fixture
def steering(db, sign_in_as):
    from dashboard.domain.reference import load_reference_data

    with Session(db) as session:
        load_reference_data(session)
        session.commit()
    return sign_in_as(Role.STEERING)


def test_members_see_no_decisions(db, make_state, sign_in_as):
    state = make_state(DecisionsState, token=sign_in_as(Role.MEMBER))
    state.load()
    assert not state.allowed and state.rows == []


def test_record_supersede_and_a_circle_refused_with_the_input_kept(db, make_state, steering):
    state = make_state(DecisionsState, token=steering)
    state.load()
    for text in ("Meet every six weeks", "Meet monthly"):
        state.record({"text": text, "decided_by": "The steering group",
                      "objective:cdps-1": "on"})
        assert not state.notice_is_error, state.notice
    state.record({"text": "", "rationale": "Kept", "decided_by": "Chair"})
    assert state.notice_is_error and state.values["rationale"] == "Kept"
    first = next(r for r in state.rows if r.reference == "DEC-001")
    state.supersede({"id": first.id, "version": first.version, "replacement": "DEC-002"})
    assert not state.notice_is_error, state.notice
    second = next(r for r in state.rows if r.reference == "DEC-002")
    state.supersede({"id": second.id, "version": second.version, "replacement": "DEC-001"})
    assert state.notice_is_error  # DEC-001 is already superseded
    run_async(state.search_submit({"q": "monthly"}))
    assert [r.reference for r in state.rows] == ["DEC-002"]
    with Session(db) as session:
        assert [(d.reference, d.status) for d in session.exec(
            select(Decision).order_by(Decision.id))] == [("DEC-001", "superseded"),
                                                         ("DEC-002", "active")]


def test_a_decision_leads_to_the_open_actions_ticked(db, make_state, steering):
    from dashboard.models import DecisionActionLink
    from tests import factories as f

    with Session(db) as session:
        open_one = f.action(session, None)
        f.action(session, None, status="done")
        session.commit()
        open_id = open_one.id
    state = make_state(DecisionsState, token=steering)
    state.load()
    # Only open actions are offered.
    assert [o.key for o in state.action_options] == [str(open_id)]
    state.record({"text": "Pilot Copilot in two councils", "decided_by": "The steering group",
                  f"action:{open_id}": "on"})
    assert not state.notice_is_error, state.notice
    with Session(db) as session:
        (decision,) = session.exec(select(Decision)).all()
        assert [link.action_id for link in session.exec(select(DecisionActionLink))
                ] == [open_id]
        assert decision.reference == "DEC-001"
