"""Live data: one shared state that every open page links to, updated from the server when a
sync commits new data, so open dashboards update themselves without a reload or a poll.

- ``LiveState`` is a Reflex shared state. Each page links it on load (``LiveRefreshState.start``) to
  one shared token; ``push`` changes that token's state through ``app.modify_state``, and
  Reflex sends the change to every linked client (across workers, through Redis).
- ``version`` rises when a run changes data. Pages render ``components.live.live_updates``:
  an element keyed by the version, so a new version mounts it again and its ``on_mount``
  asks the page to reload what depends on the data (``LiveUpdates.live_refresh``).
- A client whose private state expired (an idle tab, more than an hour) receives the push
  unlinked, with version 0: its refresh links again first, then reloads. The watcher also
  rewrites the shared token now and then, so its own state never expires.
- Every open page checks in every ``CHECK_SECONDS`` (``keep_up``, with the version it
  shows): that keeps the tab's state from expiring, links the tab again if the link was lost
  (its state expired, or Redis restarted empty and forgot every link), and reloads the page if
  it missed a version meanwhile. The watcher pushes the facts at least as often, so a shared
  state that Redis lost is filled again.
- Aggregates are cached per data version (``shared_cache``) and shared by every client of a
  worker: 100 open dashboards reloading after a sync compute each figure once.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import reflex as rx

from dashboard.domain.sources.freshness import LiveFacts
from state.rows import Bilingual, moment

LIVE_TOKEN = "cymunedlive"  # a shared token: no underscores
KEEP_ALIVE_SECONDS = 20 * 60
# How often an open page checks in, and the watcher pushes even when nothing changed.
CHECK_SECONDS = max(1, int(os.environ.get("CYMUNED_LIVE_CHECK_SECONDS", "60")))
CACHE_SECONDS = 30.0  # figures changed by hand (not by a sync) show within this
T = TypeVar("T")
log = logging.getLogger("cymuned.live")

_seen = {"version": 0}
_cache: dict[tuple[str, int], tuple[float, Any]] = {}


def as_of(value: datetime | None) -> Bilingual:
    return moment(value)


class LiveState(rx.SharedState):
    version: int = 0
    known: bool = False  # the server has said how fresh the data is
    membership_as_of: Bilingual = Bilingual()
    membership_stale: bool = False
    events_as_of: Bilingual = Bilingual()
    events_stale: bool = False
    maturity_as_of: Bilingual = Bilingual()
    maturity_stale: bool = False
    _kept_at: float = 0.0

    def _apply(self, facts: LiveFacts) -> None:
        for area, fresh in facts.areas.items():
            text = as_of(fresh.as_of)
            if getattr(self, f"{area}_as_of") != text:
                setattr(self, f"{area}_as_of", text)
            if getattr(self, f"{area}_stale") != fresh.stale:
                setattr(self, f"{area}_stale", fresh.stale)
        if self.version != facts.version:
            self.version = facts.version
        if not self.known:
            self.known = True


class LiveRefreshState(rx.State):
    """Reloads the open page when the data version changes: its on_load handlers run again
    (not the session check or the link), so the page shows the new data.

    Both events carry what the browser shows: the version, and whether the page has loaded
    (as the browser remembers it). A page that has loaded, in a tab whose state the server no
    longer has (expired after an hour idle, or lost with Redis), is linked again and loaded
    again in full, session included, from its address."""

    _started: bool = False  # a page of this tab has loaded (``start``, in every on_load)
    _seen: int = -1  # -1: not yet seen; -2: linked again, the next version reloads
    _alive_at: float = 0.0  # rewritten at each check-in so an idle tab's state does not expire

    @rx.event
    async def start(self):
        """On every page load, after the session: follow the shared live data."""
        self._started = True
        live = await self.get_state(LiveState)
        if live._linked_to != LIVE_TOKEN:
            await live._link_to(LIVE_TOKEN)

    @rx.event
    async def refresh(self, version: int, loaded: bool = False):
        if loaded and not self._started:
            return await self._recover()
        live = await self.get_state(LiveState)
        if live._linked_to != LIVE_TOKEN:
            # Not linked yet: the page's first moments (its on_load links it next).
            await live._link_to(LIVE_TOKEN)
            if self._seen != -1:
                self._seen = -2
            return None
        if version != live.version or version == self._seen:
            return None
        first, self._seen = self._seen == -1, version
        if first:  # the page's own on_load has just loaded this version
            return None
        return self._page_loads()

    @rx.event
    async def keep_up(self, shown: int, loaded: bool = False):
        """An open page's check-in (every CHECK_SECONDS, with the version it shows): the
        tab's state stays alive, the tab stays among the linked (reading the shared state
        puts it back if Redis forgot it), and a version the page missed is loaded."""
        self._alive_at = time.monotonic()  # a write: the tab's state does not expire
        if loaded and not self._started:
            return await self._recover()
        live = await self.get_state(LiveState)
        if live._linked_to != LIVE_TOKEN:
            await live._link_to(LIVE_TOKEN)
            live = await self.get_state(LiveState)
        if live.known and shown != live.version and self._seen != live.version:
            self._seen = live.version  # that version's own refresh then does nothing more
            return self._page_loads()
        return None

    async def _recover(self) -> list:
        """The server lost this tab's state: link again, load the page again in full."""
        from reflex.state import OnLoadInternalState

        live = await self.get_state(LiveState)
        if live._linked_to != LIVE_TOKEN:
            await live._link_to(LIVE_TOKEN)
            live = await self.get_state(LiveState)
        self._started, self._seen = True, live.version
        # As on arrival: the session first, the page's loads, then "hydrated".
        return [*self._page_loads(session=True), OnLoadInternalState.set_is_hydrated(True)]

    def _page_loads(self, session: bool = False) -> list:
        from reflex_base.registry import RegistrationContext

        skip = ("start",) if session else ("load_session", "start")
        events = RegistrationContext.get().app.get_load_events(self.router.url.path)
        return [e for e in events if _handler_name(e) not in skip]


def _handler_name(event: Any) -> str:
    handler = getattr(event, "handler", event)  # an EventSpec, or the EventHandler itself
    return getattr(getattr(handler, "fn", None), "__name__", "")


async def push(app: Any, facts: LiveFacts) -> None:
    """Apply new facts to the shared state; Reflex updates every linked page."""
    from reflex.istate.manager.token import BaseStateToken

    _seen["version"] = facts.version
    async with app.modify_state(BaseStateToken(ident=LIVE_TOKEN, cls=LiveState)) as root:
        live = await root.get_state(LiveState)
        live._apply(facts)
        if time.monotonic() - live._kept_at > KEEP_ALIVE_SECONDS:
            live._kept_at = time.monotonic()  # rewritten: the shared token does not expire


def current_version() -> int:
    """The data version this worker last saw (the watcher keeps it current)."""
    return _seen["version"]


def shared_cache(name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per data version (and at most every CACHE_SECONDS), shared by every
    client of this worker."""
    key = (name, current_version())
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = compute()
    for old in [k for k in _cache if k[0] == name and k != key]:
        _cache.pop(old, None)
    _cache[key] = (now, value)
    return value
