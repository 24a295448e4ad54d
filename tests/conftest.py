"""Test database set-up, shared by every test.

The suite runs against a throw-away SQLite file by default. With REFLEX_DB_URL set (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/cymuned_test) it runs against that database
instead, creating it if needed and emptying it first: never point it at real data.
The schema comes from the committed Alembic migrations, so they are tested too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="cymuned-test-"))
if not os.environ.get("REFLEX_DB_URL"):
    os.environ["REFLEX_DB_URL"] = f"sqlite:///{_TMP / 'test.db'}"
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
# A fixed secret for keyed hashes and encryption at rest (dashboard/keys.py) in tests.
os.environ.setdefault("CYMUNED_SECRET_KEY", "test-secret-key-for-cymuned-suite-0123456789")
# The public forms' rate limits are tested on their own (tests/state/test_forgot_password.py);
# elsewhere the suite submits forms faster than any person would.
os.environ.setdefault("CYMUNED_JOIN_RATE_LIMIT", "10000/minute")
os.environ.setdefault("CYMUNED_PASSWORD_RESET_RATE_LIMIT", "10000/minute")
# Sources in tests are served from 127.0.0.1, which fetches refuse unless this is set.
os.environ.setdefault("CYMUNED_ALLOW_PRIVATE_URLS", "1")
# Open pages check in with the server every minute in production (state/live.py); every few
# seconds here, so the tests of a lost link see it mended without waiting a minute.
os.environ.setdefault("CYMUNED_LIVE_CHECK_SECONDS", "4")

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

import dashboard.models  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEST_DB_URL = os.environ["REFLEX_DB_URL"]


# Reflex's addresses as configured (dev defaults: pages on :3000, the backend on :8000). The
# browser tests' harness points the process-wide config at its own ports for the rest of the
# session; tests that build links or check redirects expect the configured ones.
def _configured_addresses() -> tuple[str, str]:
    from reflex.config import get_config

    config = get_config()
    return config.deploy_url, config.api_url


_ADDRESSES = _configured_addresses()


@pytest.fixture(autouse=True)
def _configured_reflex_addresses(request, monkeypatch):
    if request.node.get_closest_marker("browser") is None:
        from reflex.config import get_config

        monkeypatch.setattr(get_config(), "deploy_url", _ADDRESSES[0])
        monkeypatch.setattr(get_config(), "api_url", _ADDRESSES[1])
    yield


@pytest.fixture(autouse=True)
def _no_cached_figures_or_lists():
    """The app caches figures and lists per data version for up to 30 s (state/live.py);
    tests change the database directly, not through the app (which forgets its cache on a
    change), so each test starts with nothing cached. (The browser tests' app runs in this
    process.)"""
    from state.live import forget_cached_figures

    forget_cached_figures()
    yield


def ensure_postgres_database(url: sa.engine.URL) -> None:
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
        ).first()
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def engine():
    """The test database with the schema built by the migrations."""
    from reflex import model

    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() == "postgresql":
        ensure_postgres_database(url)
    eng = model.get_engine(TEST_DB_URL)
    with eng.begin() as conn:
        SQLModel.metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        if url.get_backend_name() == "sqlite":  # the directory's FTS5 index (not a model)
            conn.execute(sa.text("DROP TABLE IF EXISTS member_search"))
    cwd = os.getcwd()
    os.chdir(ROOT)  # alembic.ini is found relative to the working directory
    try:
        assert model.migrate() is True
    finally:
        os.chdir(cwd)
    yield eng


def empty_database(eng: sa.engine.Engine) -> None:
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    # The suite's own app (started by the browser tests) keeps a scheduler and a watcher
    # reading these tables in the background; on PostgreSQL a TRUNCATE can then meet one
    # of their reads in a deadlock, which PostgreSQL resolves by failing one side: try again.
    for attempt in range(5):
        try:
            with eng.begin() as conn:
                if eng.dialect.name == "postgresql":
                    names = ", ".join(f'"{t.name}"' for t in tables)
                    conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                else:
                    for table in tables:
                        conn.execute(table.delete())
            return
        except sa.exc.OperationalError as error:
            if "deadlock" not in str(error).lower() or attempt == 4:
                raise


@pytest.fixture
def db(engine):
    """An empty database for one test."""
    empty_database(engine)
    return engine


@pytest.fixture(scope="module")
def own_engine(request, tmp_path_factory):
    """A database of one test module's own, for tests that must be alone on theirs: the
    suite's app (started by the browser tests, in this process) keeps reading the suite's
    database in the background. A module opts in with `def db(own_db): return own_db`."""
    name = request.module.__name__.rsplit(".", 1)[-1]
    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() == "postgresql":
        url = url.set(database=f"{url.database}_{name}")
        ensure_postgres_database(url)
    else:
        url = sa.engine.make_url(f"sqlite:///{tmp_path_factory.mktemp(name)}/own.db")
    eng = sa.create_engine(url)
    SQLModel.metadata.drop_all(eng)
    SQLModel.metadata.create_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def own_db(own_engine):
    """An empty database of the module's own (see own_engine) for one test."""
    empty_database(own_engine)
    return own_engine


@pytest.fixture
def session(db):
    with Session(db, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def reference(session):
    """The reference data (bodies, goals, objectives, framework) loaded."""
    from dashboard.domain.reference import load_reference_data

    load_reference_data(session)
    session.commit()
    return session


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (context and real-world files live outside the repo)")
    return SHARED


@pytest.fixture
def test_actors(session):
    """Users 901, 902 and 905, behind the Actors that domain tests build by hand
    (PostgreSQL checks the audit log's foreign key to the user)."""
    from dashboard.models import User

    for user_id in (901, 902, 905):
        session.add(User(id=user_id, email=f"user{user_id}@example.org", display_name="Test",
                         role="member"))
    session.commit()
