"""Live data in the browser: a change at a source (a local server on 127.0.0.1) shows on an
open page within 10 seconds, without a reload, whoever runs the sync."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from dashboard.domain.auth import SYSTEM
from dashboard.domain.clock import utc_now
from dashboard.domain.sources.data_sources import SourceDraft, add_source
from dashboard.domain.sources.runs import run_source
from dashboard.models import SyncRun
from tests.browser.conftest import axe_violations, open_page
from tests.local_source import Answer, LocalSource

pytestmark = pytest.mark.browser
PATH = "/owa/calendar/secret-9f2e/reachcalendar.ics"


def calendar(title: str, uid: str = "live-7f3a@test") -> bytes:
    start = (utc_now() + timedelta(minutes=50)).strftime("%Y%m%dT%H%M00Z")
    end = (utc_now() + timedelta(minutes=110)).strftime("%Y%m%dT%H%M00Z")
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
        f"UID:{uid}", f"SUMMARY:{title}", f"DTSTAMP:{start}", f"DTSTART:{start}",
        f"DTEND:{end}", "END:VEVENT", "END:VCALENDAR"]).encode()


@pytest.fixture
def source_server():
    server = LocalSource().start()
    yield server
    server.stop()


def test_a_change_at_the_source_shows_on_an_open_page_without_reload(page, demo_database,
                                                                     source_server):
    url = source_server.serve(PATH, Answer(calendar("Live webinar 7f3a")))
    open_page(page, "/")
    expect(page.locator(".as-of").first).to_be_visible()
    page.evaluate("window.__notReloaded = true")
    # The app's own runner picks the new source up (it is due at once) and the page follows.
    with Session(demo_database) as session:
        source_id = add_source(session, SYSTEM, SourceDraft(
            name="Live test calendar", kind="ics", schedule_minutes=60,
            secrets={"url": url}), utc_now())
        session.commit()
    expect(page.get_by_text("Live webinar 7f3a")).to_be_visible(timeout=10_000)
    # A change at the source, synced by hand ("sync now", or `cymuned sources sync`).
    source_server.serve(PATH, Answer(calendar("Live webinar renamed")))

    @contextmanager
    def transaction():
        with Session(demo_database, expire_on_commit=False) as s, s.begin():
            yield s

    assert run_source(transaction, source_id, utc_now).changed
    expect(page.get_by_text("Live webinar renamed")).to_be_visible(timeout=10_000)
    assert page.evaluate("window.__notReloaded") is True
    with Session(demo_database) as session:
        runs = session.exec(select(SyncRun).where(SyncRun.source_id == source_id)).all()
    assert [r.status for r in runs] == ["succeeded", "succeeded"]  # the due run ran once
    assert axe_violations(page) == []
    assert page.watcher.errors == []
