"""The event editor in the browser: the steering group creates a weekly event, in English
and Welsh with a topic from the list, then cancels it from its page. The event is its own,
so nothing shared changes. On a phone, in Welsh, the form fits the screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Event
from tests.browser.conftest import axe_violations, open_page
from tests.browser.test_events import console_warnings, phone_page, wider_than_the_screen

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(app, browser):
    yield from phone_page(app, browser)


def test_steering_creates_a_weekly_event_and_cancels_it(page, demo_database):
    from tests.browser.conftest import sign_in

    warnings = console_warnings(page)
    sign_in(page, "steering")
    open_page(page, "/events/editor")
    assert axe_violations(page) == []
    day = london_today(utc_now()) + timedelta(days=330)
    title = f"Browser weekly clinic {day.isoformat()}"
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Title in Welsh").fill("Clinig wythnosol y porwr")
    page.get_by_label("Venue in Welsh").fill("Ar-lein")
    page.get_by_label("Topic").select_option("generative-ai")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts (UK time)").fill("10:00")
    page.get_by_label("Ends (UK time)").fill("11:00")
    page.get_by_label("Repeats").select_option("weekly")
    page.get_by_label("Occurrences").fill("4")
    page.get_by_label("Except on").fill((day + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_test_id("event-title").wait_for()
    page.mouse.move(0, 0)  # not left hovering over whatever link is now where Save was
    assert page.get_by_test_id("event-title").inner_text() == title
    with Session(demo_database) as session:
        event = session.exec(select(Event).where(Event.title == title)).one()
        assert event.rrule == "FREQ=WEEKLY;COUNT=4" and event.exdates
        assert (event.title_cy, event.location_cy, event.topic) == (
            "Clinig wythnosol y porwr", "Ar-lein", "generative-ai")
    assert page.get_by_text("Generative AI").is_visible()  # the topic by its name
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel this event").click()
    page.get_by_role("alertdialog").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel the event").click()
    page.get_by_text("The event is cancelled.").wait_for()
    with Session(demo_database) as session:
        event = session.exec(select(Event).where(Event.title == title)).one()
        assert (event.status, event.sequence) == ("cancelled", 1)
    assert page.watcher.errors == [] and warnings == []


def test_the_editor_fits_a_phone_in_welsh(phone):
    from tests.browser.conftest import sign_in

    sign_in(phone, "steering")
    open_page(phone, "/events/editor")
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_role("heading", name="Golygydd digwyddiadau", level=1).wait_for()
    assert wider_than_the_screen(phone) == 0
    for control in ("#event-series", "#event-topic", "#event-repeat"):
        box = phone.locator(control).bounding_box()
        assert box["x"] + box["width"] <= 390
    assert axe_violations(phone) == []
    assert phone.watcher.errors == [] and phone.warnings == []


def test_the_editor_answers_in_welsh_not_with_the_browsers_bubbles(phone):
    from tests.browser.conftest import sign_in

    sign_in(phone, "steering")
    open_page(phone, "/events/editor")
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_role("heading", name="Golygydd digwyddiadau", level=1).wait_for()
    editor = phone.locator("main form", has=phone.get_by_role("button", name="Cadw"))
    assert editor.get_attribute("novalidate") is not None
    phone.get_by_role("button", name="Cadw").click()  # every required field empty
    phone.get_by_text("Teitl: rhowch deitl y digwyddiad.").wait_for()
    assert phone.watcher.errors == []
