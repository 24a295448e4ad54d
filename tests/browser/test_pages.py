"""Every page opens, shows real figures, works in Welsh and passes axe-core."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session

from dashboard import routes
from dashboard.domain.clock import utc_now
from dashboard.domain.overview import overview_figures
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser

PAGES = [
    (routes.OVERVIEW, "Overview", "Trosolwg"),
    (routes.MEMBERS, "Members", "Aelodau"),
    (routes.EVENTS, "Events", "Digwyddiadau"),
    (routes.MATURITY, "Maturity", "Aeddfedrwydd"),
    (routes.ACTIONS, "Actions", "Camau gweithredu"),
    (routes.SOURCES, "Data sources", "Ffynonellau data"),
    (routes.SIGN_IN, "Sign in", "Mewngofnodi"),
]


@pytest.mark.parametrize("route,english,welsh", PAGES)
def test_page_opens_without_errors_and_passes_axe(page, route, english, welsh):
    open_page(page, route)
    assert page.locator("main h1").inner_text() == english
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_overview_figures_match_the_database(page, demo_database):
    with Session(demo_database) as session:
        figures = overview_figures(session, utc_now())
    open_page(page, routes.OVERVIEW)
    figure = lambda test_id: page.get_by_test_id(test_id).inner_text()  # noqa: E731
    assert figure("figure-members") == f"{figures.members.members:,}"
    assert figure("figure-coverage") == (
        f"{figures.coverage.represented} of {figures.coverage.total}")
    assert figure("figure-actions") == f"{figures.actions.open:,}"
    assert figure("series-attendance") == "622"
    assert figure("series-views") == "4,777"
    readiness = figures.readiness.median_level
    assert figure("figure-readiness") == (
        str(int(readiness)) if readiness.is_integer() else f"{readiness:.1f}")
    upcoming = page.locator("#next-events ~ ul li")
    assert upcoming.count() == len(figures.upcoming) == 3
    assert upcoming.first.inner_text().startswith(figures.upcoming[0].title)
    assert page.get_by_text("Demo data.").is_visible()


def test_switch_to_welsh_persists_and_back(page):
    open_page(page, routes.OVERVIEW)
    page.get_by_role("button", name="Cymraeg").click()
    expect_heading(page, "Trosolwg")
    nav = page.get_by_role("navigation", name="Prif")
    assert nav.get_by_role("link", name="Aelodau").is_visible()
    assert page.locator("[lang=cy]").count() > 0
    assert axe_violations(page) == []
    # The choice is remembered across pages and reloads.
    open_page(page, routes.EVENTS)
    expect_heading(page, "Digwyddiadau")
    page.reload(wait_until="networkidle")
    expect_heading(page, "Digwyddiadau")
    page.get_by_role("button", name="English").click()
    expect_heading(page, "Events")
    assert page.watcher.errors == []


def expect_heading(page, text: str):
    page.wait_for_function(
        "t => document.querySelector('main h1')?.innerText === t", arg=text, timeout=10_000)


def test_keyboard_skip_link_reaches_main_content(page):
    open_page(page, routes.OVERVIEW)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.innerText")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_steering_group_changes_an_action_status(page):
    sign_in(page, "steering")
    open_page(page, routes.ACTIONS)
    first_row = page.locator("tbody tr").first
    title = first_row.locator("th").inner_text()
    combobox = first_row.get_by_role("combobox")
    # A status other than the one it has (the demo data decides which that is).
    new_status = "Open" if combobox.inner_text() == "In progress" else "In progress"
    combobox.click()
    page.get_by_role("option", name=new_status).click()
    page.get_by_text("Action updated.").wait_for()
    assert axe_violations(page) == []
    row = page.locator("tbody tr", has=page.locator("th", has_text=re.compile(re.escape(title))))
    assert row.get_by_role("combobox").inner_text() == new_status


def test_member_sees_no_status_controls(page):
    sign_in(page, "member")
    open_page(page, routes.ACTIONS)
    assert page.locator("tbody tr").count() > 0
    assert page.get_by_role("combobox").count() == 0
    open_page(page, routes.MEMBERS)
    assert page.locator("#members-list ~ div tbody tr").count() > 0


def test_wrong_password_shows_a_clear_message(page):
    open_page(page, routes.SIGN_IN)
    page.get_by_label("Email address").fill("member@cymuned.example")
    page.get_by_label("Password").fill("wrong password entirely")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").get_by_text("The email address or password is not right.").wait_for()
    assert axe_violations(page) == []


def test_state_manager_follows_the_environment(app):
    import os

    manager = type(app.app_instance._state_manager).__name__
    expected = "StateManagerRedis" if os.environ.get("REFLEX_REDIS_URL") else "StateManagerDisk"
    assert manager == expected


def test_backend_health_endpoint(app):
    import httpx
    from reflex.config import get_config

    response = httpx.get(f"{get_config().api_url}/healthz", timeout=10)
    assert response.status_code == 200 and response.json() == {"status": "ok"}
