"""The decisions log: references, supersession without circles, reversal, search."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.steering.action_editing import StaleEdit
from dashboard.domain.steering.decisions import (
    DecisionInput,
    DecisionQuery,
    due_for_review,
    record_decision,
    reverse_decision,
    search_decisions,
    supersede_decision,
)
from dashboard.models import AuditEntry, Decision, Role

TODAY = date(2027, 3, 1)
STEERING = Actor(user_id=901, role=Role.STEERING, label="steering@example.org")


@pytest.fixture
def log(reference, test_actors):
    session = reference
    made = [record_decision(session, STEERING, DecisionInput(
        text=text, text_cy=f"{text} (cy)", decided_by="Chair and vice-chair",
        objectives=("cdps-5",) if n == 1 else (), review_on=date(2027, 4 + n, 1)), TODAY)
        for n, text in enumerate(["Run webinars monthly", "Adopt the maturity framework",
                                  "Publish minutes in both languages"])]
    session.commit()
    return session, made


def test_references_count_up_and_creation_is_audited(log):
    session, made = log
    assert [d.reference for d in made] == ["DEC-001", "DEC-002", "DEC-003"]
    assert len(session.exec(select(AuditEntry).where(AuditEntry.entity == "decision")).all()) == 3


def test_supersede_then_a_circle_is_refused(log):
    session, (first, second, third) = log
    supersede_decision(session, STEERING, first.id, 1, "dec-002")
    supersede_decision(session, STEERING, second.id, 1, "DEC-003")
    session.commit()
    with pytest.raises(InvalidInput) as refused:
        supersede_decision(session, STEERING, third.id, 1, "DEC-001")
    session.rollback()
    assert refused.value.msgid.format(**refused.value.params) == (
        "DEC-001 cannot supersede DEC-003: DEC-003 already supersedes DEC-001, directly or "
        "through others.")
    assert session.get(Decision, third.id).status == "active"
    with pytest.raises(InvalidInput):
        supersede_decision(session, STEERING, third.id, 1, "DEC-003")  # itself
    session.rollback()
    rows = search_decisions(session, STEERING, DecisionQuery()).rows
    assert {r.reference: (r.status, r.superseded_by) for r in rows} == {
        "DEC-001": ("superseded", "DEC-002"), "DEC-002": ("superseded", "DEC-003"),
        "DEC-003": ("active", "")}


def test_reverse_is_versioned_and_never_deletes(log):
    session, (first, *_) = log
    reverse_decision(session, STEERING, first.id, 1)
    session.commit()
    with pytest.raises(StaleEdit):
        reverse_decision(session, STEERING, first.id, 1)
    session.rollback()
    assert session.get(Decision, first.id).status == "reversed"
    assert len(session.exec(select(Decision)).all()) == 3


def test_search_review_and_roles(log):
    session, made = log

    def refs(**query):
        return [r.reference for r in search_decisions(session, STEERING,
                                                      DecisionQuery(**query)).rows]

    assert refs(search="MATURITY") == ["DEC-002"]
    assert refs(search="dec-003") == ["DEC-003"]
    assert refs(search="webinars monthly (cy)") == ["DEC-001"]
    assert refs(objective="cdps-5") == ["DEC-002"]
    assert [d.reference for d in due_for_review(session, date(2027, 5, 2))] == ["DEC-001",
                                                                              "DEC-002"]
    member = Actor(user_id=902, role=Role.MEMBER, label="m@example.org")
    with pytest.raises(PermissionDenied):
        search_decisions(session, member, DecisionQuery())
    with pytest.raises(InvalidInput):
        record_decision(session, STEERING, DecisionInput(text="  ", decided_by="x"), TODAY)
    with pytest.raises(InvalidInput):
        record_decision(session, STEERING, DecisionInput(text="No one decided"), TODAY)


def test_query_round_trips():
    query = DecisionQuery(search="webinar", status="reversed", objective="cdps-1", page=2)
    assert DecisionQuery.from_params(query.to_params()) == query
