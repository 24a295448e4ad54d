"""Data sources synced from a server on 127.0.0.1 that the test starts: counts, conditional
requests, failures that change nothing, secrets sealed and masked, and the stale save."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from dashboard.domain.auth import SYSTEM, VISITOR, Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.sources.data_sources import (
    SourceDraft,
    add_source,
    delete_source,
    edit_source,
    list_sources,
    set_paused,
)
from dashboard.domain.sources.freshness import live_facts
from dashboard.domain.sources.runs import run_source
from dashboard.models import DataSource, Event, Role, SyncRun
from tests import factories as f
from tests.local_source import Answer, LocalSource

NOW = f.utc(2026, 12, 2, 9, 0)
STEERING = Actor(user_id=None, role=Role.STEERING, label="steering")
SECRET_PATH = "/owa/calendar/4f1c9e0b7a/secret-token-9d8c7b/reachcalendar.ics"


def calendar(*events: tuple[str, str, str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for uid, title, day in events:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{title}", f"DTSTAMP:{day}T080000Z",
                  f"DTSTART:{day}T100000Z", f"DTEND:{day}T110000Z", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


TWO = calendar(("a@test", "Webinar A", "20261210"), ("b@test", "Webinar B", "20261217"))


@pytest.fixture
def db(own_db):
    """Not the suite's database: these tests run on a fixed clock, in the past of the suite
    app's runner, which would run their sources too (see own_engine in tests/conftest.py)."""
    return own_db


@pytest.fixture
def server():
    local = LocalSource().start()
    yield local
    local.stop()


@pytest.fixture
def transaction(db):
    @contextmanager
    def begin():
        with Session(db, expire_on_commit=False) as session, session.begin():
            yield session
    return begin


def clock():
    return NOW


def make_calendar_source(session: Session, url: str) -> int:
    source_id = add_source(session, STEERING, SourceDraft(
        name="Community calendar", name_cy="Calendr y gymuned", kind="ics",
        schedule_minutes=30, secrets={"url": url}), NOW)
    session.commit()
    return source_id


def runs(session: Session) -> list[SyncRun]:
    session.expire_all()
    return list(session.exec(select(SyncRun).order_by(SyncRun.id)).all())


def test_a_calendar_source_syncs_then_a_304_touches_nothing(session, server, transaction):
    url = server.serve(SECRET_PATH, Answer(TWO, etag='"v1"',
                                           headers={"Content-Type": "text/calendar"}))
    source_id = make_calendar_source(session, url)
    first = run_source(transaction, source_id, clock)
    assert (first.status, first.added, first.updated, first.unchanged) == ("succeeded", 2, 0, 0)
    assert first.changed
    before = {e.uid: e.updated_at for e in session.exec(select(Event)).all()}
    second = run_source(transaction, source_id, clock)
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert (second.status, second.added, second.updated, second.unchanged) == \
        ("succeeded", 0, 0, 2)
    assert not second.changed
    session.expire_all()
    assert {e.uid: e.updated_at for e in session.exec(select(Event)).all()} == before
    first_run, second_run = runs(session)
    assert first_run.message == "2 added, 0 updated, 0 unchanged, 0 rejected."
    assert first_run.message_cy == "2 wedi'u hychwanegu, 0 wedi'u diweddaru, 0 heb newid, " \
                                   "0 wedi'u gwrthod."
    assert second_run.message.startswith("The calendar has not changed")
    assert first_run.finished_at is not None and first_run.fence is None


def test_a_broken_event_fails_the_run_and_keeps_the_last_good_data(session, server,
                                                                    transaction):
    url = server.serve(SECRET_PATH, Answer(TWO))
    source_id = make_calendar_source(session, url)
    run_source(transaction, source_id, clock)
    broken = calendar(("a@test", "Webinar A renamed", "20261210")).replace(
        b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:c@test\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
                          b"END:VCALENDAR")
    server.serve(SECRET_PATH, Answer(broken))
    failed = run_source(transaction, source_id, clock)
    assert failed.status == "failed" and "has no start time" in failed.message
    session.expire_all()
    assert sorted(e.title for e in session.exec(select(Event)).all()) == \
        ["Webinar A", "Webinar B"]
    assert session.get(DataSource, source_id).failures == 1
    assert runs(session)[-1].message_cy  # Welsh too


