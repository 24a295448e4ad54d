"""The events page in the browser: the list and month views, keyboard moves in the month
grid, the filters in the address, and the page in Welsh."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from dashboard.domain.clock import london_today, utc_now
from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_list_and_month_view_navigation(page):
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
    # Keyboard: focus the 'Next month' link and press Enter.
    next_link = page.get_by_test_id("next-month")
    next_link.focus()
    page.keyboard.press("Enter")
    following = (today.replace(day=28) + timedelta(days=5))
    page.wait_for_function(
        "text => document.querySelector('#month-heading')?.innerText === text",
        arg=following.strftime("%B %Y"))
    assert page.locator('td[aria-current="date"]').count() == 0
    page.get_by_test_id("previous-month").click()
    page.wait_for_function(
        "text => document.querySelector('#month-heading')?.innerText === text",
        arg=today.strftime("%B %Y"))
    assert page.watcher.errors == []


def test_filter_by_series_goes_in_the_address(page):
    open_page(page, "/events")
    page.get_by_label("Series").select_option(FIRST_SERIES_SLUG)
    page.wait_for_url(f"**series={FIRST_SERIES_SLUG}**")
    # The five webinars, all past; nothing of the meetups' series.
    expect(page.locator("#past ~ ul li")).to_have_count(5)
    expect(page.locator("#upcoming ~ ul li")).to_have_count(0)
    assert page.get_by_role("link", name="This series only (.ics)").is_visible()
    assert page.watcher.errors == []


def test_welsh_month_view(page):
    open_page(page, "/events?view=month")
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("heading", name="Digwyddiadau", level=1).wait_for()
    assert page.get_by_role("link", name="Y mis nesaf").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Events", level=1).wait_for()
