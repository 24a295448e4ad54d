"""``python -m bench``: time the registered benchmarks on the synthetic dataset.

Prints one line per benchmark, ``bench <name> <median> ms (target <target> ms)``, and
exits non-zero when any median misses its target. Benchmarks live in ``bench_*.py``
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
from bench.registry import Benchmark, registered  # noqa: E402


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
        median = time_one(benchmark, dataset.engine, dataset.now, args.warmup, args.runs)
        print(f"bench {benchmark.name} {median:.1f} ms (target {benchmark.target_ms:g} ms)",
              flush=True)
        if median > benchmark.target_ms:
            misses.append(f"{benchmark.name} ({median:.1f} ms > {benchmark.target_ms:g} ms)")
    dataset.engine.dispose()
    if misses:
        print("missed targets: " + ", ".join(misses), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
