"""The self-assessment: only a body's assessors edit its draft; saving, submitting and the
missing dimensions named in the reader's language.

``make_world`` and the helpers here are shared with the other maturity state tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user, start_session
from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Assessment, AssessmentScore, AuditEntry, Role
from state.maturity_assess import AssessState, DimensionAnswer
from state.maturity_review import ReviewState
from state.rows import Bilingual
from tests import factories as f


def make_world(db) -> dict:
    """A framework of two dimensions, an open round, a body with an assessor and a colleague,
    and a steering group member; their session tokens."""
    today = london_today(utc_now())
    with Session(db) as s:
        dims = f.framework(s, dimensions=2)
        for i, d in enumerate(dims):
            d.name_cy = f"Dimensiwn {i}"
        rnd = f.assessment_round(s, "now", today - timedelta(days=5))
        body = f.organisation(s, "body-a")
        assessor = f.member(s, body, date(2025, 1, 1))
        assessor.assessor = True
        colleague = f.member(s, body, date(2025, 1, 1))
        s.commit()
        tokens = {}
        for name, member, role in (("assessor", assessor, Role.MEMBER),
                                   ("colleague", colleague, Role.MEMBER),
                                   ("steering", None, Role.STEERING)):
            user = create_user(s, email=f"{name}@example.org", display_name=name, role=role,
                               password="correct horse battery staple",
                               member_id=member.id if member else None)
            tokens[name] = start_session(s, user)
        s.commit()
        return {"dims": [d.key for d in dims], "round": rnd.id, "body": body.id,
                "tokens": tokens}


@pytest.fixture
def world(db):
    return make_world(db)


def counts(db):
    with Session(db) as s:
        return (len(s.exec(select(Assessment)).all()), len(s.exec(select(AssessmentScore)).all()),
                len(s.exec(select(AuditEntry)).all()))


def fill(state, level="3"):
    for item in state.items:
        state.set_level(item.key, level)
        state.set_confidence(item.key, "high")


def submitted(make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    fill(state)
    state.submit()
    assert state.status == "submitted"


def accepted(make_state, world):
    """The assessor submits and the steering group accepts."""
    submitted(make_state, world)
    steering = make_state(ReviewState, token=world["tokens"]["steering"])
    steering.load()
    steering.accept(steering.rows[0].id)
    assert steering.notice == "Assessment accepted."


def test_assessor_fills_in_saves_and_submits(db, make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    assert state.available and [i.key for i in state.items] == world["dims"]
    state.set_level(world["dims"][0], "2")
    assert state.items[0].level == 2 and not state.items[0].not_applicable
    state.save()
    assert state.notice == "Draft saved." and state.status == "draft"
    assert state.items[0].level == 2  # as saved, read back
    state.submit()
    assert state.notice_is_error and "Still to answer: D1" in state.notice
    fill(state)
    state.submit()
    assert state.status == "submitted" and not state.editable
    assert counts(db) == (1, 2, 3)


def test_not_applicable_and_clearing_a_level(db, make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    first = world["dims"][0]
    state.set_level(first, "na")
    assert state.items[0].not_applicable and state.items[0].level is None
    state.set_level(first, "")
    assert not state.items[0].not_applicable and state.items[0].level is None
    state.set_level(first, "na")
    state.save()
    assert state.items[0].not_applicable and state.items[0].level is None


@pytest.mark.parametrize("level", ["7", "0"])
def test_a_level_outside_one_to_five_is_refused(db, make_state, world, level):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    before = counts(db)
    state.set_level(world["dims"][0], level)
    state.save()
    assert state.notice_is_error and state.notice == "D0: the level must be from 1 to 5."
    assert counts(db) == before


def test_a_choice_that_is_not_a_level_is_refused_at_once(db, make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"], lang="cy")
    state.load()
    state.set_level(world["dims"][0], "three")
    assert state.notice_is_error and state.notice.startswith("Dimensiwn 0:")
    assert state.items[0].level is None and not state.items[0].not_applicable


def test_welsh_message_names_the_missing_dimension_in_welsh(db, make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"], lang="cy")
    state.load()
    state.submit()
    assert state.notice_is_error and "Dimensiwn 0, Dimensiwn 1" in state.notice
    assert "Still to answer" not in state.notice


@pytest.mark.parametrize("who", ["", "colleague", "steering"])
def test_others_cannot_edit_the_draft(db, make_state, world, who):
    token = world["tokens"].get(who, "")
    state = make_state(AssessState, token=token)
    state.load()
    assert not state.available and state.problem
    before = counts(db)
    # Even with a forged form in state, the domain refuses.
    state.items = [DimensionAnswer(key=k, name=Bilingual(k, k), description=Bilingual(),
                                   descriptors=[], level=4, not_applicable=False,
                                   confidence="", evidence="", links="")
                   for k in world["dims"]]
    state.save()
    state.submit()
    assert state.notice_is_error
    assert counts(db) == before
