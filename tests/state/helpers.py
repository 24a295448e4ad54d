"""Running async handlers from tests."""

from __future__ import annotations

import asyncio
import threading


def run_async(coroutine):
    """Run a coroutine to completion on its own thread and loop.

    The browser tests' Playwright (sync API) keeps an event loop running on the main thread
    for the whole session, so asyncio.run() there would refuse to start.
    """
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - re-raised on the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def uploaded(state, files):
    """An import wizard's upload handler, then the background reading it starts, as Reflex
    runs them; returns what the upload handler returned."""
    follow = run_async(state.upload(files))
    if follow is not None:
        # A background event cannot be called on a state; its function can (on a plain
        # state, ``async with self`` does nothing).
        assert follow.fn.__name__ == "read_upload"
        run_async(type(state).read_upload.fn(state))
    return follow
