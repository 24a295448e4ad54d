"""Progress against the objectives: hand-counted actions, decisions, figures, matrix."""

from __future__ import annotations

from datetime import date

from dashboard.domain.auth import Actor
from dashboard.domain.progress import progress, quarter_ends
from dashboard.domain.steering.action_editing import ActionInput, save_action
from dashboard.domain.steering.decisions import DecisionInput, record_decision
from dashboard.models import Role
from tests import factories

TODAY = date(2027, 3, 15)
STEERING = Actor(user_id=901, role=Role.STEERING, label="steering@example.org")


def test_quarters_end_today_and_go_back_whole_quarters():
    assert quarter_ends(TODAY, 3) == [
        (date(2026, 7, 1), date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), TODAY)]


def test_progress_counts(reference, test_actors):
    session = reference

    def action(status, due, goals=(), ways=()):
        save_action(session, STEERING, None, ActionInput(
            title="A", status=status, due_on=due, objectives=("cdps-1",), goals=goals,
            ways=ways), TODAY)

    action("done", date(2027, 1, 1), ("prosperous",), ("long-term", "collaboration"))
    action("open", date(2027, 1, 1), ("prosperous",), ("long-term",))
    action("blocked", date(2027, 6, 1), ("more-equal",), ("involvement",))
    action("cancelled", date(2027, 1, 1), ("prosperous",), ("long-term",))
    record_decision(session, STEERING, DecisionInput(text="D", decided_by="Chair",
                                                     objectives=("cdps-1", "cdps-5")), TODAY)
    body = factories.organisation(session)
    factories.member(session, body, date(2026, 11, 1))
    factories.member(session, body, date(2027, 2, 1))
    factories.member(session, None, date(2027, 2, 1))
    former = factories.member(session, factories.organisation(session), date(2026, 8, 1),
                              status="left")
    former.left_on = date(2027, 1, 10)
    session.commit()

    found = progress(session, STEERING, TODAY)
    first = found.objectives[0]
    assert (first.code, first.done, first.open, first.overdue, first.blocked,
            first.decisions) == ("cdps-1", 1, 2, 1, 1, 1)
    assert [o.decisions for o in found.objectives] == [1, 0, 1, 0, 0]
    # At the end of 2026 the former member still counted (and so did their body).
    assert [(q.members, q.bodies) for q in found.quarters][-3:] == [(1, 1), (2, 2), (3, 1)]
    matrix = found.matrix
    assert matrix.counts == {("prosperous", "long-term"): 2, ("prosperous", "collaboration"): 1,
                             ("more-equal", "involvement"): 1}
    assert matrix.goal_totals == {"prosperous": 2, "more-equal": 1}
    assert [g for g, *_ in matrix.goals if g not in matrix.goal_totals][:2] == [
        "resilient", "healthier"]
