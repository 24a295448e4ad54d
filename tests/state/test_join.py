"""The public join form's handlers."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Member, Organisation
from state.join import BodyChoice, JoinState
from state.rows import Bilingual


@pytest.fixture
def body(db) -> int:
    with Session(db) as session:
        org = Organisation(slug="cyngor-ceredigion", name_en="Ceredigion County Council",
                           name_cy="Cyngor Sir Ceredigion", body_type="local_authority",
                           region="mid")
        session.add(org)
        session.commit()
        return org.id


def test_the_form_offers_the_registry_bodies(db, make_state, body):
    state = make_state(JoinState)
    state.organisation, state.sent = "other", True
    state.load()
    assert state.body_options == [BodyChoice(body, Bilingual(
        "Ceredigion County Council", "Cyngor Sir Ceredigion"))]
    assert state.organisation == "" and not state.sent


def test_the_join_form_creates_a_pending_request_or_explains_in_welsh(db, make_state, body):
    form = {"full_name": "Nia Ben", "email": " NIA@Example.org", "organisation": str(body),
            "language": "cy", "consent": "on"}
    state = make_state(JoinState, lang="cy")
    state.submit({**form, "consent": ""})
    assert state.notice_is_error and not state.sent
    assert state.notice != "To join, agree to the community holding your details."
    state.submit(form)
    assert state.sent and not state.notice_is_error
    with Session(db) as session:
        status = session.exec(select(Member.status).where(Member.email == "nia@example.org")).one()
        assert status == "pending"
