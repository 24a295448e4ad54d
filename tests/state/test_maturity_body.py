"""A body's maturity report: shown to visitors only if the body agreed to be named."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from state.maturity_body import BodyMaturityState
from tests import factories as f
from tests.state.test_maturity_assess import accepted, make_world


@pytest.fixture
def world(db):
    return make_world(db)


def report(make_state, slug: str, token: str = "") -> BodyMaturityState:
    body = make_state(BodyMaturityState, token=token)
    body.router_data = {}
    body.router = type(body.router)(
        url=type(body.router.url)(f"http://localhost/maturity/body/{slug}"))
    body.load()
    return body


def test_visitors_see_only_published_bodies(db, make_state, world):
    accepted(make_state, world)
    body = report(make_state, "body-a")
    assert not body.found
    assert body.problem == "This body has not agreed to have its results published."
    # Its own assessor sees it.
    own = report(make_state, "body-a", world["tokens"]["assessor"])
    assert own.found and not own.problem
    assert [r.level for r in own.rows] == [3, 3]


def test_an_unknown_body_is_not_found(db, make_state):
    body = report(make_state, "nowhere")
    assert not body.found and body.problem == "There is no body with that address."


def test_a_named_bodys_report(db, make_state):
    with Session(db) as s:
        dims = f.framework(s, dimensions=2)
        rnd = f.assessment_round(s, "r", date(2026, 1, 1))
        for i in range(6):
            a = f.assessment(s, f.organisation(s, f"named-{i}"), rnd, dims, [2, 4])
            a.publish_named = True
        s.commit()
    body = report(make_state, "named-0")
    assert body.found and body.name.en and body.round_name == "r"
    assert [(r.level, r.sector) for r in body.rows] == [(2, 2), (4, 4)]
    assert [h.name for h in body.history_head] == ["r"]
    assert [h.levels for h in body.history] == [[2], [4]]
    assert [(s.level, s.next_level) for s in body.steps] == [(2, 3), (4, 5)]


def test_a_body_never_assessed_says_so(db, make_state, world):
    with Session(db) as s:
        f.organisation(s, "never")
        s.commit()
    for token in ("", world["tokens"]["steering"]):
        body = report(make_state, "never", token)
        assert body.found and not body.assessed and not body.problem
        assert body.name.en == "Never"
        assert body.rows == [] and body.steps == [] and body.history == []
        assert not body.at_top_level


def test_a_report_from_an_open_round_is_provisional(db, make_state, world):
    accepted(make_state, world)  # the world's round is open until 55 days from now
    own = report(make_state, "body-a", world["tokens"]["assessor"])
    assert own.assessed and own.provisional and own.round_name == "now"
    assert [(h.name, h.provisional) for h in own.history_head] == [("now", True)]


def test_a_nul_byte_in_the_address_is_dropped_instead_of_failing(db, make_state, world,
                                                                 monkeypatch):
    monkeypatch.setattr(BodyMaturityState, "_url_part", lambda self: "body-a\x00")
    body = make_state(BodyMaturityState)
    body.load()  # PostgreSQL refuses NUL in text: this raised a database error
    assert body.found and body.name.en == "Body-A"  # the body the rest of the address names
