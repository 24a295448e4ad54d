"""Live data in the browser: a change at a source (a local server on 127.0.0.1) shows on an
open page within 10 seconds, without a reload, whoever runs the sync."""

from __future__ import annotations

import os
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
from tests.local_source import Answer, LocalSource, add_calendar_source

pytestmark = pytest.mark.browser
PATH = "/owa/calendar/secret-9f2e/reachcalendar.ics"


def calendar(title: str, uid: str = "live-7f3a@test", minutes: int = 50) -> bytes:
    """A feed of one event starting in ``minutes`` (the Overview lists the next three)."""
    start = (utc_now() + timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M00Z")
    end = (utc_now() + timedelta(minutes=minutes + 60)).strftime("%Y%m%dT%H%M00Z")
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


# --- an idle tab: its state expires after an hour (Reflex's default), or Redis restarts ---

def _forget(app, token: str) -> None:
    """What an hour without events does to a tab's state (or a Redis restart to any state):
    the state manager no longer has it."""
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex.istate.manager.token import BaseStateToken
    from reflex.state import State

    manager = app.app_instance._state_manager
    if isinstance(manager, StateManagerRedis):
        import redis

        client = redis.Redis.from_url(os.environ["REFLEX_REDIS_URL"])
        keys = list(client.scan_iter(f"{token}_*"))
        assert keys, f"no state in Redis for {token}"
        client.delete(*keys)
        client.close()
    else:
        assert token in manager.states, f"no state in memory for {token}"
        manager._purge_token(BaseStateToken(ident=token, cls=State))


def _tab_token(page) -> str:
    return page.evaluate("window.sessionStorage.getItem('token')")


def test_a_tab_whose_state_expired_still_updates(page, app, demo_database, source_server):
    open_page(page, "/")
    expect(page.locator(".as-of").first).to_be_visible()
    page.evaluate("window.__notReloaded = true")
    _forget(app, _tab_token(page))
    # The shared state still lists the tab: the push reaches it unlinked, and it links again.
    url = source_server.serve("/idle/expired.ics", Answer(calendar(
        "Idle webinar e4c1", uid="idle-e4c1@test", minutes=10)))
    add_calendar_source(demo_database, "Idle tab calendar", url)
    expect(page.get_by_text("Idle webinar e4c1")).to_be_visible(timeout=10_000)
    assert page.evaluate("window.__notReloaded") is True
    assert page.watcher.errors == []


def test_a_tab_links_again_when_every_link_was_lost(page, app, demo_database, source_server):
    from state.live import CHECK_SECONDS, LIVE_TOKEN

    open_page(page, "/")
    expect(page.locator(".as-of").first).to_be_visible()
    page.evaluate("window.__notReloaded = true")
    # As when Redis restarts empty: the tab's state and the shared state (with its list of
    # linked tabs) are gone, so a push alone reaches nobody.
    _forget(app, _tab_token(page))
    _forget(app, LIVE_TOKEN)
    url = source_server.serve("/idle/lost.ics", Answer(calendar(
        "Relinked webinar 5d2b", uid="idle-5d2b@test", minutes=11)))
    add_calendar_source(demo_database, "Lost link calendar", url)
    # The page's next check-in links it again and catches up on what it missed.
    expect(page.get_by_text("Relinked webinar 5d2b")).to_be_visible(
        timeout=(2 * CHECK_SECONDS + 10) * 1000)
    assert page.evaluate("window.__notReloaded") is True
    expect(page.locator(".as-of").first).to_be_visible()
    assert page.watcher.errors == []
