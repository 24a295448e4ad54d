"""A page load in one event: who is signed in, the link to the live data, and the page's own
loads.

Each Reflex event is a round trip through the state manager (a lock, a read and a write in
Redis) and a message to the browser; an event on AppState also reads every page's state
below it. So a page's ``on_load`` is one event, ``PageLoadState.open_page``, on a small leaf
state: it resolves the session (``AppState._load_session``), links the shared live state
the first time a tab opens a page, then runs the page's own load handlers in place, each on
its own state as ``get_state`` fetches it. A load that is a background task, or that asks
for another event, still runs as its own event afterwards.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

import reflex as rx

from state.base import AppState
from state.live import LiveState, confirmed, current_version, is_linked, link_live, reached

# The page's own load handlers, by its route as ``@routed`` registered it.
PAGE_LOADS: dict[str, tuple[Any, ...]] = {}


def register_page_loads(route: str, loads: Sequence[Any]) -> None:
    PAGE_LOADS[route] = tuple(load for load in loads if load is not None)


async def _run(state: rx.State, load: Any) -> AsyncIterator[Any]:
    """Run one load handler on its own state in this event; yields the events it asks for
    (and, from a generator, each step, so its deltas go out as they come)."""
    handler = getattr(load, "handler", load)  # an EventSpec without args, or the handler
    if getattr(handler, "is_background", False) or getattr(load, "args", ()):
        yield load  # its own event, as Reflex would run it
        return
    target = await state.get_state(handler.state)
    if inspect.iscoroutinefunction(handler.fn) or inspect.isasyncgenfunction(handler.fn):
        result = handler.fn(target)
    else:
        # A plain load reads the database: off the event loop, which stays free to send
        # the changes of the loads before it and to serve other tabs meanwhile. The tab's
        # state is locked for this event, so nothing else changes it in between.
        result = await asyncio.to_thread(handler.fn, target)
    if inspect.isawaitable(result):
        result = await result
    if inspect.isasyncgen(result):
        async for step in result:
            yield step
    elif inspect.isgenerator(result):
        yield from_generator(result)
    elif result is not None:
        yield result


def from_generator(generator) -> list:
    """A plain generator's steps and its return value, as one list of events."""
    steps = []
    try:
        while True:
            step = next(generator)
            if step is not None:
                steps.append(step)
    except StopIteration as stop:
        if stop.value is not None:
            steps.append(stop.value)
    return [e for step in steps for e in (step if isinstance(step, list | tuple) else [step])]


class PageLoadState(AppState):
    """Runs a page's load (see the module); remembers the route for a live refresh."""

    _route: str = ""  # set by open_page: empty in a tab whose state the server lost
    _seen: int = -1  # the data version the page's loads last read (or a later one)
    _alive_at: float = 0.0  # rewritten at each check-in, so an idle tab's state lives on

    @rx.event
    async def open_page(self, route: str):
        self._route = route
        self._load_session()
        self._seen = current_version()
        async for events in self._page_loads():
            yield events
        # Last: a tab's first link holds the shared token's lock until the event ends.
        live = await link_live(self)
        if live is not None and live.known and live.version > self._seen:
            # Another worker pushed a version this one had not read when the page loaded:
            # the page would show the version before it until the next push.
            reached(live.version)
            self._seen = live.version
            async for events in self._page_loads():
                yield events

    @rx.event
    async def refresh(self, version: int, loaded: bool = False):
        """A new data version: the page's own loads again (not the session check or the
        link), so the page shows the new data. The browser asks only when the version
        changes after the page has seen one (components/live.py).

        It does not read the shared state (that would take the shared token's lock once
        for each of the open pages that all ask at once): the version it asks for is
        checked against this worker's, or against the database when this worker has not
        read it yet (another worker pushed it first)."""
        if loaded and not self._route:  # the server has forgotten this tab
            for events in self._load_again():
                yield events
            return
        if not is_linked(self):
            # Not linked any more (an idle tab whose state expired): link; the shared
            # version that arrives then asks again.
            await link_live(self)
        if version <= max(self._seen, 0) or not confirmed(version):
            return
        self._seen = version
        async for events in self._page_loads():
            yield events

    @rx.event
    async def keep_up(self, shown: int, loaded: bool = False):
        """An open page's check-in, every CHECK_SECONDS (components/live.py), with the data
        version it shows and whether it has loaded, as the browser remembers it.

        The write keeps the tab's state from expiring. A page that has loaded, in a tab the
        server has forgotten (no page of it opened here: its state expired anyway, or Redis
        restarted empty), is loaded again in full from its address, session included. A
        page behind this worker's data version missed a push (Redis forgot which tabs are
        linked): reading the shared state puts the tab back among them, and the page
        reloads. Otherwise nothing is read: a check-in does not lock the shared token."""
        self._alive_at = time.monotonic()
        # Not a write to AppState: that would read every page's state below it. A session's
        # state that expired on its own shows as never checked, and the page loads again.
        session_lost = not (await self.get_state(AppState))._session_checked
        if loaded and (session_lost or not self._route):
            for events in self._load_again():
                yield events
            return
        latest = current_version()
        if latest == 0 or shown >= latest:  # (ahead: another worker pushed it first)
            return
        if not is_linked(self):
            await link_live(self)
        live = await self.get_state(LiveState)  # back among the linked, if Redis forgot
        if live.known and live.version != self._seen:
            self._seen = live.version
            reached(live.version)
            async for events in self._page_loads():
                yield events

    def _load_again(self) -> list:
        """The page's on_load as on arrival (session, live link, the page's loads), then
        "hydrated", for a tab whose state the server no longer has."""
        from reflex.state import OnLoadInternalState
        from reflex_base.registry import RegistrationContext

        app = RegistrationContext.get().app
        return [[*app.get_load_events(self.router.url.path),
                 OnLoadInternalState.set_is_hydrated(True)]]

    async def _page_loads(self) -> AsyncIterator[Any]:
        """Each of the page's loads in turn, its changes sent as soon as it is done (a
        yield): the page shows its first list without waiting for the figures below it."""
        for load in PAGE_LOADS.get(self._route, ()):
            async for events in _run(self, load):
                yield events
            yield None
