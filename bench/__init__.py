"""Benchmarks: ``python -m bench`` (``make bench``).

Builds the synthetic dataset once (cached, see ``bench.dataset``), then times every
registered benchmark and prints one line each::

    bench overview_figures 41.2 ms (target 150 ms)

A feature adds its own benchmarks in a module here named ``bench_<feature>.py``::

    from bench import benchmark

    @benchmark("coverage_by_type", target_ms=100)
    def coverage(session, now):
        coverage_by_type(session)
"""

from bench.registry import Benchmark, benchmark, registered

__all__ = ["Benchmark", "benchmark", "registered"]
