"""Live data: one shared state that every open page links to, updated from the server when a
sync commits new data, so open dashboards update themselves without a reload or a poll.

- ``LiveState`` is a Reflex shared state. Each page links it on load (``LiveState.link``) to
  one shared token; ``push`` changes that token's state through ``app.modify_state``, and
  Reflex sends the change to every linked client (across workers, through Redis).
- ``version`` rises when a run changes data. Pages render ``components.live.live_updates``:
  an element keyed by the version, so a new version mounts it again and its ``on_mount``
  asks the page to reload what depends on the data (``LiveUpdates.live_refresh``).
- A client whose private state expired (an idle tab, more than an hour) receives the push
  unlinked, with version 0: its refresh links again first, then reloads. The watcher also
  rewrites the shared token now and then, so its own state never expires.
- Aggregates are cached per data version (``shared_cache``) and shared by every client of a
  worker: 100 open dashboards reloading after a sync compute each figure once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import reflex as rx

from dashboard.domain.sources.freshness import LiveFacts
from dashboard.operations.metrics import count_cache
from state.rows import Bilingual, moment

LIVE_TOKEN = "cymunedlive"  # a shared token: no underscores
KEEP_ALIVE_SECONDS = 20 * 60
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

    @rx.event
    async def link(self):
        """On every page load: follow the shared live data."""
        if self._linked_to != LIVE_TOKEN:
            await self._link_to(LIVE_TOKEN)

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
    (not the session check or the link), so the page shows the new data."""

    _seen: int = -1  # -1: not yet seen; -2: linked again after the state expired
    _alive_at: float = 0.0  # rewritten now and then so an idle tab's state does not expire

    @rx.event
    async def refresh(self, version: int):
        live = await self.get_state(LiveState)
        if live._linked_to != LIVE_TOKEN:
            # Not linked (yet, or any more: an idle tab whose state expired). Link; the
            # version that arrives then reloads the page if it was linked again.
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

    def _page_loads(self) -> list:
        from reflex_base.registry import RegistrationContext

        events = RegistrationContext.get().app.get_load_events(self.router.url.path)
        return [e for e in events if _handler_name(e) not in ("load_session", "link")]


def _handler_name(event: Any) -> str:
    handler = getattr(event, "handler", event)  # an EventSpec, or the EventHandler itself
    return getattr(getattr(handler, "fn", None), "__name__", "")


async def push(app: Any, facts: LiveFacts) -> None:
    """Apply new facts to the shared state; Reflex updates every linked page."""
    from reflex.istate.manager.token import BaseStateToken

    _seen["version"] = facts.version
    idle: list[str] = []
    async with app.modify_state(BaseStateToken(ident=LIVE_TOKEN, cls=LiveState)) as root:
        live = await root.get_state(LiveState)
        live._apply(facts)
        if time.monotonic() - live._kept_at > KEEP_ALIVE_SECONDS:
            live._kept_at = time.monotonic()  # rewritten: the shared token does not expire
            idle = list(live._linked_from)
    await _keep_alive(app, idle)


async def _keep_alive(app: Any, tokens: list[str]) -> None:
    """Rewrite each connected linked tab's own state (outside the shared token's lock), so
    a tab left open for hours stays linked: an expired state would drop its link and the
    pushes with it."""
    from reflex.istate.manager.token import BaseStateToken

    manager = app.event_namespace._token_manager if app.event_namespace else None
    for token in tokens:
        try:
            if manager is not None and not await manager.is_token_connected(token):
                continue
            async with app.modify_state(BaseStateToken(ident=token, cls=LiveRefreshState)) \
                    as root:
                (await root.get_state(LiveRefreshState))._alive_at = time.monotonic()
        except Exception:  # noqa: BLE001 - one tab never stops the others' updates
            log.warning("could not keep a linked tab's state alive", exc_info=True)


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
        count_cache(name, hit=True)
        return hit[1]
    count_cache(name, hit=False)
    value = compute()
    for old in [k for k in _cache if k[0] == name and k != key]:
        _cache.pop(old, None)
    _cache[key] = (now, value)
    return value
