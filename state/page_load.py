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

import inspect
from collections.abc import AsyncIterator, Sequence
from typing import Any

import reflex as rx

from state.base import AppState
from state.live import LiveState, is_linked, link_live

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
    result = handler.fn(target)
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

    _route: str = ""
    _seen: int = -1  # the data version last reloaded; -2: linked again after it expired

    @rx.event
    async def open_page(self, route: str):
        self._route = route
        self._load_session()
        async for events in self._page_loads():
            yield events
        # Last: a tab's first link holds the shared token's lock until the event ends.
        await link_live(self)

    @rx.event
    async def refresh(self, version: int):
        """A new data version: the page's own loads again (not the session check or the
        link), so the page shows the new data. The browser asks only when the version
        changes after the page has seen one (components/live.py)."""
        if not is_linked(self):
            # Not linked any more (an idle tab whose state expired): link; the version that
            # arrives then reloads the page.
            await link_live(self)
            self._seen = -2
            return
        live = await self.get_state(LiveState)
        if version != live.version or version == self._seen:
            return
        self._seen = version
        async for events in self._page_loads():
            yield events

    async def _page_loads(self) -> AsyncIterator[Any]:
        for load in PAGE_LOADS.get(self._route, ()):
            async for events in _run(self, load):
                yield events
