"""`cymuned sources ...` and the scheduler loop, against a server on 127.0.0.1."""

from __future__ import annotations

import asyncio

from sqlmodel import Session, select

from dashboard import scheduler
from dashboard.cli import main
from dashboard.models import Event, SyncRun
from tests.domain.test_sources import SECRET_PATH, TWO, server  # noqa: F401  (fixture)
from tests.local_source import Answer
from tests.state.helpers import run_async


def test_add_sync_and_list_from_the_command_line(db, server, capsys, monkeypatch):  # noqa: F811
    url = server.serve(SECRET_PATH, Answer(TWO))
    monkeypatch.setenv("CYMUNED_SOURCE_URL", url)  # kept out of the shell's history
    assert main(["sources", "add", "Community calendar", "--kind", "ics", "--every", "0"]) == 0
    assert main(["sources", "sync", "community calendar"]) == 0
    assert "succeeded: 2 added" in capsys.readouterr().out
    assert main(["sources", "list"]) == 0
    listed = capsys.readouterr().out
    assert "Community calendar  [ics, by hand, ok]" in listed
    assert "secret-token" not in listed and f"{server.base}/…" in listed
    assert main(["sources", "sync", "No such source"]) == 1
    with Session(db) as session:
        assert len(session.exec(select(Event)).all()) == 2
        assert len(session.exec(select(SyncRun)).all()) == 1


def test_import_events_url_refuses_local_files(db, tmp_path, capsys):
    secret = tmp_path / "calendar.ics"
    secret.write_bytes(TWO)
    assert main(["import", "events", f"file://{secret}"]) == 1
    assert "http:// or https://" in capsys.readouterr().err


def test_the_scheduler_loop_survives_errors():
    # Its own tick, passed in: the suite's app runs a scheduler loop in this process too,
    # and would call a patched module-level one_tick (and set this test's stop) itself.
    calls, stop = [], asyncio.Event()

    def failing_then_stopping(holder, fence):
        calls.append(holder)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        stop.set()
        return scheduler.Tick(leader=False)

    run_async(asyncio.wait_for(scheduler.run_scheduler(
        stop, tick_once=failing_then_stopping, every=0), timeout=10))
    assert len(calls) == 2 and calls[0] == calls[1]  # the same runner, on after the error


def test_import_events_url_keeps_the_address_encrypted_and_syncable(db, server,  # noqa: F811
                                                                     capsys):
    import sqlalchemy as sa

    url = server.serve(SECRET_PATH, Answer(TWO))
    assert main(["import", "events", url]) == 0
    with Session(db) as session:
        name, stored_url, secret = session.execute(
            sa.text("SELECT name, url, secret FROM datasource")).one()
    assert name == f"Calendar: {server.base}/…" and stored_url is None
    assert "secret-token" not in secret
    assert main(["sources", "sync", name]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
