"""The leaders' maturity page: visitors see only published figures; the named bodies are
paged on the server; levels are numbers, rounded as they are shown."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from state.maturity import MaturityState, NamedBodiesState
from tests import factories as f
from tests.state.test_maturity_assess import accepted, make_world


@pytest.fixture
def world(db):
    return make_world(db)


def test_visitors_see_only_published_figures(db, make_state, world):
    accepted(make_state, world)
    page = make_state(MaturityState)
    page.load()
    # One body is below the threshold of 5: nothing about it is published.
    assert page.headline_suppressed and page.readiness is None
    assert page.established is None
    assert all(d.withheld and d.median is None and d.counts == [None] * 5
               and d.established is None for d in page.dimensions)
    named = make_state(NamedBodiesState)
    named.load()
    assert named.rows == [] and named.total == 0


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
    assert page.headline_suppressed is False and page.readiness == 3.5
    assert page.bodies == 30
    assert [d.median for d in page.dimensions] == [3, 4]
    assert page.dimensions[0].counts == [0, 0, 30, 0, 0]
    assert page.established is not None and page.established.percent == 100
    named = make_state(NamedBodiesState)
    named.load()
    assert (len(named.rows), named.pages, named.total) == (25, 2, 30)
    assert named.rows[0].href == "/maturity/body/named-00" and named.rows[0].level == 3.5
    named.next_page()
    assert [b.slug for b in named.rows] == [f"named-{i}" for i in range(25, 30)]
    named.next_page()  # past the last page: stays on it
    assert named.page == 2
