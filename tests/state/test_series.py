"""Series page handler: a series the address does not name says so, in the reader's
language."""

from __future__ import annotations

from state.series import SeriesState


def test_a_series_that_does_not_exist_says_so(db, make_state):
    state = make_state(SeriesState)
    state.load()  # no series in the address
    assert not state.found and state.problem == "There is no such series."
    welsh = make_state(SeriesState, lang="cy")
    welsh.load()
    assert welsh.problem not in ("", "There is no such series.")


def test_the_series_page_names_the_series(db, make_state, monkeypatch):
    from sqlmodel import Session

    from tests import factories as f

    with Session(db) as session:
        webinars = f.series(session, "webinars")
        f.event(session, f.utc(2026, 3, 3, 10), webinars, title="First")
        session.commit()
    # What load() takes from the address, /series/<slug>.
    monkeypatch.setattr(SeriesState, "_url_part", lambda self: "webinars")
    state = make_state(SeriesState)
    state.load()
    assert state.found
    assert (state.tab_title.en, state.tab_title.cy) == ("Webinars · Cymuned",
                                                        "webinars (cy) · Cymuned")
    assert [(r.title.en, r.title.cy, r.title_untranslated) for r in state.rows] == [
        ("First", "First", True)]
    assert state.feed_url.cy.endswith("/series/webinars.ics?lang=cy")


def test_a_nul_byte_in_the_address_finds_no_series_instead_of_failing(db, make_state,
                                                                      monkeypatch):
    monkeypatch.setattr(SeriesState, "_url_part", lambda self: "web\x00inars")
    state = make_state(SeriesState)
    state.load()  # PostgreSQL refuses NUL in text: this raised a database error
    assert not state.found and state.problem == "There is no such series."
