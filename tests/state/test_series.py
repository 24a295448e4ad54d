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
