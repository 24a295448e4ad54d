"""Maturity handlers: only a body's assessors edit its draft, only the steering group
accepts or returns, visitors see only published figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user, start_session
from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Assessment, AssessmentScore, AuditEntry, MaturityDimension, Role
from state.maturity import AssessState, BodyMaturityState, MaturityState, ReviewState
from tests import factories as f


@pytest.fixture
def world(db):
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


def counts(db):
    with Session(db) as s:
        return (len(s.exec(select(Assessment)).all()), len(s.exec(select(AssessmentScore)).all()),
                len(s.exec(select(AuditEntry)).all()))


def fill(state, level="3"):
    for item in state.items:
        state.set_level(item["key"], level)
        state.set_confidence(item["key"], "high")


def test_assessor_fills_in_saves_and_submits(db, make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    assert state.available and [i["key"] for i in state.items] == world["dims"]
    state.set_level(world["dims"][0], "2")
    state.save()
    assert state.notice == "Draft saved." and state.status == "draft"
    state.submit()
    assert state.notice_is_error and "Still to answer: D1" in state.notice
    fill(state)
    state.submit()
    assert state.status == "submitted" and not state.editable
    assert counts(db) == (1, 2, 3)


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
    state.items = [{"key": k, "level": "4", "confidence": "", "evidence": "", "links": "",
                    "name_en": k, "name_cy": k} for k in world["dims"]]
    state.save()
    state.submit()
    assert state.notice_is_error
    assert counts(db) == before


def submitted(make_state, world):
    state = make_state(AssessState, token=world["tokens"]["assessor"])
    state.load()
    fill(state)
    state.submit()
    assert state.status == "submitted"


@pytest.mark.parametrize("who", ["", "assessor", "colleague"])
def test_only_steering_accepts_or_returns(db, make_state, world, who):
    submitted(make_state, world)
    before = counts(db)
    review = make_state(ReviewState, token=world["tokens"].get(who, ""))
    review.load()
    assert not review.allowed and review.items == []
    with Session(db) as s:
        assessment_id = str(s.exec(select(Assessment.id)).one())
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
    assert review.allowed and len(review.items) == 1
    item_id = review.items[0]["id"]
    review.send_back(item_id)
    assert review.notice_is_error and "comment is required" in review.notice
    review.set_comment(item_id, "Please add evidence for data foundations.")
    review.send_back(item_id)
    assert review.items == []
    assessor = make_state(AssessState, token=world["tokens"]["assessor"])
    assessor.load()
    assert assessor.status == "returned" and assessor.editable
    assert assessor.review_comment == "Please add evidence for data foundations."
    assessor.submit()
    review.load()
    review.accept(review.items[0]["id"])
    assert review.notice == "Assessment accepted."
    with Session(db) as s:
        assert s.exec(select(Assessment.status)).one() == "accepted"


def test_visitors_see_only_published_figures(db, make_state, world):
    submitted(make_state, world)
    steering = make_state(ReviewState, token=world["tokens"]["steering"])
    steering.load()
    steering.accept(steering.items[0]["id"])
    page = make_state(MaturityState)
    page.load()
    # One body is below the threshold of 5: nothing about it is published.
    assert page.headline_suppressed and page.readiness == "–"
    assert all(d["suppressed"] == "1" and d["median"] == "–" for d in page.dimensions)
    assert page.named == []
    body = make_state(BodyMaturityState)
    body.router_data = {}
    body.router = type(body.router)(
        url=type(body.router.url)("http://localhost/maturity/body/body-a"))
    body.load()
    assert not body.found and body.problem == "This body's results are not published."


def test_named_bodies_are_paged_on_the_server(db, make_state):
    with Session(db) as s:
        dims = f.framework(s, dimensions=2)
        rnd = f.assessment_round(s, "r", date(2026, 1, 1))
        for i in range(30):
            a = f.assessment(s, f.organisation(s, f"named-{i:02d}"), rnd, dims, [3, 4])
            a.publish_named = True
        s.commit()
    page = make_state(MaturityState)
    page.load()
    assert (len(page.named), page.named_pages, page.named_total) == (25, 2, 30)
    assert page.headline_suppressed is False and page.readiness == "3.5"
    page.next_named()
    assert [b["slug"] for b in page.named] == [f"named-{i}" for i in range(25, 30)]
    page.next_named()  # past the last page: stays on it
    assert page.named_page == 2


def test_the_steering_group_sees_each_submitted_assessments_answers(db, make_state, world):
    submitted(make_state, world)
    review = make_state(ReviewState, token=world["tokens"]["steering"])
    review.load()
    assert len(review.answers) == len(review.items) == 1
    with Session(db) as s:
        dimensions = len(s.exec(select(MaturityDimension)).all())
    answers = review.answers[0]
    assert len(answers) == dimensions
    assert all(a["level"] in {"1", "2", "3", "4", "5", "na"} and a["name_en"] for a in answers)