@pytest.mark.parametrize("answer, words", [
    (Answer(b"oops", 500), "answered with HTTP 500"),
    (Answer(b"<html><body>Sign in</body></html>", headers={"Content-Type": "text/html"}),
     "answered with a web page where a file was expected"),
    (Answer(b"\x00\x01garbage"), "not a valid iCalendar file"),
    (Answer(huge=100 * 1024 * 1024), "sent more than 20 MB"),
])
def test_bad_answers_are_failed_runs_with_a_clear_message_and_no_secret(
        session, server, transaction, answer, words):
    url = server.serve(SECRET_PATH, answer)
    source_id = make_calendar_source(session, url)
    outcome = run_source(transaction, source_id, clock)
    assert outcome.status == "failed" and words in outcome.message
    run = runs(session)[-1]
    for text in (run.message, run.message_cy):
        assert "secret-token" not in text and "4f1c9e0b7a" not in text
    assert session.exec(select(Event)).all() == []


def test_secrets_are_encrypted_at_rest_and_never_listed(session, server):
    url = server.serve(SECRET_PATH, Answer(TWO))
    make_calendar_source(session, url)
    stored = session.execute(sa.text("SELECT secret, url FROM datasource")).one()
    assert "secret-token" not in stored[0] and stored[1] is None
    for actor in (STEERING, VISITOR):
        (row,) = list_sources(session, actor, NOW)
        assert "secret-token" not in repr(row)
    (steering_row,) = list_sources(session, STEERING, NOW)
    assert steering_row.address == f"{server.base}/…"
    (visitor_row,) = list_sources(session, VISITOR, NOW)
    assert visitor_row.address == "" and visitor_row.last_message is None
    assert (visitor_row.name, visitor_row.health) == ("Community calendar", "new")


def test_only_the_steering_group_manages_sources_and_a_stale_save_is_refused(session):
    draft = SourceDraft(name="Feed", kind="ics", secrets={"url": "https://example.org/a.ics"})
    with pytest.raises(PermissionDenied):
        add_source(session, Actor(user_id=None, role=Role.MEMBER, label="m"), draft, NOW)
    with pytest.raises(InvalidInput) as refused:
        add_source(session, STEERING, SourceDraft(name="Local", kind="ics",
                                                  secrets={"url": "file:///etc/passwd"}), NOW)
    assert "http:// or https://" in str(refused.value)
    source_id = add_source(session, STEERING, draft, NOW)
    edit_source(session, STEERING, source_id, SourceDraft(name="Feed 2", kind="ics"), 1, NOW)
    with pytest.raises(InvalidInput) as stale:
        edit_source(session, STEERING, source_id, SourceDraft(name="Feed 3", kind="ics"), 1,
                    NOW)
    assert "Someone changed this source" in str(stale.value)
    source = session.get(DataSource, source_id)
    assert source.name == "Feed 2" and source.version == 2
    set_paused(session, STEERING, source_id, True, NOW)
    assert list_sources(session, STEERING, NOW)[0].health == "paused"
    delete_source(session, STEERING, source_id)
    assert session.exec(select(DataSource)).all() == []


def test_freshness_per_area_and_the_data_version(session, server, transaction):
    url = server.serve(SECRET_PATH, Answer(TWO, etag='"v1"'))
    source_id = make_calendar_source(session, url)
    assert live_facts(session, NOW).version == 0
    assert live_facts(session, NOW).areas["events"].as_of is None
    first = run_source(transaction, source_id, clock)
    session.expire_all()
    facts = live_facts(session, NOW)
    assert facts.version == first.run_id and facts.areas["events"].as_of == NOW
    assert not facts.areas["events"].stale
    run_source(transaction, source_id, clock)  # 304: nothing changed, same version
    session.expire_all()
    assert live_facts(session, NOW).version == first.run_id
    later = NOW + timedelta(hours=3)
    assert live_facts(session, later).areas["events"].stale
    assert live_facts(session, later).areas["membership"].as_of is None
    assert SYSTEM.role == Role.ADMIN
