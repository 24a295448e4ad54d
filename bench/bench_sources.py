"""Data sources: a scheduled calendar source whose 5,000-event feed has not changed.

Both benchmarks run a whole sync (``runs.run_source``: record the run, fetch from a server on
127.0.0.1, apply, finish the run) against a database of their own, made once a run with the
models' tables and the feed's 5,000 events already imported, so nothing changes: a SQLite
file, or on PostgreSQL the database ``<the dataset's database>_sources`` on the same server.
- ``sources_feed_unchanged_304``: the server answers 304 to the conditional request;
- ``sources_feed_unchanged_full_parse``: the server ignores the validators, so all 5,000
  events are parsed, validated and compared, and none is written.
Their floors: the same request made with httpx directly, then (after a 304) the count of
the source's events, or (in full) icalendar's parse of the feed compared with one select of
the stored events; and the run recorded with one INSERT and the source's health with one
UPDATE.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlalchemy as sa

from bench.registry import benchmark, floor
from bench.sql import execute, rows, same, scalar

EVENTS = 5000
ETAG = '"feed-v1"'


def feed() -> bytes:
    start = datetime(2027, 1, 4, 10, tzinfo=UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cymuned bench//EN"]
    for n in range(EVENTS):
        begins = start + timedelta(hours=n)
        lines += ["BEGIN:VEVENT", f"UID:bench-{n}@cymuned.example",
                  f"SUMMARY:Community webinar {n}",
                  f"DESCRIPTION:Session {n} of the community's programme.",
                  "DTSTAMP:20261201T090000Z",
                  f"DTSTART:{begins:%Y%m%dT%H%M%SZ}",
                  f"DTEND:{begins + timedelta(minutes=90):%Y%m%dT%H%M%SZ}",
                  "LOCATION:Online", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


class _Feed(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802
        honour = self.path.startswith("/conditional")
        if honour and self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def _database(dataset_url: sa.engine.URL) -> sa.engine.Engine:
    """An empty database of the sources benchmarks' own, beside the dataset's."""
    if dataset_url.get_backend_name() != "postgresql":
        folder = tempfile.mkdtemp(prefix="cymuned-bench-sources-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        return sa.create_engine(f"sqlite:///{Path(folder) / 'sources.db'}")
    name = f"{dataset_url.database}_sources"
    admin = sa.create_engine(dataset_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return sa.create_engine(dataset_url.set(database=name))


@cache
def setup(dataset_url: sa.engine.URL):
    """(transaction, engine, source ids, feed URLs) on a database holding the feed's events,
    and the server."""
    from sqlmodel import Session, SQLModel

    import dashboard.models  # noqa: F401  (the tables)
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.sources.data_sources import SourceDraft, add_source
    from dashboard.domain.sources.runs import run_source

    os.environ["CYMUNED_ALLOW_PRIVATE_URLS"] = "1"  # the feed is served from 127.0.0.1
    os.environ.setdefault("CYMUNED_SECRET_KEY", "bench-secret-key-for-cymuned-0123456789ab")
    _Feed.body = feed()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    engine = _database(dataset_url)
    SQLModel.metadata.create_all(engine)

    @contextmanager
    def transaction():
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    now = datetime.now(UTC)
    ids, urls = {}, {}
    with transaction() as session:
        for name, route in (("conditional", "/conditional.ics"), ("full", "/full.ics")):
            urls[name] = base + route
            ids[name] = add_source(session, SYSTEM, SourceDraft(
                name=f"Bench {name}", kind="ics", schedule_minutes=60,
                secrets={"url": urls[name]}), now)
    for source_id in ids.values():  # the first runs import the 5,000 events
        first = run_source(transaction, source_id, lambda: datetime.now(UTC))
        assert first.status == "succeeded", first.message
    return transaction, engine, ids, urls


def _sync(session, name: str):
    from dashboard.domain.sources.runs import run_source

    transaction, _, ids, _ = setup(session.get_bind().url)
    outcome = run_source(transaction, ids[name], lambda: datetime.now(UTC))
    assert outcome.status == "succeeded", outcome.message
    return outcome


@benchmark("sources_feed_unchanged_304", target_ms=150)
def unchanged_feed_304(session, now):
    """A scheduled run of a 5,000-event feed answering 304: nothing read, nothing written."""
    return _sync(session, "conditional")


# Most of it is icalendar's parser (the floor parses too; about 2 s on one free core).
@benchmark("sources_feed_unchanged_full_parse", target_ms=8000)
def unchanged_feed_full_parse(session, now):
    """The same feed served in full: 5,000 events parsed, validated and compared; none
    written."""
    return _sync(session, "full")


# --- floors ---------------------------------------------------------------------------------


@cache
def _client():
    """One httpx client for the floors' requests, made once as an engine is: a request's
    own cost, without reading the certificate store or connecting each time."""
    import httpx

    return httpx.Client()


def same_unchanged(outcome, floor_unchanged) -> None:
    same("events (added, updated, unchanged)", (outcome.added, outcome.updated, outcome.unchanged),
         (0, 0, floor_unchanged))
    same("events unchanged", outcome.unchanged, EVENTS)


def _record_run(conn, source_id: int, started: datetime, unchanged: int) -> None:
    """The finished run and the source's health: one INSERT, one UPDATE."""
    finished = datetime.now(UTC)
    execute(conn, """INSERT INTO syncrun (source_id, started_at, finished_at, status, added,
        updated, unchanged, rejected, message) VALUES (:source, :started, :finished,
        'succeeded', 0, 0, :unchanged, 0, 'unchanged')""", source=source_id,
            started=started, finished=finished, unchanged=unchanged)
    execute(conn, "UPDATE datasource SET failures = 0, last_success_at = :finished "
                  "WHERE id = :source", finished=finished, source=source_id)


