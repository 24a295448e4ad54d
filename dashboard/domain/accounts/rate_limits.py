"""Rate limits on the public forms, per client address (the ``limits`` library).

Counted in memory in one process, or in Redis when ``REFLEX_REDIS_URL`` is set, so that
several workers share one count. A limit is a setting in the ``limits`` notation, several
separated by ";": ``CYMUNED_JOIN_RATE_LIMIT`` (default "5/minute;20/hour": generous enough
for colleagues joining together from one council's network after a webinar) and
``CYMUNED_PASSWORD_RESET_RATE_LIMIT`` (default "5/minute;20/hour").
"""

from __future__ import annotations

import os
from functools import cache

from limits import parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

JOIN = "join"
PASSWORD_RESET = "password_reset"
SETTINGS = {JOIN: "CYMUNED_JOIN_RATE_LIMIT", PASSWORD_RESET: "CYMUNED_PASSWORD_RESET_RATE_LIMIT"}
DEFAULT = "5/minute;20/hour"


@cache
def _storage() -> Storage:
    url = os.environ.get("REFLEX_REDIS_URL", "").strip()
    return storage_from_string(url) if url.startswith(("redis://", "rediss://")) else (
        MemoryStorage())


def _limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(_storage())


def allow(form: str, address: str) -> bool:
    """Count one use of ``form`` from ``address``; False once a limit is reached."""
    limiter = _limiter()
    items = parse_many(os.environ.get(SETTINGS[form], "").strip() or DEFAULT)
    key = address or "unknown"
    return all([limiter.hit(item, "cymuned", form, key) for item in items])


def reset() -> None:
    """Forget every count (tests; and an operator after a false alarm)."""
    _storage().reset()
