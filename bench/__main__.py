"""``python -m bench``: time the registered benchmarks on the synthetic dataset.

Prints one line per benchmark,
``bench <name> <median> ms (target <target> ms; floor <floor> ms, <ratio>x) <verdict>``: the
floor is the same answer computed by hand-written SQL (see bench/registry.py), timed in the
same run. A benchmark passes when its median is within its target or at most FLOOR_RATIO
times its floor's; the verdict says which, and the run exits non-zero when any misses both
or when a floor's answer differs from its benchmark's. Benchmarks live in ``bench_*.py``
modules in this package; each is imported, which registers it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import statistics
import sys
import time
from dataclasses import fields

os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

from sqlmodel import Session  # noqa: E402

import bench  # noqa: E402
from bench.registry import FLOOR_RATIO, Benchmark, registered  # noqa: E402


def discover() -> list[Benchmark]:
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name.startswith("bench_"):
            importlib.import_module(f"bench.{module.name}")
    return registered()


def time_one(benchmark: Benchmark, engine, now, warmup: int, runs: int) -> float:
    """The median wall time in milliseconds; each run in a fresh session, as a request is."""
    timings = []
    for run in range(warmup + runs):
        with Session(engine) as session:
            started = time.perf_counter()
            benchmark.run(session, now)
            elapsed = (time.perf_counter() - started) * 1000
        if run >= warmup:
            timings.append(elapsed)
    return statistics.median(timings)


def time_floor(benchmark: Benchmark, engine, now, warmup: int, runs: int) -> float:
    """The floor's median, each run on a fresh connection from the same engine's pool."""
    timings = []
    for run in range(warmup + runs):
        with engine.connect() as conn:
            started = time.perf_counter()
            benchmark.floor.run(conn, now)
            elapsed = (time.perf_counter() - started) * 1000
        if run >= warmup:
            timings.append(elapsed)
    return statistics.median(timings)


def check_floor(benchmark: Benchmark, engine, now) -> str | None:
    """Whether the floor gives the benchmark's answer: None when it does (or cannot be
    compared), else what differs."""
    if benchmark.floor is None or benchmark.floor.compare is None:
        return None
    with Session(engine) as session:
        answer = benchmark.run(session, now)
    with engine.connect() as conn:
        floor_answer = benchmark.floor.run(conn, now)
    try:
        benchmark.floor.compare(answer, floor_answer)
    except AssertionError as error:
        return str(error)
    return None


def verdict(benchmark: Benchmark, median: float, floor: float | None) -> str:
    if median <= benchmark.target_ms:
        return "pass (within target)"
    if floor is not None and median <= FLOOR_RATIO * floor:
        return f"pass (within {FLOOR_RATIO:g}x floor)"
    return "MISS"


def parser() -> argparse.ArgumentParser:
    from dashboard.seed.synthetic import SyntheticSize

    args = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    args.add_argument("--only", action="append", metavar="NAME", help="run just these")
    args.add_argument("--runs", type=int, default=15)
    args.add_argument("--warmup", type=int, default=1)
    args.add_argument("--seed", type=int, default=2023)
    args.add_argument("--rebuild", action="store_true", help="rebuild the cached dataset")
    for field in fields(SyntheticSize):
        args.add_argument(f"--{field.name}", type=int, default=field.default)
    return args


def main(argv: list[str] | None = None) -> int:
    from bench.dataset import open_dataset
    from dashboard.seed.synthetic import SyntheticSize

    args = parser().parse_args(argv)
    benchmarks = discover()
    if args.only:
        unknown = set(args.only) - {b.name for b in benchmarks}
        if unknown:
            print(f"no such benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        benchmarks = [b for b in benchmarks if b.name in args.only]

    size = SyntheticSize(**{f.name: getattr(args, f.name) for f in fields(SyntheticSize)})
    dataset = open_dataset(size, args.seed, os.environ.get("REFLEX_DB_URL"), args.rebuild)
    if dataset.build_seconds is not None:
        print(f"dataset built in {dataset.build_seconds:.1f} s: {size.label()} at {dataset.where}",
              flush=True)
    else:
        print(f"dataset reused: {size.label()} at {dataset.where}", flush=True)

    misses = []
    for benchmark in benchmarks:
        engine, now = dataset.engine, dataset.now
        difference = check_floor(benchmark, engine, now)
        if difference:
            print(f"bench {benchmark.name}: the floor's answer differs: {difference}",
                  file=sys.stderr, flush=True)
            misses.append(f"{benchmark.name} (floor answer differs)")
        median = time_one(benchmark, engine, now, args.warmup, args.runs)
        floor = (time_floor(benchmark, engine, now, args.warmup, args.runs)
                 if benchmark.floor else None)
        against = (f"; floor {floor:.1f} ms, {median / floor:.1f}x" if floor
                   else "; no floor")
        outcome = verdict(benchmark, median, floor)
        print(f"bench {benchmark.name} {median:.1f} ms (target {benchmark.target_ms:g} ms"
              f"{against}) {outcome}", flush=True)
        if outcome == "MISS":
            misses.append(f"{benchmark.name} ({median:.1f} ms > {benchmark.target_ms:g} ms"
                          f" and > {FLOOR_RATIO:g}x floor)")
    dataset.engine.dispose()
    if misses:
        print("missed targets: " + ", ".join(misses), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
