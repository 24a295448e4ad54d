"""The benchmark registry: a decorator that names a function and its target time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

BenchFunction = Callable[[Session, datetime], object]


@dataclass(frozen=True)
class Benchmark:
    name: str
    target_ms: float
    run: BenchFunction


_REGISTRY: dict[str, Benchmark] = {}


def benchmark(name: str, target_ms: float) -> Callable[[BenchFunction], BenchFunction]:
    """Register ``fn(session, now)`` to be timed against ``target_ms`` (median of the runs)."""

    def register(fn: BenchFunction) -> BenchFunction:
        if name in _REGISTRY and _REGISTRY[name].run is not fn:
            raise ValueError(f"benchmark {name!r} is registered twice")
        _REGISTRY[name] = Benchmark(name=name, target_ms=target_ms, run=fn)
        return fn

    return register


def registered() -> list[Benchmark]:
    return list(_REGISTRY.values())
