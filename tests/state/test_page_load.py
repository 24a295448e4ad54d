"""A page load is one event: who is signed in, then the page's own loads in place, each on
its own state (see state/page_load.py)."""

from __future__ import annotations

from dashboard.models import Role
from state.base import AppState
from state.maturity import MaturityState, NamedBodiesState
from state.page_load import PAGE_LOADS, PageLoadState, register_page_loads
from tests.state.helpers import run_async


def drain(generator) -> list:
    async def run():
        return [events async for events in generator]

    return run_async(run())


def substate(state, cls):
    return state._get_root_state().get_substate(cls.get_full_name().split(".")[1:])


def test_the_session_and_every_load_of_the_page_run_in_one_event(db, make_state, sign_in_as):
    register_page_loads("/test-page", [MaturityState.load, None, NamedBodiesState.load])
    page = make_state(PageLoadState, sign_in_as(Role.STEERING))
    page._route = "/test-page"
    page._load_session()
    # Nothing left to run as events of their own; after each load, a step (None) that sends
    # its changes at once (the page's first list does not wait for the figures below it).
    assert drain(page._page_loads()) == [None, None]
    app = substate(page, AppState)
    assert app.role == Role.STEERING.value and app.can_steer and app.user_name
    assert substate(page, MaturityState).loaded
    assert substate(page, NamedBodiesState).page == 1


def test_a_live_refresh_runs_the_pages_loads_not_the_session_check():
    import dashboard.dashboard  # noqa: F401  (registers every page)

    assert PAGE_LOADS and all(AppState.load_session not in loads
                              for loads in PAGE_LOADS.values())
