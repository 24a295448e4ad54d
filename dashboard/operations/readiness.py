"""Is this instance ready for traffic? The database answers, Redis answers (when the app
uses it), and the database's schema is the one this code expects.

A proxy sends traffic only to ready instances (``/readyz``); ``/healthz`` says only that the
process is up, so a database outage does not make every instance look dead and restart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]  # check -> "ok", "not used" or what is wrong (no secrets)

    @property
    def ready(self) -> bool:
        return all(result in ("ok", "not used") for result in self.checks.values())


@cache
def expected_revisions() -> frozenset[str]:
    """The heads of the committed migrations (read once: they change only with the code)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def probe_engine(url: str) -> sa.Engine:
    """An engine for the readiness check alone: a fresh connection each time (no pool) with a
    short connect timeout. Checking through the app's own pool would wait for a free
    connection when every one is busy under load, the proxy's check would time out, and it
    would take the busiest instances out of service, all of them at once."""
    return _probe_engine(url)


@cache
def _probe_engine(url: str) -> sa.Engine:
    backend = sa.engine.make_url(url).get_backend_name()
    connect_args = {"connect_timeout": 2} if backend == "postgresql" else {"timeout": 2}
    return sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args=connect_args)


def check(engine: sa.Engine, redis_url: str | None = None) -> Readiness:
    checks = {"database": "ok", "migrations": "ok", "redis": "not used"}
    try:
        with engine.connect() as connection:
            current = {row[0] for row in connection.execute(
                sa.text("SELECT version_num FROM alembic_version"))}
    except sa.exc.SQLAlchemyError as error:
        checks["database"] = f"unreachable ({type(error.orig or error).__name__})"
        checks["migrations"] = "unknown"
    else:
        if current != expected_revisions():
            checks["migrations"] = "pending: run `cymuned db upgrade`"
    redis_url = redis_url if redis_url is not None else os.environ.get("REFLEX_REDIS_URL")
    if redis_url:
        checks["redis"] = _redis(redis_url)
    return Readiness(checks)


def _redis(url: str) -> str:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        return f"unreachable ({type(error).__name__})"
    finally:
        client.close()
    return "ok"
