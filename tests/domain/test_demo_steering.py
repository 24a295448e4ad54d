"""The demo steering group's year tells one story, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from dashboard.domain.auth import Actor
from dashboard.domain.clock import london_today
from dashboard.domain.steering.agenda import propose_agenda
from dashboard.models import (
    ActionWayLink,
    AgendaItem,
    Decision,
    Role,
    SteeringAction,
    SteeringMeeting,
)
from dashboard.seed.demo import seed_demo

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
STEERING = Actor(user_id=None, role=Role.STEERING, label="steering")


@pytest.fixture
def demo(reference):
    seed_demo(reference, now=NOW)
    reference.commit()
    return reference


def test_a_year_of_meetings_and_the_next_one(demo):
    today = london_today(NOW)
    meetings = demo.exec(select(SteeringMeeting).order_by(SteeringMeeting.held_on)).all()
    held = [m for m in meetings if m.held_on < today]
    assert len(held) == 6 and len(meetings) == 7
    assert (held[-1].held_on - held[0].held_on).days >= 300
    assert [m.minutes_published for m in meetings] == [True] * 5 + [False, False]
    assert all(m.title_cy and m.title_cy != m.title for m in meetings)
    for meeting in held:
        items = demo.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
        assert len(items) >= 4
        assert all(i.minutes and i.minutes_cy and i.minutes != i.minutes_cy for i in items)
    carried = demo.exec(select(AgendaItem).where(AgendaItem.carried_from_id.is_not(None))).one()
    assert carried.title == demo.get(AgendaItem, carried.carried_from_id).title
    # The next meeting's agenda is left for the chair to propose: there is something to.
    assert propose_agenda(demo, STEERING, meetings[-1].id)


def test_decisions_in_both_languages_with_one_superseded_and_one_reversed(demo):
    decisions = demo.exec(select(Decision).order_by(Decision.id)).all()
    assert [d.reference for d in decisions] == [f"DEC-{n:03d}" for n in range(1, 17)]
    assert all(d.text_cy and d.text_cy != d.text and d.rationale_cy for d in decisions)
    superseded = [d for d in decisions if d.status == "superseded"]
    assert len(superseded) == 1
    assert demo.get(Decision, superseded[0].superseded_by_id).status == "active"
    assert [d.status for d in decisions].count("reversed") == 1
    assert all(d.agenda_item_id for d in decisions)


def test_actions_have_ways_of_working_rag_reasons_and_blocked_ones(demo):
    actions = demo.exec(select(SteeringAction)).all()
    linked = set(demo.exec(select(ActionWayLink.action_id)).all())
    assert {a.id for a in actions} == linked
    assert all(a.rag_reason for a in actions if a.rag)
    assert any(a.status == "blocked" and a.rag == "red" for a in actions)
    assert all(a.agenda_item_id for a in actions)
