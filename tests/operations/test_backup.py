"""`cymuned backup` and `cymuned restore`: a round trip that compares every table.

Runs against the suite's database (SQLite, or PostgreSQL when REFLEX_DB_URL says so). The
restore goes into a second, scratch database, so the suite's own data is never replaced.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from dashboard.cli import main
from dashboard.operations.backup import (
    BackupFailed,
    Manifest,
    backup,
    manifest_path,
    restore,
    table_sums,
)
from tests import factories
from tests.conftest import TEST_DB_URL, ensure_postgres_database


@pytest.fixture
def scratch_url(tmp_path):
    url = sa.engine.make_url(TEST_DB_URL)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed (Debian: postgresql-client)")
    scratch = url.set(database=f"{url.database}_restore")
    ensure_postgres_database(scratch)
    return scratch.render_as_string(hide_password=False)


@pytest.fixture
def community(reference, db):
    """A little of everything: reference data, members, an event with odd text."""
    with Session(db) as session:
        body = factories.organisation(session)
        for n in range(3):
            factories.member(session, body, date(2025, 3, n + 1), name=f"Siân Ŵyn {n}")
        factories.event(session, factories.utc(2025, 5, 1, 13),
                        title="Gweminar: ‘AI’ a’r sector — «rhan 1»")
        session.commit()
    return db


def _sums(url: str) -> dict:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        sums = table_sums(connection)
    engine.dispose()
    return sums


def test_a_backup_restores_every_table_exactly(community, scratch_url, tmp_path):
    # Compared with the manifest, not with the live database: the suite's own app runs a
    # scheduler in the background, whose lease row changes every few seconds.
    manifest = backup(TEST_DB_URL, tmp_path / "copy")
    assert manifest.tables["member"].rows == 3 and manifest.tables["organisation"].rows > 0
    assert manifest.tables["alembic_version"].rows == 1
    assert manifest.tables["member"] == _sums(TEST_DB_URL)["member"]

    restored = restore(scratch_url, tmp_path / "copy")
    assert restored.tables == manifest.tables == _sums(scratch_url)


def test_a_restore_that_does_not_match_its_manifest_fails(community, scratch_url, tmp_path):
    backup(TEST_DB_URL, tmp_path / "copy")
    manifest = Manifest.from_json(manifest_path(tmp_path / "copy").read_text())
    tampered = dict(manifest.tables)
    tampered["member"] = type(manifest.tables["member"])(rows=4, sha256="0" * 64)
    manifest_path(tmp_path / "copy").write_text(
        Manifest(manifest.created_at, manifest.backend, tampered).to_json())
    with pytest.raises(BackupFailed, match="member"):
        restore(scratch_url, tmp_path / "copy")


def test_the_checksum_sees_a_changed_value(community):
    before = _sums(TEST_DB_URL)
    with community.begin() as connection:
        connection.execute(sa.text("UPDATE member SET job_title = 'changed'"))
    after = _sums(TEST_DB_URL)
    assert after["member"].rows == before["member"].rows
    assert after["member"].sha256 != before["member"].sha256
    assert after["organisation"] == before["organisation"]


def test_the_commands_round_trip(community, scratch_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REFLEX_DB_URL", TEST_DB_URL)
    assert main(["backup", "--output", str(tmp_path / "b")]) == 0
    assert "backup written" in capsys.readouterr().out
    monkeypatch.setenv("REFLEX_DB_URL", scratch_url)
    assert main(["restore", str(tmp_path / "b")]) == 2  # refuses without --yes
    assert main(["restore", str(tmp_path / "b"), "--yes"]) == 0
    assert "match the backup" in capsys.readouterr().out
    manifest = Manifest.from_json(manifest_path(tmp_path / "b").read_text())
    assert _sums(scratch_url) == manifest.tables
    assert manifest.tables["member"] == _sums(TEST_DB_URL)["member"]
