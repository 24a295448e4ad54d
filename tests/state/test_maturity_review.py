"""The steering group's review: only the steering group accepts or returns a submitted
self-assessment, a return needs a comment, and each assessment's answers are shown."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Assessment, MaturityDimension
from state.maturity_assess import AssessState
from state.maturity_review import ReviewState
from tests.state.test_maturity_assess import counts, make_world, submitted


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.mark.parametrize("who", ["", "assessor", "colleague"])
def test_only_steering_accepts_or_returns(db, make_state, world, who):
    submitted(make_state, world)
    before = counts(db)
    review = make_state(ReviewState, token=world["tokens"].get(who, ""))
    review.load()
    assert not review.allowed and review.rows == [] and review.problem
    with Session(db) as s:
        assessment_id = s.exec(select(Assessment.id)).one()
    review.accept(assessment_id)
    review.send_back(assessment_id)
    assert review.notice == "You do not have permission to do that."
    assert counts(db) == before
    with Session(db) as s:
        assert s.exec(select(Assessment.status)).one() == "submitted"


def test_steering_returns_with_a_comment_then_accepts(db, make_state, world):
    submitted(make_state, world)
    review = make_state(ReviewState, token=world["tokens"]["steering"])
    review.load()
    assert review.allowed and len(review.rows) == 1 and review.total == 1
    item_id = review.rows[0].id
    review.send_back(item_id)
    assert review.notice_is_error and "comment is required" in review.notice
    review.set_comment(item_id, "Please add evidence for data foundations.")
    assert review.rows[0].comment == "Please add evidence for data foundations."
    review.send_back(item_id)
    assert review.rows == []
    assessor = make_state(AssessState, token=world["tokens"]["assessor"])
    assessor.load()
    assert assessor.status == "returned" and assessor.editable
    assert assessor.review_comment == "Please add evidence for data foundations."
    assessor.submit()
    review.load()
    review.accept(review.rows[0].id)
    assert review.notice == "Assessment accepted."
    with Session(db) as s:
        assert s.exec(select(Assessment.status)).one() == "accepted"


def test_the_steering_group_sees_each_submitted_assessments_answers(db, make_state, world):
    submitted(make_state, world)
    review = make_state(ReviewState, token=world["tokens"]["steering"])
    review.load()
    assert len(review.rows) == 1
    with Session(db) as s:
        dimensions = len(s.exec(select(MaturityDimension)).all())
    answers = review.rows[0].answers
    assert len(answers) == dimensions
    assert all((a.not_applicable or a.level in {1, 2, 3, 4, 5}) and a.name.en for a in answers)
    assert review.rows[0].submitted.en and review.rows[0].submitted.cy
