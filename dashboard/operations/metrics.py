"""Prometheus metrics at ``/metrics``.

Reflex 0.10 has OpenTelemetry trace points of its own (``reflex_base.otel``): event handler
duration by event name, time waiting for the session state, socket message sizes and open
socket connections. ``enable()`` turns them on with OpenTelemetry's Prometheus reader, so
those figures reach the same registry as Cymuned's own: the database pool and sync runs by
source and outcome, read when scraped, and the hits and misses of the caches shared by an
instance's clients, counted as they happen (``count_cache``).

Each app instance runs one worker (``make serve``; scale with instances), so one scrape of
an instance sees all of its figures.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)
_enabled = False

CACHE_HITS = Counter("cymuned_cache_hits", "Figures served from a cache shared by this "
                     "instance's clients, by cache", ["cache"])
CACHE_MISSES = Counter("cymuned_cache_misses", "Figures computed because the shared cache "
                       "held no current copy, by cache", ["cache"])


def count_cache(cache: str, hit: bool) -> None:
    """One lookup of the shared cache ``cache``: a hit, or a miss (the figure is computed)."""
    (CACHE_HITS if hit else CACHE_MISSES).labels(cache=cache).inc()


def enable() -> None:
    """Turn Reflex's metrics on and register Cymuned's collector (once per process)."""
    global _enabled
    if _enabled:
        return
    from opentelemetry.exporter.prometheus import PrometheusMetricReader
    from opentelemetry.sdk.metrics import MeterProvider
    from reflex_base import otel

    otel.enable(meter_provider=MeterProvider(metric_readers=[PrometheusMetricReader()]))
    REGISTRY.register(CymunedCollector())
    _enabled = True


def exposition() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class CymunedCollector(Collector):
    """Figures read at scrape time: nothing to keep in step between requests."""

    def collect(self) -> Iterable[GaugeMetricFamily]:
        engine = _engine()
        pool = engine.pool
        in_use = GaugeMetricFamily("cymuned_db_pool_connections",
                                   "Database connections of this instance's pool", labels=["state"])
        if hasattr(pool, "checkedout"):
            in_use.add_metric(["in_use"], pool.checkedout())
            in_use.add_metric(["idle"], pool.checkedin())
        yield in_use
        if hasattr(pool, "size") and hasattr(pool, "overflow"):  # a QueuePool, as Reflex's
            yield GaugeMetricFamily("cymuned_db_pool_size",
                                    "Connections the pool keeps for reuse (its size)",
                                    value=pool.size())
            yield GaugeMetricFamily("cymuned_db_pool_checked_out",
                                    "Connections of the pool in use now", value=pool.checkedout())
            # SQLAlchemy counts from minus the pool's size until the pool is full.
            yield GaugeMetricFamily("cymuned_db_pool_overflow", "Connections open beyond the "
                                    "pool's size now", value=max(0, pool.overflow()))
        runs = GaugeMetricFamily("cymuned_sync_runs", "Sync runs recorded, by source and outcome",
                                 labels=["source", "status"])
        try:
            for source, status, count in _sync_run_counts(engine):
                runs.add_metric([source, status], count)
        except Exception:  # noqa: BLE001 - a scrape must answer even when the database does not
            log.warning("sync run counts unavailable for /metrics", exc_info=True)
        yield runs


def _engine():
    """Reflex's engine, the one every page and job of this instance draws connections from."""
    from reflex.model import get_engine

    return get_engine()


def _sync_run_counts(engine) -> list[tuple[str, str, int]]:
    import sqlalchemy as sa
    from sqlmodel import Session

    from dashboard.models import DataSource, SyncRun

    with Session(engine) as session:
        rows = session.exec(
            sa.select(DataSource.name, SyncRun.status, sa.func.count())
            .join(DataSource, DataSource.id == SyncRun.source_id)
            .group_by(DataSource.name, SyncRun.status)
        ).all()
    return [(name, str(status), count) for name, status, count in rows]
