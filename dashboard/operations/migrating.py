"""Migrations run once, however many instances start together.

``cymuned db upgrade`` runs inside ``migration_lock``: on PostgreSQL a session-level advisory
lock, on SQLite an exclusive lock on a file beside the database. An instance that finds the
lock taken says so and waits; when it gets the lock, Alembic finds the schema current and
does nothing. A lock, not a race: two instances never create the same table at once.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

# Any constant shared by every instance: "cymuned" in ASCII, as a bigint.
ADVISORY_KEY = 0x63796D756E6564


@contextmanager
def migration_lock(url: str, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = sa.create_engine(parsed, poolclass=NullPool)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            if not connection.execute(sa.text("SELECT pg_try_advisory_lock(:k)"),
                                      {"k": ADVISORY_KEY}).scalar():
                on_wait()
                connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_KEY})
            try:
                yield
            finally:
                connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
        engine.dispose()
        return
    database = parsed.database
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(database).with_name(Path(database).name + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database named in ``url`` if it does not exist (True if made).
    SQLite makes its file itself."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return False
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT",
                             poolclass=NullPool)
    try:
        with admin.connect() as connection:
            if connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": parsed.database}).first():
                return False
            quoted = connection.dialect.identifier_preparer.quote(parsed.database)
            try:
                connection.execute(sa.text(f"CREATE DATABASE {quoted}"))
            except (sa.exc.IntegrityError, sa.exc.ProgrammingError):
                return False  # another instance created it a moment ago
            return True
    finally:
        admin.dispose()
