"""One event in the browser: its page and .ics download, registering and cancelling (and
'My events'), a date of a recurring event, the views chart, and what is not yet in Welsh.
Flows that change data use their own rows."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from sqlmodel import Session, select

from dashboard.domain.auth import create_user
from dashboard.domain.clock import utc_now
from dashboard.models import Event, Member, Role
from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import PASSWORD, axe_violations, open_page, sign_in
from tests.browser.test_events import console_warnings, phone_page, wider_than_the_screen

pytestmark = pytest.mark.browser


def first_webinar_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(Event.id).where(
            Event.uid == f"{FIRST_SERIES_SLUG}-1@cymuned.example")).one()


@pytest.fixture
def phone(app, browser):
    yield from phone_page(app, browser)


def test_event_page_and_ics_download(page, demo_database):
    warnings = console_warnings(page)
    event_id = first_webinar_id(demo_database)
    open_page(page, f"/events/{event_id}")
    with Session(demo_database) as session:
        title = session.get(Event, event_id).title
    page.get_by_test_id("event-title").wait_for()
    assert page.get_by_test_id("event-title").inner_text() == title
    # The page's heading and the browser tab name the event, not "Event".
    assert page.locator("main h1").inner_text() == title
    page.wait_for_function("title => document.title === title + ' · Cymuned'", arg=title)
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
    assert page.watcher.errors == [] and warnings == []


def test_the_views_chart_spaces_readings_by_time(page, demo_database):
    from dashboard.models import RecordingViews

    event_id = first_webinar_id(demo_database)
    with Session(demo_database) as session:
        times = [r.read_at for r in session.exec(select(RecordingViews).where(
            RecordingViews.event_id == event_id).order_by(RecordingViews.read_at))]
    open_page(page, f"/events/{event_id}")
    dots = page.locator(".recharts-line-dots circle")
    dots.first.wait_for()
    xs = [float(dots.nth(n).get_attribute("cx")) for n in range(dots.count())]
    assert len(xs) == len(times) >= 3
    # Each gap on the chart is in proportion to the time between the readings.
    scale = (xs[-1] - xs[0]) / (times[-1] - times[0]).total_seconds()
    for n in range(1, len(xs)):
        expected = (times[n] - times[n - 1]).total_seconds() * scale
        assert abs((xs[n] - xs[n - 1]) - expected) < 2


def test_a_cancelled_event_offers_no_way_to_join_or_register(page, demo_database):
    with Session(demo_database) as session:
        cancelled = session.exec(select(Event).where(Event.status == "cancelled",
                                                     Event.is_demo)).first()
        assert cancelled.online_url and cancelled.registration_url
    open_page(page, f"/events/{cancelled.id}")
    page.get_by_test_id("event-title").wait_for()
    assert page.get_by_role("link", name="Join online").count() == 0
    assert page.get_by_role("link", name="Register").count() == 0
    assert page.get_by_role("button", name="Register").count() == 0
    assert page.watcher.errors == []


def test_a_visitor_has_one_way_to_register(page, demo_database):
    with Session(demo_database) as session:
        coming = session.exec(select(Event).where(
            Event.uid == "community-meetups-3@cymuned.example")).one()
    open_page(page, f"/events/{coming.id}")
    page.get_by_test_id("register-elsewhere").wait_for()
    links = page.locator("main a[href*='register']")
    assert links.count() == 1
    assert links.first.get_attribute("href") == coming.registration_url


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
    warnings = console_warnings(page)
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
    assert page.watcher.errors == [] and warnings == []


@pytest.fixture
def own_weekly_event_and_member(demo_database):
    """A weekly event with one place each week, and a member account of our own."""
    with Session(demo_database) as session:
        starts = (utc_now() + timedelta(days=310)).replace(hour=10, minute=0, second=0,
                                                           microsecond=0)
        event = Event(uid=f"browser-weekly-{starts.timestamp()}@test", title="Browser clinic",
                      title_cy="Clinig y porwr", starts_at=starts,
                      ends_at=starts + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=3",
                      timezone="Europe/London", capacity=1)
        email = f"weekly-{int(starts.timestamp())}@example.org"
        person = Member(full_name="Weekly Registrant", email=email, joined_on=date(2026, 1, 1))
        session.add_all([event, person])
        session.flush()
        create_user(session, email=email, display_name="Weekly Registrant", role=Role.MEMBER,
                    password=PASSWORD, member_id=person.id)
        session.commit()
        return event.id, email, [starts + timedelta(weeks=n) for n in range(3)]


def test_register_for_one_date_of_a_recurring_event(page, demo_database,
                                                    own_weekly_event_and_member):
    from dashboard.domain.clock import to_local
    from dashboard.models import Registration

    event_id, email, dates = own_weekly_event_and_member
    open_page(page, "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    open_page(page, f"/events/{event_id}")
    choice = page.get_by_label("Date", exact=True)
    assert choice.locator("option").count() == 3
    choice.select_option(index=1)
    second = to_local(dates[1]).strftime("%-d %B %Y")
    page.wait_for_function(
        "day => document.querySelector('[data-testid=registered-count]')?.innerText"
        ".includes(day)", arg=second)
    page.get_by_role("button", name="Register").click()
    page.get_by_test_id("my-registration").wait_for()
    assert page.get_by_test_id("registered-count").inner_text().startswith("1 registered")
    with Session(demo_database) as session:
        (registration,) = session.exec(select(Registration).where(
            Registration.event_id == event_id)).all()
        assert registration.occurs_at == dates[1]
    open_page(page, "/events/mine")
    item = page.get_by_role("listitem").filter(has_text="Browser clinic")
    assert second in item.inner_text()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_the_steering_group_sees_what_is_not_yet_translated(phone, own_event_and_member):
    event_id, _ = own_event_and_member  # "Browser meetup": no Welsh title
    open_page(phone, f"/events/{event_id}")
    phone.get_by_role("button", name="Cymraeg").click()
    # The switch is done when the server's answer has pressed the button (and written the
    # language's cookie, which the next step clears): the title reads the same in both.
    phone.get_by_role("button", name="Cymraeg", pressed=True).wait_for()
    phone.get_by_role("heading", name="Browser meetup", level=1).wait_for()
    assert phone.get_by_text("heb ei gyfieithu eto").count() == 0  # visitors see no marker
    assert phone.locator("main h1 [lang=en]").inner_text() == "Browser meetup"
    phone.context.clear_cookies()
    sign_in(phone, "steering")
    open_page(phone, f"/events/{event_id}")
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_text("heb ei gyfieithu eto").first.wait_for()
    assert wider_than_the_screen(phone) == 0
    assert axe_violations(phone) == []
    assert phone.watcher.errors == [] and phone.warnings == []
