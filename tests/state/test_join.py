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


def test_the_preferred_language_follows_the_page_until_chosen(db, make_state, body):
    """Welsh for a reader of the Welsh page, English for the English one; once the person
    chooses, their choice stays, whichever language the page is then shown in."""
    welsh = make_state(JoinState, lang="cy")
    welsh.load()
    assert welsh.language_shown == "cy"
    english = make_state(JoinState, lang="en")
    english.load()
    assert english.language_shown == "en"
    welsh.set_preferred_language("en")
    assert welsh.language_shown == "en"
    welsh.set_language("en")
    welsh.set_preferred_language("cy")
    assert welsh.language_shown == "cy"
    welsh.load()  # a new visit to the form starts from the page's language again
    assert welsh.language_shown == "en"
    # A request without a language (the select left alone) takes the one shown.
    form = {"full_name": "Nia Ben", "email": "nia@example.org", "organisation": str(body),
            "consent": "on"}
    reader = make_state(JoinState, lang="cy")
    reader.load()
    reader.submit(form)
    with Session(db) as session:
        assert session.exec(select(Member.language).where(Member.email == "nia@example.org")
                            ).one() == "cy"
