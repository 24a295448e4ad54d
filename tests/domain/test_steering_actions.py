"""Actions: who sees what, the list's filters and sorting, versioned saves, history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import Actor
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.steering.action_editing import (
    ActionInput,
    StaleEdit,
    action_detail,
    action_history,
    add_note,
    save_action,
    set_action_status,
)
from dashboard.domain.steering.actions import ActionQuery, action_board, search_actions
from dashboard.models import AuditEntry, Role, SteeringAction
from tests import factories

TODAY = date(2027, 3, 1)
STEERING = Actor(user_id=901, role=Role.STEERING, label="steering@example.org",
                 display_name="Steering")


@pytest.fixture
def people(reference, test_actors):
    session = reference
    owner = factories.member(session, None, date(2025, 1, 1), name="Angharad Owen")
    other = factories.member(session, None, date(2025, 1, 1), name="Bryn Hughes")
    left = factories.member(session, None, date(2024, 1, 1), status="left", name="Carys Left")
    session.commit()
    return session, owner, other, left


def member_actor(member) -> Actor:
    return Actor(user_id=902, role=Role.MEMBER, label="m@example.org", member_id=member.id,
                 display_name="Member")


def new(session, title="Publish guidance", **fields) -> SteeringAction:
    return save_action(session, STEERING, None, ActionInput(title=title, **fields), TODAY)


def test_create_with_links_rag_and_welsh(people):
    session, owner, *_ = people
    action = new(session, title_cy="Cyhoeddi canllawiau", owner_member_id=owner.id,
                 due_on=date(2027, 4, 1), rag="amber", rag_reason="Waiting for legal review",
                 objectives=("cdps-1",), goals=("prosperous",), ways=("collaboration",))
    session.commit()
    detail = action_detail(session, STEERING, action.id)
    assert (detail.title_cy, detail.owner, detail.rag, detail.version) == (
        "Cyhoeddi canllawiau", "Angharad Owen", "amber", 1)
    assert (detail.objectives, detail.goals, detail.ways) == (
        ("cdps-1",), ("prosperous",), ("collaboration",))
    entry = session.exec(select(AuditEntry)).one()
    assert entry.action == "create" and entry.after["objectives"] == ["cdps-1"]


@pytest.mark.parametrize("fields, message", [
    ({"title": "  "}, "Give the action a title in English."),
    ({"starts_on": date(2027, 5, 1), "due_on": date(2027, 4, 1)},
     "The due date (01/04/2027) is before the start date (01/05/2027)."),
    ({"rag": "red"}, "Say in words why the action is rated red."),
    ({"objectives": ("cdps-99",)}, "There is no objective 'cdps-99'."),
    ({"status": "finished"}, "'finished' is not a status an action can have."),
])
def test_bad_input_is_refused_and_nothing_saved(people, fields, message):
    session, *_ = people
    data = {"title": "A title", **fields}
    with pytest.raises(InvalidInput) as refused:
        new(session, **data)
    session.rollback()
    assert refused.value.msgid.format(**refused.value.params) == message
    assert session.exec(select(SteeringAction)).all() == []


def test_an_owner_who_has_left_is_refused(people):
    session, _, _, left = people
    with pytest.raises(InvalidInput) as refused:
        new(session, owner_member_id=left.id)
    assert refused.value.params == {"name": "Carys Left"}


def test_a_5_mb_description_is_refused_with_its_length(people):
    session, *_ = people
    with pytest.raises(InvalidInput) as refused:
        new(session, description="x" * 5_000_000)
    assert refused.value.params["length"] == "5,000,000"


def test_a_stale_save_is_refused_and_the_stored_version_kept(people):
    session, owner, other, _ = people
    action = new(session, owner_member_id=owner.id)
    session.commit()
    first = ActionInput(title="Publish guidance", owner_member_id=other.id, version=1)
    save_action(session, STEERING, action.id, first, TODAY)  # reassigned: version 2
    session.commit()
    stale = ActionInput(title="Publish the guidance", version=1)
    with pytest.raises(StaleEdit) as refused:
        save_action(session, STEERING, action.id, stale, TODAY)
    session.rollback()
    assert refused.value.params == {"theirs": 2, "yours": 1}
    stored = session.get(SteeringAction, action.id)
    assert (stored.title, stored.owner_member_id, stored.version) == (
        "Publish guidance", other.id, 2)


def test_status_done_records_completion_and_history_shows_changes(people):
    session, owner, *_ = people
    action = new(session, owner_member_id=owner.id)
    set_action_status(session, STEERING, action.id, "blocked", TODAY, version=1)
    set_action_status(session, STEERING, action.id, "done", TODAY)
    session.commit()
    assert session.get(SteeringAction, action.id).completed_on == TODAY
    entries = action_history(session, STEERING, action.id)
    assert [e.action for e in entries] == ["update_status", "update_status", "create"]
    assert [(c.field, c.before, c.after) for c in entries[0].changes] == [
        ("completed_on", "", "2027-03-01"), ("status", "blocked", "done")]


def test_members_see_and_note_only_their_own_actions(people):
    session, owner, other, _ = people
    mine = new(session, title="Mine", owner_member_id=owner.id)
    theirs = new(session, title="Theirs", owner_member_id=other.id)
    session.commit()
    actor = member_actor(owner)
    page = search_actions(session, actor, ActionQuery(), TODAY)
    assert [r.title for r in page.rows] == ["Mine"]
    add_note(session, actor, mine.id, "Draft sent to legal")
    with pytest.raises(PermissionDenied):
        add_note(session, actor, theirs.id, "Not mine")
    with pytest.raises(NotFound):
        action_detail(session, actor, theirs.id)
    with pytest.raises(PermissionDenied):
        save_action(session, actor, mine.id, ActionInput(title="x", version=1), TODAY)
    visitor = Actor(user_id=None, role=Role.VISITOR, label="visitor")
    with pytest.raises(PermissionDenied):
        search_actions(session, visitor, ActionQuery(), TODAY)
    assert [n.text for n in action_detail(session, actor, mine.id).notes] == [
        "Draft sent to legal"]


def test_filters_sorting_and_overdue_computed_when_read(people):
    session, owner, other, _ = people
    new(session, title="Late and blocked", due_on=date(2027, 2, 1), status="blocked",
        owner_member_id=owner.id, objectives=("cdps-4",), rag="red", rag_reason="No budget")
    new(session, title="Due later", due_on=date(2027, 6, 1), owner_member_id=other.id,
        goals=("prosperous",), objectives=("cdps-1", "cdps-4"))
    new(session, title="Done late", due_on=date(2027, 1, 1), status="done")
    session.commit()

    def titles(**query):
        return [r.title for r in search_actions(session, STEERING, ActionQuery(**query),
                                                TODAY).rows]

    assert titles() == ["Late and blocked", "Due later", "Done late"]
    assert titles(overdue=True) == ["Late and blocked"]
    assert titles(objective="cdps-4") == ["Late and blocked", "Due later"]
    assert titles(goal="prosperous") == ["Due later"]
    assert titles(rag="red") == ["Late and blocked"]
    assert titles(owner=other.id) == ["Due later"]
    assert titles(sort="title") == ["Due later", "Late and blocked", "Done late"]
    assert titles(sort="title", descending=True) == ["Late and blocked", "Due later",
                                                      "Done late"]
    late = search_actions(session, STEERING, ActionQuery(status="blocked"), TODAY).rows[0]
    assert late.overdue and late.status == "blocked" and late.objectives == (4,)
    board = {c.status: [r.title for r in c.cards]
             for c in action_board(session, STEERING, ActionQuery(), TODAY)}
    assert board["blocked"] == ["Late and blocked"] and board["done"] == ["Done late"]


def test_query_round_trips_through_the_url():
    query = ActionQuery(status="blocked", owner=7, objective="cdps-1", goal="prosperous",
                        rag="red", overdue=True, mine=True, sort="rag", descending=True,
                        view="board", page=3)
    assert ActionQuery.from_params(query.to_params()) == query
    assert ActionQuery().to_params() == {}
    assert ActionQuery.from_params({"status": "nonsense", "page": "-2", "sort": "x"}) == \
        ActionQuery()


def test_the_possible_owners_are_the_active_steering_group_and_chair_in_name_order(people):
    """Listed by the name as the directory sorts it (accents folded), whatever order the
    role's index gives them in; members who are not leading, or have left, are not owners."""
    from dashboard.domain.steering.actions import action_choices

    session, *_ = people
    for name, role, status in [("Zoë Steering", "steering", "active"),
                               ("Ânest Chair", "chair", "active"),
                               ("Bethan Steering", "steering", "active"),
                               ("Dai Left", "steering", "left"),
                               ("Emyr Observer", "observer", "active")]:
        row = factories.member(session, None, date(2025, 1, 1), status=status, name=name)
        row.community_role = role
    session.commit()
    owners = [choice.name_en for choice in action_choices(session)["owners"]]
    assert owners == ["Ânest Chair", "Bethan Steering", "Zoë Steering"]
