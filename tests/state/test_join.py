"""The public join form's handlers."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Member, Organisation
from state.join import JOIN_BODY_PICKER, OTHER_BODY, JoinState
from tests.state.helpers import run_async

NOT_CHOSEN = ("Choose your organisation from the list, or tick \u2018My organisation is not in "
              "the list\u2019.")


@pytest.fixture
def body(db) -> int:
    with Session(db) as session:
        org = Organisation(slug="cyngor-ceredigion", name_en="Ceredigion County Council",
                           name_cy="Cyngor Sir Ceredigion", body_type="local_authority",
                           region="mid")
        session.add(org)
        session.commit()
        return org.id


def box_script(event) -> str:
    """The script a picker's event runs: it sets the box's text."""
    return event.args[0][1]._var_value


def test_the_organisation_is_a_body_picker_or_not_in_the_list(db, make_state, body):
    """Typed, the few bodies that match (in either language); chosen, the body's id is the
    organisation and the box shows its name; "not in the list" empties the box, and a body
    chosen afterwards unticks it."""
    state = make_state(JoinState)
    state.organisation, state.sent = "other", True
    state.load()
    assert state.organisation == "" and not state.sent
    assert state.body_matches == [] and not state.body_listing  # nothing held
    run_async(state.search_bodies("sir cered"))
    assert [b.name.en for b in state.body_matches] == ["Ceredigion County Council"]
    script = box_script(run_async(state.choose_body(body)))
    assert state.organisation == str(body) and not state.body_listing
    assert f'getElementById("{JOIN_BODY_PICKER}")' in script
    assert '"Ceredigion County Council"' in script

    emptied = box_script(run_async(state.set_not_listed(True)))
    assert state.organisation == OTHER_BODY and 'box.value = ""' in emptied
    assert state.body_chosen.en == ""
    run_async(state.search_bodies("cered"))
    run_async(state.choose_body(body))
    assert state.organisation == str(body)  # a body chosen: it is in the list after all
    run_async(state.set_not_listed(True))
    run_async(state.set_not_listed(False))
    assert state.organisation == ""

    # A new visit starts afresh: the chosen body goes, and the box is drawn again.
    run_async(state.search_bodies("cered"))
    run_async(state.choose_body(body))
    drawn = state.body_drawn
    state.load()
    assert (state.organisation, state._body_text(), state.body_drawn) == ("", "", drawn + 1)


def test_the_join_state_holds_no_registry_of_2000_bodies(db, make_state, body):
    """What the state manager reads and writes on every event of the form stays small with
    the UK's 2,000 bodies in the registry."""
    with Session(db) as session:
        session.add_all(Organisation(slug=f"body-{n}", name_en=f"Body {n:04} Council",
                                     name_cy=f"Cyngor Corff {n:04}", body_type="other",
                                     region="north") for n in range(2000))
        session.commit()
    state = make_state(JoinState, lang="cy")
    state.load()
    run_async(state.search_bodies("corff 1"))
    assert len(state.body_matches) == 10  # a short list, not the 1,000 that match
    run_async(state.choose_body(state.body_matches[0].id))
    assert state._body_text() == "Cyngor Corff 1000"
    run_async(state.search_bodies("body"))
    size = sum(len(s._serialize()) for s in (state, state.parent_state))
    assert size < 10_000, f"the join form's state is {size} bytes"


def test_no_organisation_is_refused_in_both_languages(db, make_state, body):
    form = {"full_name": "Nia Ben", "email": "nia@example.org", "organisation": "",
            "language": "cy", "consent": "on"}
    state = make_state(JoinState)
    state.submit(form)
    assert state.notice_is_error and not state.sent
    assert state.notice_text == {
        "en": NOT_CHOSEN,
        "cy": "Dewiswch eich sefydliad o\u2019r rhestr, neu ticiwch \u2018Nid yw fy sefydliad "
              "yn y rhestr\u2019."}
    state.submit({**form, "organisation": "999999"})  # not a registry body
    assert state.notice == NOT_CHOSEN and not state.sent


def test_an_organisation_not_in_the_list_is_named(db, make_state, body):
    form = {"full_name": "Nia Ben", "email": "nia@example.org", "organisation": OTHER_BODY,
            "language": "en", "consent": "on"}
    state = make_state(JoinState)
    state.submit(form)
    assert state.notice == "Enter the name of your organisation." and not state.sent
    state.submit({**form, "organisation_other": "Menter Iaith Ceredigion"})
    assert state.sent
    with Session(db) as session:
        member = session.exec(select(Member).where(Member.email == "nia@example.org")).one()
        assert (member.organisation_id, member.organisation_other) == (
            None, "Menter Iaith Ceredigion")


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
    assert welsh._language_shown() == "cy"
    english = make_state(JoinState, lang="en")
    english.load()
    assert english._language_shown() == "en"
    welsh.set_preferred_language("en")
    assert welsh._language_shown() == "en"
    welsh.set_language("en")
    welsh.set_preferred_language("cy")
    assert welsh._language_shown() == "cy"
    welsh.load()  # a new visit to the form starts from the page's language again
    assert welsh._language_shown() == "en"
    # A request without a language (the select left alone) takes the one shown.
    form = {"full_name": "Nia Ben", "email": "nia@example.org", "organisation": str(body),
            "consent": "on"}
    reader = make_state(JoinState, lang="cy")
    reader.load()
    reader.submit(form)
    with Session(db) as session:
        assert session.exec(select(Member.language).where(Member.email == "nia@example.org")
                            ).one() == "cy"
