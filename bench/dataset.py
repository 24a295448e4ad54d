"""The synthetic dataset the benchmarks run on: built once, then reused.

SQLite (the default): a file ``bench/.cache/synthetic-<key>.db``. PostgreSQL (when
REFLEX_DB_URL points at one): a separate database ``cymuned_bench`` on the same server,
never the one in the URL. The key covers the size, the seed, the schema, the reference data
and the generator's code, so changing any of them rebuilds; it is kept in a Setting written
in the same transaction as the data, so a half-built dataset is never reused.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable
from sqlmodel import Session, SQLModel

import dashboard.models  # noqa: F401  (every table on the metadata)
import dashboard.seed.demo as demo
import dashboard.seed.synthetic as synthetic
from dashboard.domain.reference import REFERENCE_DIR, load_reference_data
from dashboard.models import Setting
from dashboard.seed.synthetic import SyntheticSize, seed_synthetic

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "bench" / ".cache"
MIGRATIONS = ROOT / "alembic" / "versions"
POSTGRES_DATABASE = "cymuned_bench"
KEY_SETTING = "bench_dataset"
NOW_SETTING = "bench_now"


@dataclass
class Dataset:
    engine: sa.engine.Engine
    now: datetime  # aware UTC: when it was built, so reruns see the same figures
    where: str
    build_seconds: float | None  # None when reused
    summary: dict[str, int] | None = None


def dataset_key(size: SyntheticSize, seed: int) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps({"size": asdict(size), "seed": seed}, sort_keys=True).encode())
    for table in SQLModel.metadata.sorted_tables:
        digest.update(str(CreateTable(table).compile(dialect=sqlite.dialect())).encode())
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            digest.update(f"{index.name}:{[c.name for c in index.columns]}".encode())
    for path in [*sorted(REFERENCE_DIR.glob("*.json")), *sorted(MIGRATIONS.glob("*.py"))]:
        digest.update(path.read_bytes())
    # The generator, the name lists it borrows, and how this module builds the dataset.
    for source in (Path(synthetic.__file__), Path(demo.__file__), Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _engine(url: str | sa.engine.URL) -> sa.engine.Engine:
    """An engine set up as the app's (Reflex's engine arguments)."""
    from reflex.model import get_engine_args

    url = sa.engine.make_url(url)
    return sa.create_engine(url, **get_engine_args(url.render_as_string(hide_password=False)))


def _stored(engine: sa.engine.Engine, key: str) -> datetime | None:
    """The build time recorded with the data, if this dataset was built with ``key``."""
    if not sa.inspect(engine).has_table(Setting.__tablename__):
        return None
    with Session(engine) as session:
        stored_key = session.get(Setting, KEY_SETTING)
        stored_now = session.get(Setting, NOW_SETTING)
        if stored_key is None or stored_now is None or stored_key.value != key:
            return None
        return datetime.fromisoformat(stored_now.value)


def _migrate(engine: sa.engine.Engine) -> None:
    """The schema as the app has it: the committed migrations, indexes and text index too."""
    from alembic.config import Config

    from alembic import command

    config = Config(str(ROOT / "alembic.ini"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _build(engine: sa.engine.Engine, size: SyntheticSize, seed: int, key: str
           ) -> tuple[datetime, dict[str, int]]:
    now = datetime.now(UTC).replace(microsecond=0)
    _migrate(engine)
    with Session(engine) as session:
        load_reference_data(session)
        summary = seed_synthetic(session, size=size, now=now, seed=seed)
        session.merge(Setting(key=KEY_SETTING, value=key))
        session.merge(Setting(key=NOW_SETTING, value=now.isoformat()))
        session.commit()
    if engine.dialect.name == "postgresql":
        # The steady state autovacuum reaches soon after a load this size: planner
        # statistics, and a visibility map so index-only scans work. SQLite is left as the
        # app leaves it (no ANALYZE), since its planner then behaves as in production.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    return now, summary


def open_dataset(size: SyntheticSize, seed: int, db_url: str | None,
                 rebuild: bool = False) -> Dataset:
    key = dataset_key(size, seed)
    if db_url and sa.engine.make_url(db_url).get_backend_name() == "postgresql":
        return _open_postgres(sa.engine.make_url(db_url), size, seed, key, rebuild)
    return _open_sqlite(size, seed, key, rebuild)


def _open_sqlite(size: SyntheticSize, seed: int, key: str, rebuild: bool) -> Dataset:
    path = CACHE_DIR / f"synthetic-{key}.db"
    if path.exists() and not rebuild:
        engine = _engine(f"sqlite:///{path}")
        now = _stored(engine, key)
        if now is not None:
            return Dataset(engine=engine, now=now, where=str(path), build_seconds=None)
        engine.dispose()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    started = time.perf_counter()
    engine = _engine(f"sqlite:///{building}")
    now, summary = _build(engine, size, seed, key)
    engine.dispose()
    for old in CACHE_DIR.glob("synthetic-*.db"):  # one cached dataset is enough
        old.unlink()
    building.rename(path)
    seconds = time.perf_counter() - started
    return Dataset(engine=_engine(f"sqlite:///{path}"), now=now, where=str(path),
                   build_seconds=seconds, summary=summary)


def _open_postgres(url: sa.engine.URL, size: SyntheticSize, seed: int, key: str,
                   rebuild: bool) -> Dataset:
    # A database of the URL's own whose name ends in "_bench" (one per checkout, so runs side
    # by side never drop each other's); any other name is never rebuilt: cymuned_bench is.
    name = url.database if (url.database or "").endswith("_bench") else POSTGRES_DATABASE
    url = url.set(database=name)
    where = url.render_as_string(hide_password=True)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": name}).first()
            if exists and not rebuild:
                engine = _engine(url)
                now = _stored(engine, key)
                if now is not None:
                    return Dataset(engine=engine, now=now, where=where, build_seconds=None)
                engine.dispose()
            started = time.perf_counter()
            if exists:
                conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    engine = _engine(url)
    now, summary = _build(engine, size, seed, key)
    return Dataset(engine=engine, now=now, where=where,
                   build_seconds=time.perf_counter() - started, summary=summary)
