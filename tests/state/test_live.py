"""The shared live state: facts applied once, in both languages; aggregates computed once per
data version and shared (a refresh: tests/state/test_page_load.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import state.live as live
from dashboard.domain.sources.freshness import Freshness, LiveFacts
from state.live import LiveState, shared_cache
from state.rows import Bilingual


def facts(version: int, when: datetime | None, stale: bool = False) -> LiveFacts:
    return LiveFacts(version=version, areas={
        "membership": Freshness(None, False), "events": Freshness(when, stale),
        "maturity": Freshness(None, False)})


def test_facts_give_as_of_in_uk_time_in_both_languages_and_the_stale_flag():
    import reflex as rx

    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(LiveState.get_full_name().split(".")[1:])
    state._apply(facts(7, datetime(2026, 7, 1, 8, 30, tzinfo=UTC), stale=True))
    assert state.version == 7 and state.known
    assert state.events_as_of.en.endswith("09:30")  # BST
    assert state.events_as_of.cy.startswith("Dydd Mercher")
    assert state.events_stale and not state.membership_stale
    assert state.membership_as_of == Bilingual()


def test_aggregates_are_computed_once_per_data_version(monkeypatch):
    monkeypatch.setitem(live._seen, "version", 3)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert [shared_cache("figures-test", compute) for _ in range(100)] == [1] * 100
    monkeypatch.setitem(live._seen, "version", 4)
    assert shared_cache("figures-test", compute) == 2
    assert len(calls) == 2


def test_a_page_reloading_for_a_version_another_worker_pushed_gets_that_versions_figures(
        monkeypatch):
    """Another worker's push can reach a page before this worker's watcher has read the new
    version: the page's reload must not be served the previous version's cached figures."""
    monkeypatch.setitem(live._seen, "version", 10)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert shared_cache("figures-pushed", compute) == 1
    live.reached(11)  # the page reloads for version 11 (state/page_load.py)
    assert shared_cache("figures-pushed", compute) == 2
    live.reached(10)  # a page that is behind never takes this worker back
    assert live.current_version() == 11
    assert shared_cache("figures-pushed", compute) == 2


def test_other_linked_tabs_are_updated_by_the_push_only():
    """Reflex fans out after every event holding the shared state's lock (a tab's link,
    hydrate or refresh), changed or not; only the watcher's push goes out to the tabs."""
    import inspect

    import reflex.istate.shared as shared

    assert shared._do_update_other_tokens.reflex_fan_out  # installed by state.live
    # Reflex still calls it by that name after an event on a shared state.
    assert "_do_update_other_tokens(" in inspect.getsource(
        shared.SharedStateBaseInternal._modify_linked_states)
    calls = []
    fan_out = live._from_push_only(lambda **kwargs: calls.append(kwargs) or ["task"])
    name = LiveState.get_full_name()
    changed = {"affected_tokens": {"a", "b"}, "previous_dirty_vars": {name: {"version"}},
               "state_type": LiveState}
    assert fan_out(**changed) == []  # a tab's own event (its link marks every value dirty)
    assert calls == []
    pushing = live._pushing.set(True)
    try:
        assert fan_out(**changed) == ["task"]
        # A push that only rewrote its bookkeeping (forgot closed tabs, kept itself alive).
        assert fan_out(affected_tokens={"a"}, previous_dirty_vars={
            name: {"_linked_from", "_kept_at"}}, state_type=LiveState) == []
    finally:
        live._pushing.reset(pushing)
    assert calls == [changed]


def test_the_tabs_that_are_gone_are_those_with_no_socket_on_any_instance():
    from types import SimpleNamespace

    from tests.state.helpers import run_async

    shared = SimpleNamespace(_linked_from={"open", "closed", "elsewhere"})

    class Root:
        async def get_state(self, cls):
            assert cls is LiveState
            return shared

    async def get_state(token):
        assert token.ident == live.LIVE_TOKEN
        return Root()

    async def is_token_connected(token):
        return token in {"open", "elsewhere"}  # (on this instance or another)

    app = SimpleNamespace(
        state_manager=SimpleNamespace(get_state=get_state),
        event_namespace=SimpleNamespace(
            _token_manager=SimpleNamespace(is_token_connected=is_token_connected)))
    assert run_async(live.gone_tabs(app)) == {"closed"}
    assert run_async(live.gone_tabs(SimpleNamespace(event_namespace=None))) == set()
