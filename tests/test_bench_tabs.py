"""The socket benchmarks' tabs (bench/tabs.py) speak Reflex's protocol as the compiled
frontend does: checked here without a server (the benchmarks themselves run them against
the production shape)."""

from __future__ import annotations

from bench.tabs import HYDRATE, ROOT_STATE, ConnectionLost, Tab, event_name, value_in, var_name
from tests.state.helpers import run_async

SHARED = "reflex___istate___shared____shared_state_base_internal"
LIVE = f"{ROOT_STATE}.{SHARED}.state___live____live_state"


def test_events_carry_the_router_data_the_frontend_sends():
    tab = Tab("http://127.0.0.1:1", "/members?type=police")
    assert tab.router_data() == {"pathname": "/members", "asPath": "/members?type=police",
                                 "query": {"type": "police"}}
    boot = tab._boot()["event"]
    assert boot["name"] == HYDRATE and boot["router_data"]["pathname"] == "/members"


def test_event_and_var_names_are_the_states_full_paths():
    from state.live import LiveState

    assert event_name(LiveState, "link") == f"{LIVE}.link"
    assert var_name("rows") == "rows_rx_state_"


def test_updates_merge_follow_the_address_bar_and_answer_waiters():
    async def scenario():
        tab = Tab("http://127.0.0.1:1", "/members")
        seen = []

        async def listen(delta):
            seen.append(value_in(delta, "state___live____live_state", "version"))

        tab.listeners.append(listen)
        answer = tab.expect(lambda delta: var_name("version") in delta.get(LIVE, {}))
        script = "window.history.replaceState(null, '', \"/members?type=police\")"
        await tab._update({"delta": {LIVE: {var_name("version"): 3}}, "events": [
            {"name": "_call_script", "payload": {"javascript_code": script}}]})
        assert answer.done() and tab.state[LIVE][var_name("version")] == 3
        assert seen == [3] and tab.path == "/members?type=police"
        # A dropped connection fails what waits, rather than leaving it hanging.
        waiting = tab.expect(lambda delta: False)
        await tab._disconnected("transport error")
        assert isinstance(waiting.exception(), ConnectionLost)
        try:
            await tab.send("x.y")
        except ConnectionLost:
            return True
        return False

    assert run_async(scenario())
