"""The event editor in the browser: the steering group creates a weekly event, then
cancels it from its page. The event is its own, so nothing shared changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Event
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_steering_creates_a_weekly_event_and_cancels_it(page, demo_database):
    from tests.browser.conftest import sign_in

    sign_in(page, "steering")
    open_page(page, "/events/editor")
    assert axe_violations(page) == []
    day = london_today(utc_now()) + timedelta(days=330)
    title = f"Browser weekly clinic {day.isoformat()}"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts (UK time)").fill("10:00")
    page.get_by_label("Ends (UK time)").fill("11:00")
    page.get_by_label("Repeats").select_option("weekly")
    page.get_by_label("Occurrences").fill("4")
    page.get_by_label("Except on").fill((day + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_test_id("event-title").wait_for()
    assert page.get_by_test_id("event-title").inner_text() == title
    with Session(demo_database) as session:
        event = session.exec(select(Event).where(Event.title == title)).one()
        assert event.rrule == "FREQ=WEEKLY;COUNT=4" and event.exdates
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel this event").click()
    page.get_by_role("alertdialog").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel the event").click()
    page.get_by_text("The event is cancelled.").wait_for()
    with Session(demo_database) as session:
        event = session.exec(select(Event).where(Event.title == title)).one()
        assert (event.status, event.sequence) == ("cancelled", 1)
    assert page.watcher.errors == []
