"""Browser tabs without a browser: socket.io clients that speak to a Reflex backend as the
compiled frontend does (``reflex_base/.templates/web/utils/state.js``), for the load and
live benchmarks, where a hundred Chromium tabs would measure Chromium.

What a tab does, as the frontend does it:

- connects to ``/_event`` over the websocket transport, with its own token in the query
  string (``?token=<uuid>``, kept in the tab's sessionStorage by the frontend) and the
  browser's cookies in the handshake (the HttpOnly session cookie included);
- puts its first event, ``hydrate_and_load``, in the socket.io CONNECT packet
  (``auth = {"event": ...}``), so the backend sends the state and runs the page's
  on_load handlers at once; every reconnect sends it again (the backend may be another
  instance, or have lost the state);
- sends each event with the page's router data (``pathname``, ``asPath`` with the address
  bar's query, ``query``), and keeps the address bar in step with the
  ``history.replaceState`` scripts the backend sends;
- sends back the backend events an update asks for (names with a state path), and ignores
  the browser-only ones (``_call_script``, ``_redirect``, ...) apart from that address bar.

Each update's delta is merged into ``state`` (state name -> var -> value) and handed to the
waiters, so a benchmark can time an event from the emit to the update it waits for.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import socketio

ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
HYDRATED = "is_hydrated_rx_state_"
# The frontend connects to ``<backend>/_event``: socket.io takes the path for the engine's
# path and for the namespace alike.
EVENT_PATH = "_event"
NAMESPACE = "/_event"
# The address the backend puts in the address bar (state/members.py and others).
_REPLACE_STATE = re.compile(r"""history\.replaceState\(null, '', ("(?:[^"\\]|\\.)*")\)""")

Delta = dict[str, dict[str, Any]]


class ConnectionLost(Exception):
    """The tab's connection dropped while it waited for an answer (the frontend reconnects
    and hydrates again; the answer to an event in flight may never come)."""


def event_name(state: type, handler: str) -> str:
    """The name the frontend sends for ``state.handler``: the state's full path, then the
    handler's name."""
    return f"{state.get_full_name()}.{handler}"


def var_name(name: str) -> str:
    """A var's key in a delta (Reflex suffixes every state var)."""
    return f"{name}_rx_state_"


@dataclass
class Waiter:
    accepts: Callable[[Delta], bool]
    done: asyncio.Future


