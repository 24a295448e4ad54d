"""Meetings: the proposed agenda, the chair's edits, minutes, outputs and carry-over."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import Actor
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.steering.action_editing import ActionInput, StaleEdit, save_action
from dashboard.domain.steering.agenda import (
    action_from_item,
    add_item,
    adopt_proposal,
    decision_from_item,
    item_outputs,
    move_item,
    ordered_items,
    propose_agenda,
    remove_item,
    save_minutes,
)
from dashboard.domain.steering.decisions import DecisionInput, record_decision
from dashboard.domain.steering.meetings import (
    MeetingInput,
    list_meetings,
    save_meeting,
    set_attendance,
    set_published,
    visible_meeting,
)
from dashboard.models import DecisionActionLink, Role, SteeringMeeting
from tests import factories

TODAY = date(2027, 3, 1)
STEERING = Actor(user_id=901, role=Role.STEERING, label="steering@example.org")
VISITOR = Actor(user_id=None, role=Role.VISITOR, label="visitor")


def version(session, meeting_id: int) -> int:
    session.flush()
    session.expire_all()
    return session.get(SteeringMeeting, meeting_id).version


@pytest.fixture
def year(reference, test_actors):
    """Two meetings (March and April 2027), four actions, a decision due for review."""
    session = reference
    march = save_meeting(session, STEERING, None, MeetingInput(date(2027, 3, 9), "March"))
    april = save_meeting(session, STEERING, None, MeetingInput(date(2027, 4, 20), "April"))

    def action(title, due, status="open"):
        return save_action(session, STEERING, None,
                           ActionInput(title=title, due_on=due, status=status), TODAY)

    action("Late", date(2027, 3, 1))
    action("Stuck", date(2027, 6, 1), "blocked")
    action("Due soon", date(2027, 4, 1))
    action("Due after April", date(2027, 5, 1))
    action("Finished late", date(2027, 2, 1), "done")
    record_decision(session, STEERING, DecisionInput(
        text="Trial Welsh transcription", decided_by="Chair", review_on=date(2027, 4, 1)),
        date(2027, 1, 1))
    session.commit()
    return session, march, april


def test_the_proposal_lists_what_is_open(year):
    session, march, _ = year
    proposal = [(p.source, p.title) for p in propose_agenda(session, STEERING, march.id)]
    assert proposal == [("overdue", "Late"), ("blocked", "Stuck"), ("due", "Due soon"),
                        ("review", "Review DEC-001: Trial Welsh transcription")]


def test_each_kind_proposes_at_most_per_kind_even_after_earlier_kinds_took_some(year):
    """Blocked actions that are also overdue are proposed once, as overdue; the blocked
    kind then still stops at PER_KIND (it once gave PER_KIND plus those taken)."""
    from dashboard.domain.steering.agenda import PER_KIND

    session, march, _ = year
    for n in range(PER_KIND + 5):
        factories.action(session, date(2027, 2, 1) if n < 5 else date(2027, 6, 1), "blocked")
    session.commit()
    sources = [p.source for p in propose_agenda(session, STEERING, march.id)]
    assert sources.count("overdue") == 6  # "Late" and five blocked ones
    assert sources.count("blocked") == PER_KIND


def test_chair_edits_records_minutes_and_carries_an_item_over(year):
    session, march, april = year
    items = adopt_proposal(session, STEERING, march.id, version(session, march.id))
    session.commit()
    assert propose_agenda(session, STEERING, march.id) == []  # nothing proposed twice
    aob = add_item(session, STEERING, march.id, version(session, march.id), "Any other business",
                   "Unrhyw fater arall", 5)
    move_item(session, STEERING, aob.id, version(session, march.id), -10)
    remove_item(session, STEERING, items[2].id, version(session, march.id))
    session.commit()
    assert [i.title for i in ordered_items(session, march.id)] == [
        "Any other business", "Late", "Stuck", "Review DEC-001: Trial Welsh transcription"]

    stale = version(session, march.id) - 1
    with pytest.raises(StaleEdit):
        save_minutes(session, STEERING, items[0].id, stale, "x", "", "done")
    session.rollback()
    with pytest.raises(InvalidInput) as refused:
        save_minutes(session, STEERING, items[0].id, version(session, march.id),
                     "x" * 5_000_000, "", "done")
    session.rollback()
    assert refused.value.params["length"] == "5,000,000"
    save_minutes(session, STEERING, items[0].id, version(session, march.id),
                 "Legal review is slow.", "Mae'r adolygiad cyfreithiol yn araf.", "carried")
    decision = decision_from_item(session, STEERING, items[0].id, version(session, march.id),
                                  DecisionInput(text="Escalate to the CDPS board"), TODAY)
    action = action_from_item(session, STEERING, items[0].id, version(session, march.id),
                              ActionInput(title="Write to the CDPS board"), TODAY)
    session.commit()
    assert (decision.meeting_id, decision.decided_by, action.meeting_id) == (
        march.id, None, march.id)
    linked = session.exec(select(DecisionActionLink.action_id).where(
        DecisionActionLink.decision_id == decision.id)).all()
    assert linked == [items[0].action_id]  # the item was about the late action
    decisions, actions = item_outputs(session, [items[0].id])
    assert decisions[items[0].id][0][:2] == ("DEC-002", "Escalate to the CDPS board")
    assert actions[items[0].id][0][1] == "Write to the CDPS board"

    april_proposal = [(p.source, p.title) for p in propose_agenda(session, STEERING, april.id)]
    assert april_proposal[0] == ("carried", "Late")
    assert ("overdue", "Late") not in april_proposal  # once, as carried over


def test_visitors_see_only_published_minutes(year):
    session, march, april = year
    assert list_meetings(session, VISITOR, 1).rows == []
    with pytest.raises(NotFound):
        visible_meeting(session, VISITOR, march.id)
    set_published(session, STEERING, march.id, True, version(session, march.id))
    session.commit()
    assert [m.title for m in list_meetings(session, VISITOR, 1).rows] == ["March"]
    assert visible_meeting(session, VISITOR, march.id).title == "March"
    assert [m.title for m in list_meetings(session, STEERING, 1).rows] == ["April", "March"]


def test_attendance_and_bad_meetings(year):
    session, march, _ = year
    person = factories.member(session, None, date(2025, 1, 1))
    with pytest.raises(InvalidInput):
        set_attendance(session, STEERING, march.id, [person.id], [person.id],
                       version(session, march.id))
    set_attendance(session, STEERING, march.id, [], [person.id], version(session, march.id))
    with pytest.raises(InvalidInput):
        save_meeting(session, STEERING, None, MeetingInput(None, "No date"))
    with pytest.raises(InvalidInput):
        save_meeting(session, STEERING, None, MeetingInput(TODAY, "  "))
    assert len(session.exec(select(SteeringMeeting)).all()) == 2


def test_the_overview_card_shows_the_next_meeting(year):
    from dashboard.domain.overview import action_counts

    session, march, april = year
    assert action_counts(session, date(2027, 3, 10)).next_meeting_on == april.held_on
    assert action_counts(session, date(2027, 3, 9)).next_meeting_on == march.held_on
    assert action_counts(session, date(2027, 5, 1)).next_meeting_on is None
