"""Two people edit the same record: the second, stale save is refused in the reader's
language with both versions shown, and what they typed stays in the form."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.domain.clock import utc_now
from dashboard.models import Assessment, Event, Member, Role, SteeringAction
from state.actions import ActionsState
from state.event_editor import EventEditorState
from state.maturity_assess import AssessState
from tests import factories as f
from tests.state.test_maturity_assess import world  # noqa: F401 - the shared fixture
from tests.state.test_member_profile import open_profile
from tests.state.test_members import people  # noqa: F401 - the shared fixture

STALE = "Someone changed this since you opened it."
STALE_CY = "Mae rhywun wedi newid hwn ers i chi ei agor."


def open_editor(make_state, token: str, event_id: int, lang: str = "en") -> EventEditorState:
    state = make_state(EventEditorState, token=token, lang=lang)
    state.router = type(state.router)(
        url=type(state.router.url)(f"http://localhost/events/editor?id={event_id}"))
    state.load()
    return state


@pytest.fixture
def event_id(db):
    with Session(db) as session:
        event = f.event(session, utc_now().replace(microsecond=0))
        event.speakers = "Ann"
        session.commit()
        return event.id


def typed(state: EventEditorState, **changes) -> dict:
    return {**state.values, **changes}


@pytest.mark.parametrize("lang, message", [("en", STALE), ("cy", STALE_CY)])
def test_a_stale_event_save_is_refused_and_keeps_what_was_typed(db, make_state, sign_in_as,
                                                                 event_id, lang, message):
    mine = open_editor(make_state, sign_in_as(Role.STEERING), event_id, lang)
    theirs = open_editor(make_state, sign_in_as(Role.ADMIN), event_id)
    opened = mine.editing_version
    assert opened == theirs.editing_version > 0
    theirs.save(typed(theirs, title="Their title"))
    assert not theirs.notice_is_error
    mine.save(typed(mine, title="My title", speakers="Bob"))
    assert mine.notice_is_error and mine.notice.startswith(message)
    assert "Their title" in mine.notice and "My title" in mine.notice  # both versions
    assert f"({opened + 1})" in mine.notice and f"({opened})" in mine.notice
    assert (mine.values["title"], mine.values["speakers"]) == ("My title", "Bob")
    with Session(db) as session:
        assert session.get(Event, event_id).title == "Their title"
    # Having seen both, saving again goes over theirs.
    assert mine.save(typed(mine)) is not None  # saved: off to the event's page
    with Session(db) as session:
        assert (session.get(Event, event_id).title, session.get(Event, event_id).version) == (
            "My title", opened + 2)


def test_a_stale_profile_save_is_refused_and_the_form_stays_open(db, make_state, sign_in_as,
                                                                  people):  # noqa: F811
    mine = open_profile(make_state, sign_in_as(Role.STEERING), people["active"])
    theirs = open_profile(make_state, sign_in_as(Role.ADMIN), people["active"])
    theirs.save({"full_name": "Gwenllian Ŷr", "job_title": "Their job", "language": "cy"})
    assert not theirs.notice_is_error
    mine.start_editing()
    mine.save({"full_name": "Gwen Ŷr", "job_title": "", "language": "en"})
    assert mine.notice_is_error and mine.notice.startswith(STALE)
    assert mine.editing  # the form, with what was typed, stays open
    with Session(db) as session:
        member = session.get(Member, people["active"])
        assert (member.full_name, member.job_title) == ("Gwenllian Ŷr", "Their job")
    mine.save({"full_name": "Gwen Ŷr", "job_title": "", "language": "en"})
    assert not mine.notice_is_error and not mine.editing
    with Session(db) as session:
        assert session.get(Member, people["active"]).full_name == "Gwen Ŷr"


def test_a_stale_draft_save_is_refused_and_keeps_the_answers(db, make_state, world):  # noqa: F811
    with Session(db) as session:
        colleague = session.exec(select(Member).where(Member.id > 0)).all()[1]
        colleague.assessor = True
        session.commit()
    mine = make_state(AssessState, token=world["tokens"]["assessor"])
    theirs = make_state(AssessState, token=world["tokens"]["colleague"])
    mine.load()
    theirs.load()
    first = world["dims"][0]
    theirs.set_level(first, "4")
    theirs.save()
    assert theirs.notice == "Draft saved."
    mine.set_level(first, "2")
    mine.save()
    assert mine.notice_is_error and mine.notice.startswith(STALE)
    assert mine.items[0].level == 2
    with Session(db) as session:
        assert session.exec(select(Assessment)).one().status == "draft"
    mine.save()
    assert mine.notice == "Draft saved." and mine.items[0].level == 2


def test_a_stale_action_status_change_is_refused(db, make_state, sign_in_as):
    with Session(db) as session:
        action_id = f.action(session, None).id
        session.commit()
    mine = make_state(ActionsState, token=sign_in_as(Role.STEERING))
    theirs = make_state(ActionsState, token=sign_in_as(Role.ADMIN))
    mine.load()
    theirs.load()
    theirs.change_status(action_id, "done")
    mine.change_status(action_id, "cancelled")
    assert mine.notice_is_error and mine.notice.startswith("Someone else saved this action")
    with Session(db) as session:
        assert session.get(SteeringAction, action_id).status == "done"
