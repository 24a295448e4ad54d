"""Self-assessment: assessors fill in their own body's, the steering group reviews."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import Actor, create_user
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.maturity.body_view import body_view
from dashboard.domain.maturity.self_assessment import (
    Answer,
    accept_assessment,
    assessment_form,
    open_round,
    return_assessment,
    review_answers,
    review_queue,
    save_draft,
    submit_assessment,
)
from dashboard.models import Assessment, AssessmentScore, AuditEntry, Role
from tests import factories as f

TODAY = date(2026, 11, 20)


@pytest.fixture
def setup(session):
    dims = f.framework(session, dimensions=3)
    for d in dims:
        d.levels = {str(n): {"en": f"{d.key} at {n}", "cy": f"{d.key} ar {n}"} for n in range(1, 6)}
    f.assessment_round(session, "old", date(2025, 10, 1))
    current = f.assessment_round(session, "2026", date(2026, 10, 1))
    body = f.organisation(session, "body-a")
    other = f.organisation(session, "body-b")
    assessor = f.member(session, body, date(2025, 1, 1))
    assessor.assessor = True
    colleague = f.member(session, body, date(2025, 1, 1))
    outsider = f.member(session, other, date(2025, 1, 1))
    outsider.assessor = True
    session.flush()

    def account(name, role, member=None):
        user = create_user(session, email=f"{name}@example.org", display_name=name, role=role,
                           member_id=member.id if member else None)
        return Actor(user_id=user.id, role=role, label=user.email,
                     member_id=member.id if member else None)

    actors = {
        "assessor": account("assessor", Role.MEMBER, assessor),
        "colleague": account("colleague", Role.MEMBER, colleague),
        "outsider": account("outsider", Role.MEMBER, outsider),
        "steering": account("steering", Role.STEERING),
        "visitor": Actor(user_id=None, role=Role.VISITOR, label="visitor"),
    }
    return dims, current, body, actors


def full_answers(dims, level=3):
    return {d.key: Answer(level=level, confidence="medium", evidence="Strategy approved",
                          links="https://example.org/strategy.pdf") for d in dims}


def test_open_round_is_the_one_whose_dates_include_today(session, setup):
    _dims, current, _body, _actors = setup
    assert open_round(session, TODAY).id == current.id
    assert open_round(session, current.closes_on).id == current.id
    assert open_round(session, date(2027, 6, 1)) is None


def test_assessor_saves_a_draft_then_submits(session, setup):
    dims, current, body, actors = setup
    answers = {dims[0].key: Answer(level=2, confidence="low", evidence="Pilot only")}
    assessment = save_draft(session, actors["assessor"], TODAY, answers, publish_named=True)
    assert (assessment.organisation_id, assessment.round_id, assessment.status) == (
        body.id, current.id, "draft")
    form = assessment_form(session, actors["assessor"], TODAY)
    assert form.dimensions[0].answer.level == 2 and form.dimensions[1].answer.empty
    with pytest.raises(InvalidInput) as missing:
        submit_assessment(session, actors["assessor"], TODAY)
    assert missing.value.params["dimensions"] == {"en": "D1, D2", "cy": "D1, D2"}
    answers = full_answers(dims)
    answers[dims[2].key] = Answer(not_applicable=True, evidence="A partner does this")
    save_draft(session, actors["assessor"], TODAY, answers, publish_named=True)
    submitted = submit_assessment(session, actors["assessor"], TODAY)
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    # One assessment per body per round, still.
    assert len(session.exec(select(Assessment)).all()) == 1
    with pytest.raises(InvalidInput):
        save_draft(session, actors["assessor"], TODAY, answers, publish_named=True)
    actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["save_draft", "save_draft", "submit"]


@pytest.mark.parametrize("who", ["colleague", "visitor", "steering"])
def test_only_the_bodys_assessors_edit_its_draft(session, setup, who):
    dims, _current, _body, actors = setup
    with pytest.raises(PermissionDenied):
        save_draft(session, actors[who], TODAY, full_answers(dims), publish_named=False)
    assert session.exec(select(Assessment)).all() == []
    assert session.exec(select(AuditEntry)).all() == []


def test_an_assessor_of_another_body_writes_only_their_own_bodys(session, setup):
    dims, _current, body, actors = setup
    mine = save_draft(session, actors["assessor"], TODAY, full_answers(dims, 2), False)
    theirs = save_draft(session, actors["outsider"], TODAY, full_answers(dims, 5), False)
    assert theirs.id != mine.id and theirs.organisation_id != body.id
    levels = {s.level for s in session.exec(
        select(AssessmentScore).where(AssessmentScore.assessment_id == mine.id))}
    assert levels == {2}


@pytest.mark.parametrize("answer,fragment", [
    (Answer(level=6), "the level must be from 1 to 5"),
    (Answer(level=3, not_applicable=True), "not both"),
    (Answer(level=3, confidence="certain"), "low, medium or high"),
    (Answer(level=3, links="intranet/strategy"), "is not a web address"),
])
def test_bad_answers_name_the_dimension(session, setup, answer, fragment):
    dims, _current, _body, actors = setup
    with pytest.raises(InvalidInput) as error:
        save_draft(session, actors["assessor"], TODAY, {dims[1].key: answer}, publish_named=False)
    assert fragment in error.value.msgid
    assert error.value.params["dimension"] == {"en": "D1", "cy": "D1"}
    assert session.exec(select(AssessmentScore)).all() == []


def test_nothing_to_fill_in_when_no_round_is_open(session, setup):
    dims, _current, _body, actors = setup
    with pytest.raises(InvalidInput, match="No assessment round is open"):
        save_draft(session, actors["assessor"], date(2027, 6, 1), full_answers(dims), False)


def submitted(session, setup):
    dims, _current, _body, actors = setup
    save_draft(session, actors["assessor"], TODAY, full_answers(dims), publish_named=False)
    return submit_assessment(session, actors["assessor"], TODAY)


def test_steering_group_returns_with_a_comment_and_the_body_resubmits(session, setup):
    actors = setup[3]
    assessment = submitted(session, setup)
    queue = review_queue(session, actors["steering"]).rows
    assert [i.assessment_id for i in queue] == [assessment.id]
    answers = review_answers(session, actors["steering"], [assessment.id])[assessment.id]
    assert [(a.name_en, a.level, a.confidence) for a in answers] == [
        ("D0", 3, "medium"), ("D1", 3, "medium"), ("D2", 3, "medium")]
    with pytest.raises(PermissionDenied):
        review_answers(session, actors["assessor"], [assessment.id])
    with pytest.raises(InvalidInput, match="comment is required"):
        return_assessment(session, actors["steering"], assessment.id, "  ")
    return_assessment(session, actors["steering"], assessment.id, "Add your data strategy.")
    assert assessment.status == "returned"
    form = assessment_form(session, actors["assessor"], TODAY)
    assert form.review_comment == "Add your data strategy." and form.editable
    save_draft(session, actors["assessor"], TODAY, full_answers(setup[0], 4), publish_named=True)
    submit_assessment(session, actors["assessor"], TODAY)
    accept_assessment(session, actors["steering"], assessment.id)
    assert assessment.status == "accepted" and assessment.accepted_at is not None
    with pytest.raises(InvalidInput):
        accept_assessment(session, actors["steering"], assessment.id)


@pytest.mark.parametrize("who", ["assessor", "colleague", "visitor"])
def test_only_the_steering_group_accepts_or_returns(session, setup, who):
    actors = setup[3]
    assessment = submitted(session, setup)
    audit_before = len(session.exec(select(AuditEntry)).all())
    with pytest.raises(PermissionDenied):
        accept_assessment(session, actors[who], assessment.id)
    with pytest.raises(PermissionDenied):
        return_assessment(session, actors[who], assessment.id, "No")
    with pytest.raises(PermissionDenied):
        review_queue(session, actors[who])
    assert assessment.status == "submitted"
    assert len(session.exec(select(AuditEntry)).all()) == audit_before


def test_body_view_respects_publishing_and_suggests_next_steps(session, setup):
    dims, _current, body, actors = setup
    old = f.assessment_round(session, "older", date(2024, 10, 1))
    f.assessment(session, body, old, dims, [1, 2, 3])
    latest = f.assessment(session, body, setup[1], dims, [2, 4, None])
    for who in ("visitor", "colleague", "outsider"):
        with pytest.raises(PermissionDenied):
            body_view(session, actors[who], body.slug)
    view = body_view(session, actors["assessor"], body.slug)
    assert body_view(session, actors["steering"], body.slug).slug == body.slug
    assert [(d.key, d.level) for d in view.dimensions] == [("d0", 2), ("d1", 4), ("d2", None)]
    assert [lv for _name, lv in view.history] == [{"d0": 1, "d1": 2, "d2": 3},
                                                  {"d0": 2, "d1": 4, "d2": None}]
    assert [(s.key, s.next_level, s.next_en) for s in view.next_steps] == [
        ("d0", 3, "d0 at 3"), ("d1", 5, "d1 at 5")]
    latest.publish_named = True
    session.flush()
    assert body_view(session, actors["visitor"], body.slug).named
    with pytest.raises(NotFound):
        body_view(session, actors["visitor"], "no-such-body")
