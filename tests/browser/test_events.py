"""The events page in the browser: the list and month views, keyboard moves in the month
grid, the filters in the address, the page in Welsh, and on a phone (390 px): nothing
wider than the screen, the month as a list of days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from dashboard.domain.clock import london_today, utc_now
from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def console_warnings(page) -> list[str]:
    """Console warnings from now on (the page's watcher collects the errors)."""
    found: list[str] = []
    page.on("console", lambda m: m.type == "warning" and found.append(m.text))
    return found


def wider_than_the_screen(page) -> int:
    """How far the page scrolls sideways (0: it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def phone_page(app, browser):
    """A page in a 390 px wide screen, watched like ``page`` and for warnings too."""
    from tests.browser.conftest import PageWatcher

    context = browser.new_context(viewport=PHONE, base_url=app.frontend_url)
    page = context.new_page()
    page.watcher = PageWatcher(page)
    page.warnings = console_warnings(page)
    yield page
    context.close()


@pytest.fixture
def phone(app, browser):
    yield from phone_page(app, browser)


def in_welsh(page):
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("heading", name="Digwyddiadau", level=1).wait_for()


def test_list_and_month_view_navigation(page):
    warnings = console_warnings(page)
    open_page(page, "/events")
    assert page.locator("main h1").inner_text() == "Events"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Month", exact=True).click()
    page.wait_for_url("**view=month**")
    today = london_today(utc_now())
    heading = page.locator("#month-heading")
    heading.wait_for()
    assert heading.inner_text() == today.strftime("%B %Y")
    today_cell = page.locator('td[aria-current="date"]')
    assert today_cell.count() == 1 and today_cell.get_attribute("tabindex") == "0"
    assert axe_violations(page) == []
    # Arrow keys move between days.
    today_cell.focus()
    key, step = ("ArrowLeft", -1) if today.day > 1 else ("ArrowRight", 1)
    page.keyboard.press(key)
    focused = page.evaluate("document.activeElement.getAttribute('data-day')")
    assert focused == (today + timedelta(days=step)).isoformat()
    today_cell.focus()
    key, step = ("ArrowUp", -7) if today.day > 7 else ("ArrowDown", 7)  # a row that exists
    page.keyboard.press(key)
    assert page.evaluate("document.activeElement.getAttribute('data-day')") == (
        today + timedelta(days=step)).isoformat()
    # Keyboard: focus the 'Next month' link and press Enter. The month changes in place
    # (no page load: a mark left on the window stays), and the address follows.
    page.evaluate("window.__same_page = true")
    next_link = page.get_by_test_id("next-month")
    next_link.focus()
    page.keyboard.press("Enter")
    following = (today.replace(day=28) + timedelta(days=5))
    page.wait_for_function(
        "text => document.querySelector('#month-heading')?.innerText === text",
        arg=following.strftime("%B %Y"))
    assert page.locator('td[aria-current="date"]').count() == 0
    page.wait_for_url(f"**month={following:%Y-%m}**")
    assert page.evaluate("window.__same_page") is True
    assert page.locator("#month-heading").get_attribute("aria-live") == "polite"  # announced
    # A click with Ctrl is the browser's: the next month opens in a new tab, this one stays.
    with page.context.expect_page() as opened:
        next_link.click(modifiers=["Control"])
    beyond = following.replace(day=28) + timedelta(days=5)
    opened.value.wait_for_url(f"**month={beyond:%Y-%m}**")
    opened.value.close()
    assert page.locator("#month-heading").inner_text() == following.strftime("%B %Y")
    page.get_by_test_id("previous-month").click()
    page.wait_for_function(
        "text => document.querySelector('#month-heading')?.innerText === text",
        arg=today.strftime("%B %Y"))
    assert wider_than_the_screen(page) == 0
    assert page.watcher.errors == [] and warnings == []


def test_filter_by_series_goes_in_the_address(page):
    warnings = console_warnings(page)
    open_page(page, "/events")
    page.get_by_label("Series").select_option(FIRST_SERIES_SLUG)
    page.wait_for_url(f"**series={FIRST_SERIES_SLUG}**")
    # The five webinars, all past; nothing of the meetups' series.
    expect(page.locator("#past ~ ul li")).to_have_count(5)
    expect(page.locator("#upcoming ~ ul li")).to_have_count(0)
    assert page.get_by_role("link", name="This series only (.ics)").is_visible()
    assert page.watcher.errors == [] and warnings == []


def test_welsh_month_view(page):
    warnings = console_warnings(page)
    open_page(page, "/events?view=month")
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("heading", name="Digwyddiadau", level=1).wait_for()
    assert page.get_by_role("link", name="Y mis nesaf").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Events", level=1).wait_for()
    assert page.watcher.errors == [] and warnings == []


def next_meetup_month(demo_database) -> str:
    from sqlmodel import Session, select

    from dashboard.domain.clock import to_local
    from dashboard.models import Event

    with Session(demo_database) as session:
        starts = session.exec(select(Event.starts_at).where(
            Event.uid == "community-meetups-3@cymuned.example")).one()
    return to_local(starts).strftime("%Y-%m")


@pytest.mark.parametrize("welsh", [False, True], ids=["English", "Welsh"])
def test_nothing_is_wider_than_a_phone(phone, demo_database, welsh):
    month = next_meetup_month(demo_database)
    open_page(phone, "/events")
    if welsh:
        in_welsh(phone)
    assert wider_than_the_screen(phone) == 0
    # The Welsh series names are long: the filter stays within the screen.
    box = phone.locator("#filter-series").bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    open_page(phone, f"/events?view=month&month={month}")
    phone.locator("#month-heading").wait_for()
    assert wider_than_the_screen(phone) == 0
    # The month is a list of days: no grid to scroll sideways through.
    assert not phone.get_by_role("grid").is_visible()
    days = phone.locator("ol.month-days > li")
    assert days.count() >= 1 and days.first.is_visible()
    assert days.first.get_by_role("link").first.is_visible()
    assert axe_violations(phone) == []
    assert phone.watcher.errors == [] and phone.warnings == []


def test_the_month_grid_is_there_on_a_wide_screen(page, demo_database):
    open_page(page, f"/events?view=month&month={next_meetup_month(demo_database)}")
    assert page.get_by_role("grid").is_visible()
    assert page.locator("ol.month-days > li").first.is_visible()  # and its list of days
    assert wider_than_the_screen(page) == 0
