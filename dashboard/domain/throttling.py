"""Throttling failed sign-ins, per account and per client address (the ``limits`` library).

Only failures count: a moving window of failed attempts for each account (so guessing one
person's password is slow from anywhere) and for each address (so trying many accounts from
one place is slow too). The address limit is higher: a council's staff may share one.

The counts live in Redis when ``REFLEX_REDIS_URL`` is set, so they hold across workers;
otherwise in the worker's memory. Keys are keyed hashes (dashboard/keys.py): neither emails
nor addresses are stored in clear.
"""

from __future__ import annotations

import math
import os
import time
from functools import cache

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from dashboard.keys import keyed_hash

PER_ACCOUNT = parse("10 per 15 minutes")
PER_ADDRESS = parse("50 per 15 minutes")


class SignInThrottle:
    def __init__(self, storage_uri: str = "memory://") -> None:
        self._storage = storage_from_string(storage_uri)
        self._limiter = MovingWindowRateLimiter(self._storage)

    @staticmethod
    def _keys(email: str, address: str) -> tuple[tuple[RateLimitItem, str], ...]:
        return ((PER_ACCOUNT, keyed_hash("sign-in-account", email)),
                (PER_ADDRESS, keyed_hash("sign-in-address", address or "unknown")))

    def wait_minutes(self, email: str, address: str) -> int:
        """0 when an attempt may be made now, else whole minutes until one may."""
        waits = [self._limiter.get_window_stats(item, key).reset_time - time.time()
                 for item, key in self._keys(email, address)
                 if not self._limiter.test(item, key)]
        return max(1, math.ceil(max(waits) / 60)) if waits else 0

    def failed(self, email: str, address: str) -> None:
        for item, key in self._keys(email, address):
            self._limiter.hit(item, key)

    def succeeded(self, email: str) -> None:
        """The right password: the account's count starts again (not the address's)."""
        item, key = self._keys(email, "")[0]
        self._limiter.clear(item, key)

    def reset(self) -> None:
        """Forget every count (tests)."""
        self._storage.reset()


@cache
def _throttle(storage_uri: str) -> SignInThrottle:
    return SignInThrottle(storage_uri)


def sign_in_throttle() -> SignInThrottle:
    """The installation's throttle: Redis when REFLEX_REDIS_URL is set, else this worker's
    memory."""
    return _throttle(os.environ.get("REFLEX_REDIS_URL") or "memory://")
