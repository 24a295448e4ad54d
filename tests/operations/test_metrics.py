"""/metrics: the shared cache's hits and misses, and the database pool of Reflex's engine."""

from __future__ import annotations

import re

import pytest
from prometheus_client import REGISTRY
from starlette.applications import Starlette

from dashboard.api import endpoint_routes
from dashboard.operations import logs, metrics
from tests.http import TestClient


@pytest.fixture
def client(db, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    metrics.enable()
    return TestClient(logs.request_ids(Starlette(routes=endpoint_routes())))


def _counted(name: str, cache: str) -> float:
    return REGISTRY.get_sample_value(f"cymuned_cache_{name}_total", {"cache": cache}) or 0.0


def _gauge(text: str, name: str) -> float:
    found = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
    assert found, f"{name} is not in /metrics"
    return float(found.group(1))


def test_a_miss_then_hits_of_the_shared_cache_are_counted_by_cache(monkeypatch):
    from state import live

    monkeypatch.setattr(live, "_seen", {"version": 41})
    computed = []
    figures = live.shared_cache("test-figures", lambda: computed.append(1) or "figures")
    assert (_counted("misses", "test-figures"), _counted("hits", "test-figures")) == (1, 0)
    assert live.shared_cache("test-figures", lambda: pytest.fail("computed twice")) == figures
    live.shared_cache("test-figures", lambda: pytest.fail("computed twice"))
    assert (_counted("misses", "test-figures"), _counted("hits", "test-figures")) == (1, 2)
    monkeypatch.setitem(live._seen, "version", 42)  # a sync changed the data
    live.shared_cache("test-figures", lambda: computed.append(1) or "new figures")
    assert (_counted("misses", "test-figures"), _counted("hits", "test-figures")) == (2, 2)
    assert len(computed) == 2
    assert _counted("hits", "another cache") == 0


def test_metrics_show_the_cache_counters(client, monkeypatch):
    from state import live

    monkeypatch.setattr(live, "_seen", {"version": 7})
    live.shared_cache("test-scraped", lambda: 1)
    live.shared_cache("test-scraped", lambda: 1)
    text = client.get("/metrics").text
    assert 'cymuned_cache_misses_total{cache="test-scraped"} 1.0' in text
    assert 'cymuned_cache_hits_total{cache="test-scraped"} 1.0' in text


def test_metrics_show_the_pool_of_reflexs_engine(client, monkeypatch):
    import reflex.model
    import sqlalchemy as sa

    assert metrics._engine() is reflex.model.get_engine()
    # The scrape reads an engine made as Reflex makes it, with a pool of its own: the suite's
    # in-process app draws on Reflex's engine from its own threads (page loads, the scheduler)
    # at any moment, so its count of connections in use is not this test's to know.
    url = reflex.model.get_engine().url.render_as_string(hide_password=False)
    engine = sa.create_engine(url, **reflex.model.get_engine_args(url))
    monkeypatch.setattr(metrics, "_engine", lambda: engine)
    try:
        text = client.get("/metrics").text
        assert _gauge(text, "cymuned_db_pool_size") == engine.pool.size() > 0
        assert _gauge(text, "cymuned_db_pool_overflow") == 0
        assert _gauge(text, "cymuned_db_pool_checked_out") == 0
        with engine.connect(), engine.connect():  # two requests holding connections
            held = client.get("/metrics").text
        assert _gauge(held, "cymuned_db_pool_checked_out") == 2
    finally:
        engine.dispose()
