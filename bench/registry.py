"""The benchmark registry: a decorator that names a function and its target time, and one
that registers its floor beside it.

A floor is the same answer computed the plainest way: hand-written SQL through the database
driver (``sqlalchemy.text`` on the same engine), no domain code, no ORM. Timed in the same run
as the benchmark, it turns an absolute figure that moves with the machine into a ratio that
does not: a benchmark passes when it is within its absolute target or within ``FLOOR_RATIO``
of its floor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

BenchFunction = Callable[[Session, datetime], object]
FloorFunction = Callable[[sa.Connection, datetime], object]
# Raises AssertionError (with what differs) when the benchmark's and the floor's answers are
# not the same.
Compare = Callable[[object, object], None]

FLOOR_RATIO = 1.5


@dataclass(frozen=True)
class Floor:
    run: FloorFunction
    compare: Compare | None = None


@dataclass(frozen=True)
class Benchmark:
    name: str
    target_ms: float
    run: BenchFunction
    floor: Floor | None = None


_REGISTRY: dict[str, Benchmark] = {}
_FLOORS: dict[str, Floor] = {}


def benchmark(name: str, target_ms: float) -> Callable[[BenchFunction], BenchFunction]:
    """Register ``fn(session, now)`` to be timed against ``target_ms`` (median of the runs)."""

    def register(fn: BenchFunction) -> BenchFunction:
        if name in _REGISTRY and _REGISTRY[name].run is not fn:
            raise ValueError(f"benchmark {name!r} is registered twice")
        _REGISTRY[name] = Benchmark(name=name, target_ms=target_ms, run=fn)
        return fn

    return register


def floor(name: str, compare: Compare | None = None
          ) -> Callable[[FloorFunction], FloorFunction]:
    """Register ``fn(connection, now)`` as the SQL floor of benchmark ``name``; ``compare``
    checks, once a run, that both give the same answer."""

    def register(fn: FloorFunction) -> FloorFunction:
        if name in _FLOORS and _FLOORS[name].run is not fn:
            raise ValueError(f"floor {name!r} is registered twice")
        _FLOORS[name] = Floor(run=fn, compare=compare)
        return fn

    return register


def registered() -> list[Benchmark]:
    unknown = set(_FLOORS) - set(_REGISTRY)
    if unknown:
        raise ValueError(f"floors without a benchmark: {', '.join(sorted(unknown))}")
    return [Benchmark(b.name, b.target_ms, b.run, _FLOORS.get(b.name))
            for b in _REGISTRY.values()]
