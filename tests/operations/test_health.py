"""/healthz, /readyz and /metrics, through the backend's own API (no browser)."""

from __future__ import annotations

import socket

import pytest
import sqlalchemy as sa
from sqlmodel import Session
from starlette.applications import Starlette

from dashboard.api import endpoint_routes
from dashboard.models import DataSource, SyncRun
from dashboard.operations import logs, metrics
from tests.http import TestClient


@pytest.fixture
def client(db, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    metrics.enable()
    return TestClient(logs.request_ids(Starlette(routes=endpoint_routes())))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_healthz_answers_without_asking_the_database(client, monkeypatch):
    from reflex import model

    monkeypatch.setattr(model, "get_engine", lambda *a, **k: pytest.fail("healthz used the db"))
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_is_ready_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {
        "database": "ok", "migrations": "ok", "redis": "not used"}}


def test_readyz_answers_while_every_connection_of_the_apps_pool_is_busy(client, monkeypatch):
    from reflex import model

    # The app's engine with a pool of one, held: a check through it would wait for it.
    url = model.get_engine().url
    tiny = sa.create_engine(url, pool_size=1, max_overflow=0, pool_timeout=3)
    monkeypatch.setattr(model, "get_engine", lambda *a, **k: tiny)
    with tiny.connect():
        response = client.get("/readyz")
    tiny.dispose()
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_not_ready_while_migrations_are_pending(client, db):
    with db.begin() as connection:
        (current,) = connection.execute(sa.text("SELECT version_num FROM alembic_version")).one()
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'older'"))
    try:
        response = client.get("/readyz")
    finally:
        with db.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = :v"),
                               {"v": current})
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"].startswith("pending")


def test_readyz_is_not_ready_when_redis_does_not_answer(client, monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", f"redis://127.0.0.1:{_closed_port()}/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("unreachable")
    assert "127.0.0.1" not in response.text  # no addresses or credentials in the answer


def test_metrics_show_the_pool_and_sync_runs_by_source_and_outcome(client, db):
    with Session(db) as session:
        source = DataSource(name="Webinar calendar", kind="ics")
        session.add(source)
        session.flush()
        session.add_all([SyncRun(source_id=source.id, status="ok"),
                         SyncRun(source_id=source.id, status="ok"),
                         SyncRun(source_id=source.id, status="failed")])
        session.commit()
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'cymuned_sync_runs{source="Webinar calendar",status="ok"} 2.0' in text
    assert 'cymuned_sync_runs{source="Webinar calendar",status="failed"} 1.0' in text
    assert 'cymuned_db_pool_connections{state="in_use"}' in text


def test_every_answer_carries_a_request_id(client):
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-abc-123"})
    assert given.headers["x-request-id"] == "proxy-abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert made.headers["x-request-id"] != "bad id\nwith newline"
    assert len(made.headers["x-request-id"]) == 32