@dataclass
class Tab:
    """One tab on one page. ``base`` is the site's address (the proxy's), ``path`` the page
    with its query, ``cookie`` the ``Cookie`` header the browser would send."""

    base: str
    path: str
    cookie: str = ""
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    state: Delta = field(default_factory=dict)
    connects: int = 0
    disconnects: int = 0
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Reconnect as the frontend does: soon, and without giving up.
        self.client = socketio.AsyncClient(reconnection=True, reconnection_attempts=0,
                                           reconnection_delay=0.2, reconnection_delay_max=1.0,
                                           randomization_factor=0.5)
        self._waiters: list[Waiter] = []
        # Called with every update's delta, as the page's effects would see it.
        self.listeners: list[Callable[[Delta], Awaitable[None]]] = []
        self.connected = asyncio.Event()
        for name, handler in (("connect", self._connected), ("disconnect", self._disconnected),
                              ("event", self._update), ("state_mismatch", self._mismatch)):
            self.client.on(name, handler, namespace=NAMESPACE)

    # --- what the page sends ------------------------------------------------------------

    def router_data(self) -> dict[str, Any]:
        parts = urlsplit(self.path)
        data: dict[str, Any] = {"pathname": parts.path or "/",
                                "asPath": parts.path + (f"?{parts.query}" if parts.query else "")}
        query = dict(parse_qsl(parts.query))
        if query:
            data["query"] = query
        return data

    def _boot(self) -> dict[str, Any]:
        """The CONNECT packet's payload: the hydrate event (no hashes of compiled defaults:
        the backend then sends the whole state, as on any reconnect)."""
        return {"event": {"name": HYDRATE, "payload": {}, "router_data": self.router_data()}}

    async def open(self, timeout: float = 60) -> float:
        """Connect, hydrate and run the page's on_load handlers; seconds until the page is
        hydrated (``is_hydrated`` true after the last on_load handler)."""
        started = time.perf_counter()
        hydrated = self.hydrated()
        headers = {"Origin": self.base}
        if self.cookie:
            headers["Cookie"] = self.cookie
        await self.client.connect(f"{self.base}?token={self.token}", headers=headers,
                                  auth=self._boot, transports=["websocket"],
                                  namespaces=[NAMESPACE],
                                  socketio_path=EVENT_PATH, wait_timeout=timeout)
        await asyncio.wait_for(hydrated, timeout)
        return time.perf_counter() - started

    async def send(self, name: str, payload: dict[str, Any] | None = None) -> None:
        if not self.connected.is_set():
            raise ConnectionLost(name)
        await self.client.emit("event", {"name": name, "payload": payload or {},
                                         "router_data": self.router_data()},
                               namespace=NAMESPACE)

    def hydrated(self) -> asyncio.Future:
        """The next update that ends a hydration: the page's last on_load handler ran."""
        return self.expect(lambda d: d.get(ROOT_STATE, {}).get(HYDRATED) is True)

    def expect(self, accepts: Callable[[Delta], bool]) -> asyncio.Future:
        """A future set to the first later update whose delta ``accepts`` (register it
        before sending the event, so a quick answer is not missed)."""
        done = asyncio.get_running_loop().create_future()
        self._waiters.append(Waiter(accepts, done))
        return done

    async def call(self, name: str, payload: dict[str, Any], accepts: Callable[[Delta], bool],
                   timeout: float = 30) -> float:
        """Send an event; seconds until the update ``accepts`` arrives."""
        answer = self.expect(accepts)
        started = time.perf_counter()
        await self.send(name, payload)
        await asyncio.wait_for(answer, timeout)
        return time.perf_counter() - started

    async def close(self) -> None:
        for waiter in self._waiters:
            waiter.done.cancel()
        self._waiters.clear()
        await self.client.shutdown()  # disconnects, or stops trying to reconnect
        if self.client.eio.http is not None and not self.client.eio.http.closed:
            await self.client.eio.http.close()  # a tab that never connected

    # --- what the page receives ---------------------------------------------------------

    @property
    def reconnects(self) -> int:
        return max(0, self.connects - 1)

    async def _connected(self) -> None:
        self.connects += 1
        self.connected.set()

    async def _disconnected(self, reason: Any = None) -> None:
        self.disconnects += 1
        self.connected.clear()
        for waiter in self._waiters:  # an event in flight: its answer may never come
            if not waiter.done.done():
                waiter.done.set_exception(ConnectionLost(str(reason)))
        self._waiters.clear()

    async def _mismatch(self, info: Any = None) -> None:
        self.errors.append(f"state mismatch: {info}")

    async def _update(self, update: dict[str, Any]) -> None:
        delta: Delta = update.get("delta") or {}
        for state, changes in delta.items():
            self.state.setdefault(state, {}).update(changes)
        for event in update.get("events") or []:
            await self._follow(event)
        for listener in self.listeners:
            await listener(delta)
        for waiter in list(self._waiters):
            if waiter.done.done():
                self._waiters.remove(waiter)
            elif waiter.accepts(delta):
                waiter.done.set_result(time.perf_counter())
                self._waiters.remove(waiter)

    async def _follow(self, event: dict[str, Any]) -> None:
        name = event.get("name", "")
        if name.startswith("_"):  # the browser's own work; only the address bar matters here
            script = (event.get("payload") or {}).get("javascript_code") or ""
            if found := _REPLACE_STATE.search(script):
                self.path = json.loads(found.group(1))
            return
        await self.send(name, event.get("payload") or {})


def changed(state: str, var: str) -> Callable[[Delta], bool]:
    """Accepts an update that changes ``var`` of ``state``."""
    key = var_name(var)
    return lambda delta: key in delta.get(state, {})


def value_in(delta: Delta, state_suffix: str, var: str) -> Any:
    """``var`` of the state whose full name ends with ``state_suffix``, if the delta has it
    (a shared state's full name depends on where Reflex mounts it)."""
    key = var_name(var)
    for state, changes in delta.items():
        if state.endswith(state_suffix) and key in changes:
            return changes[key]
    return None
