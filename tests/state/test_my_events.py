"""My events handler: a recurring event is listed with the date registered for."""

from __future__ import annotations

from state.my_events import MyEventsState
from tests.state.test_event import add_weekly, event_state, member_token


def test_my_events_lists_the_occurrence_registered_for(db, make_state):
    event_id, dates = add_weekly(db)
    token, _ = member_token(db, "alice@example.org")
    state = event_state(make_state, token, event_id)
    state.refresh()
    state.choose_occurrence(state.occurrences[2].key)
    state.register_me()
    mine = make_state(MyEventsState, token=token)
    mine.load_session()  # on every page load, before the page's own
    mine.load()
    (row,) = mine.rows
    assert row.title.en == "Weekly clinic"
    assert dates[2].strftime("%-d %B %Y") in row.when.en
    assert row.href == f"/events/{event_id}?on={state.occurrences[2].key.replace(':', '%3A')}"


def test_visitors_see_no_events(db, make_state):
    mine = make_state(MyEventsState)
    mine.load()
    assert mine.rows == []
