"""Live data: one shared state that every open page links to, updated from the server when a
sync commits new data, so open dashboards update themselves without a reload or a poll.

- ``LiveState`` is a Reflex shared state. A tab's first page load links it (``link_live``,
  from ``PageLoadState.open_page``) to one shared token; ``push`` changes that token's
  state through ``app.modify_state``, and Reflex sends the change to every linked client
  (across workers, through Redis).
- ``version`` rises when a run changes data. Pages render ``components.live.live_updates``:
  an effect on the version that asks the page to reload what depends on the data
  (``PageLoadState.refresh``) when the version changes after the page first saw one.
- Every open page checks in every ``CHECK_SECONDS`` (``PageLoadState.keep_up``, with the
  version it shows): that keeps the tab's state from expiring (Reflex keeps a state an hour);
  a page that had loaded in a tab the server has forgotten (its state expired anyway, or Redis
  restarted empty) is loaded again in full from its address; a page behind this worker's
  data version (a push that reached nobody because Redis forgot which tabs are linked) is put
  back among the linked and reloaded. The watcher pushes at least every ``CHECK_SECONDS``,
  so a shared state Redis lost is filled again, and rewrites the shared token now and then,
  so it never expires.
- Aggregates are cached per data version (``shared_cache``) and shared by every client of a
  worker: 100 open dashboards reloading after a sync compute each figure once.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

import reflex as rx

from dashboard.domain.sources.freshness import LiveFacts, data_version
from dashboard.operations.metrics import count_cache
from state.rows import Bilingual, moment

LIVE_TOKEN = "cymunedlive"  # a shared token: no underscores
KEEP_ALIVE_SECONDS = 20 * 60
# How often an open page checks in, and the watcher pushes even when nothing changed.
CHECK_SECONDS = max(1, int(os.environ.get("CYMUNED_LIVE_CHECK_SECONDS", "60")))
CACHE_SECONDS = 30.0  # figures changed by hand (not by a sync) show within this
T = TypeVar("T")
log = logging.getLogger("cymuned.live")

_seen = {"version": 0}
_pruned = {"at": time.monotonic()}  # when push last forgot the tabs that are gone
_cache: dict[tuple[str, str, int], tuple[float, Any]] = {}


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


def _from_push_only(fan_out: Callable[..., list]) -> Callable[..., list]:
    """Reflex's fan-out from a shared state to its other linked clients, for the watcher's
    push only.

    Reflex (0.10) fans out after every event that holds a shared state's lock, whether or
    not it changed anything: linking a tab marks every value dirty (to send the new tab a
    full copy), and a tab's hydrate or refresh reads the shared state. Each of those made
    every other linked tab take the shared token's lock once more, in turn: with N tabs
    open, N tabs arriving, reloading after a push, or reconnecting to the surviving
    instance cost N x N lock round trips in Redis (bench-live: 100 tabs, 4,900 updates,
    39 tabs never updated). Pages only read LiveState; ``push`` alone writes it, and its
    change still reaches every linked tab."""

    def pushed_changes_only(*, affected_tokens, previous_dirty_vars, state_type):
        shown = any(not name.startswith("_") for names in previous_dirty_vars.values()
                    for name in names)  # not only the bookkeeping (linked tabs, keep-alive)
        if not (_pushing.get() and shown):
            return []
        return fan_out(affected_tokens=affected_tokens,
                       previous_dirty_vars=previous_dirty_vars, state_type=state_type)

    pushed_changes_only.reflex_fan_out = fan_out  # type: ignore[attr-defined]
    return pushed_changes_only


def _install_push_only_fan_out() -> None:
    import reflex.istate.shared as shared

    if not hasattr(shared._do_update_other_tokens, "reflex_fan_out"):
        shared._do_update_other_tokens = _from_push_only(shared._do_update_other_tokens)


_pushing: ContextVar[bool] = ContextVar("cymuned_live_pushing", default=False)
_install_push_only_fan_out()


def is_linked(state: rx.State) -> bool:
    """Whether this client follows the shared live data, read from the root state's links
    (fetching LiveState to ask would lock the shared token for the whole event)."""
    links = state._get_root_state()._reflex_internal_links or {}
    return links.get(LiveState.get_full_name()) == LIVE_TOKEN


async def link_live(state: rx.State) -> LiveState | None:
    """Link this client to the shared live data, once per tab (its state keeps the link).
    Returns the shared state when this call linked it (None: linked already)."""
    if is_linked(state):
        return None
    live = await state.get_state(LiveState)
    if live._linked_to != LIVE_TOKEN:
        live = await live._link_to(LIVE_TOKEN)
    return live


async def push(app: Any, facts: LiveFacts) -> None:
    """Apply new facts to the shared state; Reflex updates every linked page."""
    from reflex.istate.manager.token import BaseStateToken

    began = time.monotonic()
    _seen["version"] = facts.version
    gone: set[str] = set()
    if began - _pruned["at"] > KEEP_ALIVE_SECONDS:
        _pruned["at"] = began
        gone = await gone_tabs(app)  # read before the lock: one Redis read per linked tab
    pushing = _pushing.set(True)  # Reflex sends the change to the linked tabs on the way out
    try:
        async with app.modify_state(BaseStateToken(ident=LIVE_TOKEN, cls=LiveState)) as root:
            live = await root.get_state(LiveState)
            changed = live.version != facts.version
            live._apply(facts)
            if gone:
                live._linked_from = set(live._linked_from) - gone  # assigned: written back
            if time.monotonic() - live._kept_at > KEEP_ALIVE_SECONDS:
                live._kept_at = time.monotonic()  # rewritten: the shared token lives on
    finally:
        _pushing.reset(pushing)
    if gone:
        log.info("forgot %d linked tabs that are no longer connected", len(gone))
    if changed:
        log.info("pushed data version %s to the linked pages (%.0f ms)", facts.version,
                 (time.monotonic() - began) * 1000)


async def gone_tabs(app: Any) -> set[str]:
    """The linked tabs with no socket on any instance. Reflex never forgets a tab that
    linked (its list of linked tabs only grows), and every push and every link reads and
    writes that list, and tries each tab in it: on a server that runs for weeks it would
    hold every tab ever opened. A tab that was only away (a laptop asleep) loads its page
    afresh when it reconnects, and links again at its first check-in that finds it behind
    (``PageLoadState.keep_up``)."""
    from reflex.istate.manager.token import BaseStateToken

    if app.event_namespace is None:  # no websocket server (a command, a test)
        return set()
    root = await app.state_manager.get_state(BaseStateToken(ident=LIVE_TOKEN, cls=LiveState))
    tokens = set((await root.get_state(LiveState))._linked_from)
    connected = app.event_namespace._token_manager.is_token_connected
    return {token for token in tokens if not await connected(token)}


def current_version() -> int:
    """The data version this worker last saw (the watcher keeps it current)."""
    return _seen["version"]


def confirmed(version: int) -> bool:
    """Whether ``version`` is a data version the database has reached (a page asks to reload
    for the version it was pushed): this worker's watcher may not have read it yet, and a
    browser's word alone must not move this worker's cache to a version that does not
    exist."""
    if version <= _seen["version"]:
        return True
    with rx.session() as session:
        if data_version(session) < version:
            return False
    reached(version)
    return True


def reached(version: int) -> None:
    """A page is reloading for ``version``, which this worker's watcher has not read yet: the
    push came from another worker, which read it first (each reads every WATCH_SECONDS).
    Figures are cached under the new version from now, so the page is not served the
    previous version's figures from this worker's cache."""
    if version > _seen["version"]:
        _seen["version"] = version


def shared_cache(name: str, compute: Callable[[], T], variant: str = "") -> T:
    """``compute()`` once per data version (and at most every CACHE_SECONDS), shared by every
    client of this worker. ``variant`` tells apart the values of one cache (a list's page, a
    count per filter); the metrics count by ``name`` alone, so their labels stay few."""
    key = (name, variant, current_version())
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        count_cache(name, hit=True)
        return hit[1]
    count_cache(name, hit=False)
    value = compute()
    for old in [k for k, (at, _) in _cache.items()
                if (k[:2] == key[:2] and k != key) or now - at >= CACHE_SECONDS]:
        _cache.pop(old, None)  # (and anything past its time: a list's pages come and go)
    _cache[key] = (now, value)
    return value


def forget_cached_figures() -> None:
    """After a change made by hand through this worker: its figures are computed afresh at
    their next read, so the person sees their own change at once (other workers' caches
    follow within CACHE_SECONDS, or at the next data version)."""
    _cache.clear()
