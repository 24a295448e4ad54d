"""``make bench-load`` (``python -m bench.load``): a hundred people on the Members page at
once, through the proxy, in the production shape; then the same with one instance killed
half way.

Starts the production shape (``bench/shape.py``: Cymuned's two instances behind Caddy,
PostgreSQL with a copy of the synthetic dataset, a Redis server of the run's own) and, in
the same run, the floor app (``bench/floor_app``: one Reflex page, a type-of-body select
and 50 members from one indexed query) in the same shape. ``--clients`` tabs
(``bench/tabs.py``: socket.io clients speaking Reflex's protocol as the compiled frontend
does) each sign in (Cymuned: the sign-in form's POST, then the session cookie on the
websocket) and open the page (hydrate and the page's on_load handlers), then change the
type-of-body filter again and again for ``--seconds``, pausing about ``--think`` seconds
between changes (at random, so the tabs do not march in step). Each change is timed from
the emit to the update carrying the new rows.

Prints ``load <name> p50 <x> ms p95 <y> ms errors <n> reconnects <r> (floor ..., target
...)`` for the floor, Cymuned, and Cymuned with an instance killed half way. Targets: p95 at
most ``P95_TARGET`` times the floor's p95 (the browser benchmark's interaction target), and
no errors; with an instance killed, no errors (its p95 is reported). An error is an answer
that never came on a live connection, a wrong answer (the rows of another filter), a page
showing "Something went wrong", or a tab that could not open. A change in flight when its
instance dies is sent again once the tab has reconnected (as a person would, seeing nothing
happen): counted as ``retried``, not as an error. Exits non-zero on a miss.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from bench import shape as shapes
from bench.tabs import ROOT_STATE, ConnectionLost, Delta, Tab, var_name

P95_TARGET = 2.0  # at most this times the floor's p95
# People arrive over a minute, not in the same instant: at most this many sign-ins (Argon2,
# a database connection each) and page loads at once. A hundred at once exhausted the
# instances' database pools and their /readyz, and the proxy took both out of service.
SIGNING_IN_AT_ONCE, OPENING_AT_ONCE = 4, 10
TYPES = ("local_authority", "health_board")
FLOOR_STATE = f"{ROOT_STATE}.floor_app___floor_app____floor_state"  # bench/floor_app


@dataclass(frozen=True)
class Scenario:
    """What one kind of tab opens and does: ``filter_event`` with ``payload(value)``
    answered by an update of ``state``'s ``rows`` and ``checked`` (the var that must show
    the chosen value)."""

    name: str
    path: str
    state: str
    filter_event: str
    payload: Callable[[str], dict]
    shown: Callable[[dict], str]  # the filter value the state shows
    signs_in: bool


def floor_scenario() -> Scenario:
    return Scenario("floor", "/", FLOOR_STATE, f"{FLOOR_STATE}.set_type",
                    lambda value: {"value": value},
                    lambda state: state.get(var_name("body_type"), ""), signs_in=False)


def cymuned_scenario(name: str = "members_filter") -> Scenario:
    from state.members import DirectoryState

    directory = DirectoryState.get_full_name()
    return Scenario(name, "/members", directory, f"{directory}.set_filter",
                    lambda value: {"name": "type", "value": value},
                    lambda state: (state.get(var_name("filters")) or {}).get("type", ""),
                    signs_in=True)


@dataclass
class Result:
    times: list[float] = field(default_factory=list)  # seconds per answered change
    errors: list[str] = field(default_factory=list)
    retried: int = 0
    reconnects: int = 0
    opened: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def problem_shown(tab: Tab) -> bool:
    app_state = next((v for k, v in tab.state.items() if k.endswith("state___base____app_state")),
                     {})
    return bool(app_state.get(var_name("problem")))


async def open_tab(scenario: Scenario, base: str, cookie: str, result: Result,
                   timeout: float) -> Tab | None:
    """The tab with its page loaded, or None (an error) when it could not open."""
    tab = Tab(base, scenario.path, cookie)
    try:
        result.opened.append(await tab.open(timeout=timeout))
        return tab
    except ConnectionLost:  # as the frontend does: reconnect, and the page loads again
        result.retried += 1
        if await _reconnected(tab, timeout, result):
            return tab
    except Exception as error:  # noqa: BLE001 - any failure to open is the tab's error
        result.errors.append(f"open: {type(error).__name__} {error}")
    await tab.close()
    return None


async def filter_again_and_again(tab: Tab, scenario: Scenario, until: float, think: float,
                                 result: Result, timeout: float) -> None:
    wanted = random.choice(TYPES)
    try:
        await asyncio.sleep(random.uniform(0, think))
        while time.monotonic() < until:
            wanted = TYPES[1] if wanted == TYPES[0] else TYPES[0]
            try:
                elapsed = await tab.call(scenario.filter_event, scenario.payload(wanted),
                                         _answer(scenario, wanted), timeout=timeout)
            except ConnectionLost:
                result.retried += 1
                await _reconnected(tab, timeout, result)
                wanted = TYPES[1] if wanted == TYPES[0] else TYPES[0]  # the same one again
                continue
            except TimeoutError:
                if tab.connected.is_set():
                    result.errors.append(f"no answer within {timeout:g} s")
                continue
            shown = scenario.shown(tab.state.get(scenario.state, {}))
            if shown != wanted:
                result.errors.append(f"wrong answer: {shown!r} for {wanted!r}")
            elif scenario.signs_in and problem_shown(tab):
                result.errors.append("the page shows a problem")
            else:
                result.times.append(elapsed)
            await asyncio.sleep(random.uniform(0.5, 1.5) * think)
    finally:
        result.reconnects += tab.reconnects
        await tab.close()


def _answer(scenario: Scenario, wanted: str) -> Callable[[Delta], bool]:
    """The update with the rows for ``wanted`` (so a late answer to an earlier change that
    timed out is not taken for this one's)."""
    def accepts(delta: Delta) -> bool:
        changes = delta.get(scenario.state, {})
        return var_name("rows") in changes and scenario.shown(changes) == wanted
    return accepts


async def _reconnected(tab: Tab, timeout: float, result: Result) -> bool:
    """Back when the tab has reconnected and the page has loaded again (its on_load
    handlers show what the address bar says), as a person would see it."""
    try:
        await asyncio.wait_for(tab.hydrated(), timeout)
        return True
    except (TimeoutError, ConnectionLost):
        result.errors.append("did not reconnect and load the page again")
        return False


async def run_tabs(scenario: Scenario, base: str, clients: int, seconds: float, think: float,
                   timeout: float, during: Callable[[], None] | None = None) -> Result:
    """``clients`` tabs open the page, then filter for ``seconds``; ``during()`` is called
    (in a thread) half way through the filtering."""
    result = Result()
    cookies = [""] * clients
    if scenario.signs_in:
        signing_in = asyncio.Semaphore(SIGNING_IN_AT_ONCE)

        async def sign_in(client: httpx.AsyncClient) -> str:
            async with signing_in:
                return await shapes.sign_in(client, base)

        async with httpx.AsyncClient(timeout=timeout) as client:
            signed = await asyncio.gather(*[sign_in(client) for _ in range(clients)],
                                          return_exceptions=True)
        for i, cookie in enumerate(signed):
            if isinstance(cookie, BaseException):
                result.errors.append(f"sign in: {type(cookie).__name__} {cookie}")
            else:
                cookies[i] = cookie
    opening = asyncio.Semaphore(OPENING_AT_ONCE)

    async def arrive(cookie: str) -> Tab | None:
        async with opening:
            return await open_tab(scenario, base, cookie, result, timeout)

    opened = await asyncio.gather(*[arrive(cookie) for cookie in cookies if cookie
                                    or not scenario.signs_in])
    until = time.monotonic() + seconds
    tabs = [filter_again_and_again(tab, scenario, until, think, result, timeout)
            for tab in opened if tab is not None]
    if during is not None:
        async def later():
            await asyncio.sleep(seconds / 2)
            await asyncio.to_thread(during)
        tabs.append(later())
    await asyncio.gather(*tabs)
    return result


def line(name: str, result: Result, floor: Result | None, failover: bool = False
         ) -> tuple[str, bool]:
    """The run's line and verdict. With an instance killed (``failover``) the target is
    no errors (the production issue's "errors stay at zero apart from reconnects"); the
    p95, which then includes half the tabs reconnecting and reloading their page on the
    survivor, is reported beside the floor's, not held to the interaction target."""
    for error in sorted(set(result.errors))[:5]:
        print(f"  error ({result.errors.count(error)}x): {error}", flush=True)
    p50, p95 = result.percentile(0.5), result.percentile(0.95)
    extra = f" retried {result.retried}" if result.retried else ""
    head = (f"load {name} p50 {p50:.0f} ms p95 {p95:.0f} ms errors {len(result.errors)} "
            f"reconnects {result.reconnects}{extra}")
    if floor is None:
        return f"{head} ({len(result.times)} changes; the floor)", not result.errors
    target = P95_TARGET * floor.percentile(0.95)
    ok = not result.errors and (failover or p95 <= target) and bool(result.times)
    wanted = ("target errors 0, p95 reported" if failover else
              f"target p95 <= {target:.0f} ms ({P95_TARGET:g}x floor), errors 0")
    return (f"{head} (floor p95 {floor.percentile(0.95):.0f} ms, "
            f"{p95 / floor.percentile(0.95):.1f}x; {wanted}; {len(result.times)} changes) "
            f"{'pass' if ok else 'MISS'}"), ok


def parser() -> argparse.ArgumentParser:
    args = shapes.parser("python -m bench.load", __doc__, timeout=30)
    args.add_argument("--seconds", type=float, default=40, help="of filtering, per run")
    args.add_argument("--think", type=float, default=1.0,
                      help="mean pause between one tab's changes, in seconds")
    args.add_argument("--no-kill", action="store_true", help="skip the run with a kill")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    random.seed(args.seed)
    db_url = shapes.run_database(args)
    lines: list[tuple[str, bool]] = []
    try:
        with shapes.private_redis() as redis:
            floor_shape = shapes.floor_shape(db_url, redis.replace("/0", "/1"), args.port)
            with shapes.serving(shapes.FloorSupervisor(floor_shape)):
                floor = asyncio.run(run_tabs(floor_scenario(), floor_shape.public_url,
                                             args.clients, args.seconds, args.think,
                                             args.timeout))
            lines.append(line("floor_filter", floor, None))
            print(lines[-1][0], flush=True)

            shape = shapes.cymuned_shape(db_url, redis, args.port)
            with shapes.serving(shapes.start_cymuned(shape, args.skip_build)) as supervisor:
                result = asyncio.run(run_tabs(cymuned_scenario(), shape.public_url,
                                              args.clients, args.seconds, args.think,
                                              args.timeout))
                lines.append(line("members_filter", result, floor))
                print(lines[-1][0], flush=True)
                if not args.no_kill:
                    victim = shape.instance_ports[0]
                    result = asyncio.run(run_tabs(
                        cymuned_scenario(), shape.public_url, args.clients, args.seconds,
                        args.think, args.timeout,
                        during=lambda: supervisor.kill_instance(victim)))
                    lines.append(line("members_filter_instance_killed", result, floor,
                                      failover=True))
                    print(lines[-1][0], flush=True)
    finally:
        shapes.drop_database(db_url)
    return 0 if all(ok for _, ok in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
