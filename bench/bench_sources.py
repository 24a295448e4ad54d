"""Data sources: a scheduled calendar source whose 5,000-event feed has not changed.

Both benchmarks run a whole sync (``runs.run_source``: record the run, fetch from a server on
127.0.0.1, apply, finish the run) against their own SQLite database, made once with the
models' tables and the feed's 5,000 events already imported, so nothing changes:
- ``sources_feed_unchanged_304``: the server answers 304 to the conditional request;
- ``sources_feed_unchanged_full_parse``: the server ignores the validators, so all 5,000
  events are parsed, validated and compared, and none is written.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.registry import benchmark

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


@cache
def setup():
    """(transaction, source ids) on a database holding the feed's events, and the server."""
    import sqlalchemy as sa
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
    path = Path(tempfile.mkdtemp(prefix="cymuned-bench-sources-")) / "sources.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)

    @contextmanager
    def transaction():
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    now = datetime.now(UTC)
    ids = {}
    with transaction() as session:
        for name, route in (("conditional", "/conditional.ics"), ("full", "/full.ics")):
            ids[name] = add_source(session, SYSTEM, SourceDraft(
                name=f"Bench {name}", kind="ics", schedule_minutes=60,
                secrets={"url": base + route}), now)
    for source_id in ids.values():  # the first runs import the 5,000 events
        first = run_source(transaction, source_id, lambda: datetime.now(UTC))
        assert first.status == "succeeded", first.message
    return transaction, ids


def _sync(name: str, expect: tuple[int, int]) -> None:
    from dashboard.domain.sources.runs import run_source

    transaction, ids = setup()
    outcome = run_source(transaction, ids[name], lambda: datetime.now(UTC))
    added_updated = (outcome.added, outcome.updated)
    assert outcome.status == "succeeded" and added_updated == expect, outcome.message
    assert outcome.unchanged == EVENTS


@benchmark("sources_feed_unchanged_304", target_ms=150)
def unchanged_feed_304(session, now):
    """A scheduled run of a 5,000-event feed answering 304: nothing read, nothing written."""
    _sync("conditional", (0, 0))


# Most of it is icalendar's parser and the recurrence check (about 4 s on one free core).
@benchmark("sources_feed_unchanged_full_parse", target_ms=8000)
def unchanged_feed_full_parse(session, now):
    """The same feed served in full: 5,000 events parsed, validated and compared; none
    written."""
    _sync("full", (0, 0))
