"""``cymuned backup`` and ``cymuned restore``: a copy of the whole database and a manifest.

- **SQLite**: the online backup API (``sqlite3.Connection.backup``), safe while the app
  writes; the copy is itself a SQLite file.
- **PostgreSQL**: ``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction``.
  The dump runs on a snapshot exported by the same transaction that computes the manifest, so
  the checksums describe exactly what was dumped.

The manifest (``<backup>.json``) holds, for every table, its row count and a SHA-256 of its
rows in primary-key order. ``restore`` recomputes them after restoring and fails when any
table differs, so a restore is checked, not hoped for.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

import dashboard.models  # noqa: F401  (every table in the metadata)

EXTRA_TABLES = ("alembic_version",)


class BackupFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    backend: str
    tables: dict[str, TableSum]

    def to_json(self) -> str:
        return json.dumps({"created_at": self.created_at, "backend": self.backend,
                           "tables": {name: {"rows": s.rows, "sha256": s.sha256}
                                      for name, s in sorted(self.tables.items())}}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(created_at=data["created_at"], backend=data["backend"],
                   tables={name: TableSum(**value) for name, value in data["tables"].items()})

    def differences(self, other: Manifest) -> list[str]:
        names = sorted(set(self.tables) | set(other.tables))
        return [name for name in names if self.tables.get(name) != other.tables.get(name)]


def table_sums(connection: sa.Connection) -> dict[str, TableSum]:
    """Row count and checksum of every application table (and Alembic's version table)."""
    present = set(sa.inspect(connection).get_table_names())
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name in present]
    extra = [sa.Table(name, sa.MetaData(), autoload_with=connection)
             for name in EXTRA_TABLES if name in present]
    sums = {}
    for table in [*tables, *extra]:
        order = list(table.primary_key.columns) or list(table.columns)
        digest = hashlib.sha256()
        rows = 0
        for row in connection.execute(sa.select(table).order_by(*order)):
            digest.update(json.dumps([_plain(v) for v in row], default=str).encode())
            digest.update(b"\n")
            rows += 1
        sums[table.name] = TableSum(rows=rows, sha256=digest.hexdigest())
    return sums


def _plain(value: object) -> object:
    # The same value must hash the same whichever driver read it.
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def backup(url: str, destination: Path) -> Manifest:
    """Copy the database at ``url`` to ``destination`` and write its manifest beside it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    parsed = sa.engine.make_url(url)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(_sqlite_path(parsed)) as source, \
                sqlite3.connect(destination) as target:
            source.backup(target)
        engine = sa.create_engine(f"sqlite:///{destination}")
        with engine.connect() as connection:
            manifest = Manifest(created, "sqlite", table_sums(connection))
        engine.dispose()
    else:
        engine = sa.create_engine(parsed)
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") \
                as connection:
            snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            manifest = Manifest(created, "postgresql", table_sums(connection))
            _run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                  f"--file={destination}", *_pg_args(parsed)], parsed)
            connection.rollback()
        engine.dispose()
    manifest_path(destination).write_text(manifest.to_json())
    return manifest


def restore(url: str, source: Path) -> Manifest:
    """Replace the database at ``url`` with the backup in ``source``, then check every table
    against the backup's manifest (BackupFailed when one differs). Stop the app first."""
    expected = Manifest.from_json(manifest_path(source).read_text())
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != expected.backend:
        raise BackupFailed(f"this is a {expected.backend} backup; the database is "
                           f"{parsed.get_backend_name()}")
    if expected.backend == "sqlite":
        target_path = _sqlite_path(parsed)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as backup_db, sqlite3.connect(target_path) as target:
            backup_db.backup(target)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", *_pg_args(parsed, flag="--dbname="), str(source)], parsed)
    engine = sa.create_engine(parsed)
    with engine.connect() as connection:
        restored = Manifest(expected.created_at, expected.backend, table_sums(connection))
    engine.dispose()
    if differing := expected.differences(restored):
        raise BackupFailed("restored tables differ from the backup: " + ", ".join(differing))
    return restored


def manifest_path(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + ".json")


def default_name(url: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kind = sa.engine.make_url(url).get_backend_name()
    return f"cymuned-{stamp}." + ("sqlite" if kind == "sqlite" else "dump")


def _sqlite_path(url: sa.engine.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _pg_args(url: sa.engine.URL, flag: str = "") -> list[str]:
    args = [f"--host={url.host or '127.0.0.1'}", f"--port={url.port or 5432}"]
    if url.username:
        args.append(f"--username={url.username}")
    args.append(f"{flag}{url.database}")
    return args


def _run(command: list[str], url: sa.engine.URL) -> None:
    if shutil.which(command[0]) is None:
        raise BackupFailed(f"{command[0]} is not installed (Debian: postgresql-client)")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line, where ps shows it
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupFailed(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