@floor("sources_feed_unchanged_304", compare=same_unchanged)
def unchanged_feed_304_floor(conn, now):
    """httpx's conditional GET with the stored ETag (a 304), the count of the source's
    events, and the run recorded."""
    _, engine, ids, urls = setup(conn.engine.url)
    started = datetime.now(UTC)
    with engine.begin() as sources:
        etag = scalar(sources, "SELECT etag FROM datasource WHERE id = :id",
                      id=ids["conditional"])
    response = _client().get(urls["conditional"], headers={"If-None-Match": etag})
    assert response.status_code == 304, response.status_code
    with engine.begin() as sources:
        unchanged = scalar(sources, "SELECT count(*) FROM event WHERE source_id = :id",
                           id=ids["conditional"])
        _record_run(sources, ids["conditional"], started, unchanged)
    return unchanged


def _utc(value) -> datetime:
    """A stored time (naive UTC; text on SQLite through ``text()``) as an aware one."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@floor("sources_feed_unchanged_full_parse", compare=same_unchanged)
def unchanged_feed_full_parse_floor(conn, now):
    """httpx's GET of the whole feed, icalendar's parse of its 5,000 events, one select of
    the stored events to compare them with (title, description, times, location), and the
    run recorded. No validation, no recurrence check, no time zone names."""
    import icalendar

    _, engine, ids, urls = setup(conn.engine.url)
    started = datetime.now(UTC)
    body = _client().get(urls["full"]).content
    parsed = {str(e["UID"]): (str(e["SUMMARY"]), str(e["DESCRIPTION"]),
                              e.decoded("DTSTART"), e.decoded("DTEND"), str(e["LOCATION"]))
              for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    with engine.begin() as sources:  # matched by UID, as the import matches them
        stored = rows(sources, """SELECT uid, title, description, starts_at, ends_at, location
            FROM event WHERE uid IN :uids""", uids=list(parsed))
        unchanged = sum(parsed.get(uid) == (title, description, _utc(starts), _utc(ends), place)
                        for uid, title, description, starts, ends, place in stored)
        _record_run(sources, ids["full"], started, unchanged)
    return unchanged
