"""One event in the browser: its page and .ics download, registering and cancelling (and
'My events'). Flows that change data use
their own rows."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user
from dashboard.domain.clock import utc_now
from dashboard.models import Event, Member, Role
from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import PASSWORD, axe_violations, open_page

pytestmark = pytest.mark.browser


def first_webinar_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(Event.id).where(
            Event.uid == f"{FIRST_SERIES_SLUG}-1@cymuned.example")).one()


def test_event_page_and_ics_download(page, demo_database):
    event_id = first_webinar_id(demo_database)
    open_page(page, f"/events/{event_id}")
    with Session(demo_database) as session:
        title = session.get(Event, event_id).title
    page.get_by_test_id("event-title").wait_for()
    assert page.get_by_test_id("event-title").inner_text() == title
    assert page.get_by_role("heading", name="Recording views over time").is_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_test_id("download-ics").click()
    download = download_info.value
    assert download.suggested_filename == f"event-{event_id}.ics"
    cal = icalendar.Calendar.from_ical(open(download.path(), "rb").read())
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["UID"]) == f"{FIRST_SERIES_SLUG}-1@cymuned.example"
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert page.watcher.errors == []


@pytest.fixture
def own_event_and_member(demo_database):
    """A future event with one place and a member account of our own (nothing shared)."""
    with Session(demo_database) as session:
        starts = utc_now() + timedelta(days=300)  # far ahead: not in others' 'next events'
        event = Event(uid=f"browser-register-{starts.timestamp()}@test", title="Browser meetup",
                      starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=1)
        email = f"registrant-{int(starts.timestamp())}@example.org"
        person = Member(full_name="Browser Registrant", email=email, joined_on=date(2026, 1, 1))
        session.add_all([event, person])
        session.flush()
        create_user(session, email=email, display_name="Browser Registrant", role=Role.MEMBER,
                    password=PASSWORD, member_id=person.id)
        session.commit()
        return event.id, email


def test_register_and_cancel(page, own_event_and_member):
    event_id, email = own_event_and_member
    open_page(page, "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    open_page(page, f"/events/{event_id}")
    page.get_by_role("button", name="Register").click()
    page.get_by_test_id("my-registration").wait_for()
    assert page.get_by_test_id("my-registration").inner_text() == "You are registered."
    assert page.get_by_test_id("registered-count").inner_text().startswith("1 registered")
    open_page(page, "/events/mine")
    assert page.get_by_role("link", name="Browser meetup").is_visible()
    assert axe_violations(page) == []
    open_page(page, f"/events/{event_id}")
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_role("button", name="Register").wait_for()
    assert page.get_by_test_id("registered-count").inner_text().startswith("0 registered")
    assert page.watcher.errors == []
