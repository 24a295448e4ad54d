"""`cymuned db upgrade` takes a lock: instances started together migrate once, in turn."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa

from dashboard.operations.migrating import ensure_database, migration_lock
from tests.conftest import ROOT, TEST_DB_URL


def _fresh_url(tmp_path) -> str:
    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    fresh = url.set(database=f"{url.database}_fresh")
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)'))
    admin.dispose()
    return fresh.render_as_string(hide_password=False)


def test_an_upgrade_waits_for_the_lock_then_finds_nothing_to_do(tmp_path):
    url = _fresh_url(tmp_path)
    env = {**os.environ, "REFLEX_DB_URL": url}
    ensure_database(url)
    with migration_lock(url):
        waiting = subprocess.Popen([sys.executable, "-m", "dashboard", "db", "upgrade"],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        # It says it is waiting, and cannot go on while the lock is held.
        assert waiting.stdout.readline().strip() == "waiting for another instance's migrations"
        assert waiting.poll() is None
    out, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        versions = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
        assert len(versions.all()) == 1
    engine.dispose()


def test_two_upgrades_started_together_both_succeed(tmp_path):
    url = _fresh_url(tmp_path)
    env = {**os.environ, "REFLEX_DB_URL": url}
    runs = [subprocess.Popen([sys.executable, "-m", "dashboard", "db", "upgrade"], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum("database up to date" in out for out in outputs) == 2
