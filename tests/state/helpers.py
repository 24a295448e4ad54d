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
