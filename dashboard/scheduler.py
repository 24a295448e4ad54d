"""The scheduler loop: in every worker (a lifespan task of the app) or as its own process
(`cymuned sources scheduler`).

Every few seconds each loop calls ``schedule.tick``: the database's lease elects one runner,
which runs the due sources. Reflex never restarts a lifespan task, so the loop catches, logs
and survives every error, and stops only when cancelled. Database and network work runs in a
thread, off the event loop.

Beside it, ``watch`` reads the data version and the freshness of each area every few seconds
and hands them to a callback when they change: the app uses it to push to open pages, whoever
ran the sync (this worker, another one, or the command line).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable

from dashboard.db import transaction
from dashboard.domain.clock import utc_now
from dashboard.domain.sources.freshness import LiveFacts, live_facts
from dashboard.domain.sources.schedule import Tick, tick

log = logging.getLogger("cymuned.scheduler")
TICK_SECONDS = float(os.environ.get("CYMUNED_SCHEDULER_TICK", "5"))
WATCH_SECONDS = float(os.environ.get("CYMUNED_WATCH_SECONDS", "2"))


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def one_tick(holder: str, previous_fence: int) -> Tick:
    return tick(transaction, holder, utc_now, previous_fence=previous_fence)


async def run_scheduler(stop: asyncio.Event | None = None, *,
                        tick_once: Callable[[str, int], Tick] | None = None,
                        every: float | None = None) -> None:
    """The loop: ``tick_once`` (one_tick) every ``every`` seconds (TICK_SECONDS)."""
    tick_once = tick_once or one_tick
    every = TICK_SECONDS if every is None else every
    holder, fence = holder_name(), 0
    log.info("scheduler %s started", holder)
    while stop is None or not stop.is_set():
        try:
            result = await asyncio.to_thread(tick_once, holder, fence)
            if result.leader and result.fence != fence:
                log.info("scheduler %s is the runner (fence %s)", holder, result.fence)
            fence = result.fence if result.leader else 0
            for run in result.runs:
                log.info("sync run %s: %s %s", run.run_id, run.status, run.message)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the loop must outlive any error
            log.exception("scheduler tick failed; trying again")
        await asyncio.sleep(every)


def read_facts() -> LiveFacts:
    with transaction() as session:
        return live_facts(session, utc_now())


async def watch(on_change: Callable[[LiveFacts], Awaitable[None]],
                stop: asyncio.Event | None = None, every: float = 600.0) -> None:
    """Call ``on_change`` when the facts change, and at least every ``every`` seconds."""
    last: LiveFacts | None = None
    called = 0.0
    loop = asyncio.get_running_loop()
    while stop is None or not stop.is_set():
        try:
            facts = await asyncio.to_thread(read_facts)
            if facts != last or loop.time() - called > every:
                await on_change(facts)
                last, called = facts, loop.time()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the loop must outlive any error
            log.exception("reading the data version failed; trying again")
        await asyncio.sleep(WATCH_SECONDS)
