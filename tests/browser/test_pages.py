"""Every page opens, shows real figures, works in Welsh and passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.overview import overview_figures
from dashboard.models import DataSource, SteeringAction
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
    from state.live import forget_cached_figures

    # Figures are cached per data version for up to 30 s, and earlier tests changed the
    # database directly (not through the app, which forgets its cache on a change).
    forget_cached_figures()
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
    assert figure("figure-readiness") == f"{round(readiness, 2):g}"  # as on /maturity
    upcoming = page.locator("#next-events ~ ul li")
    assert upcoming.count() == len(figures.upcoming) == 3
    assert upcoming.first.inner_text().startswith(figures.upcoming[0].title)
    assert page.get_by_text("Demo data.").is_visible()


def test_a_link_under_the_pointer_keeps_its_contrast(page):
    """Reflex's links turn a light accent colour on hover (2.4:1 on white); ours stay dark."""
    open_page(page, routes.EVENTS)
    link = page.locator("main a.rt-Link").first
    link.hover()
    assert link.evaluate("a => a.matches(':hover')")
    assert axe_violations(page) == []


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
    title = first_row.locator("th .action-title").inner_text()  # the description follows
    combobox = first_row.get_by_role("combobox")
    # A status other than the one it has (the demo data decides which that is).
    new_status = "blocked" if combobox.input_value() == "in_progress" else "in_progress"
    combobox.select_option(new_status)
    page.get_by_text("Action updated.").wait_for()
    assert axe_violations(page) == []
    row = page.locator("tbody tr", has=page.locator("th", has_text=re.compile(re.escape(title))))
    assert row.get_by_role("combobox").input_value() == new_status


def test_member_sees_no_status_controls(page):
    sign_in(page, "member")
    open_page(page, routes.ACTIONS)
    page.get_by_role("heading", name="Actions").wait_for()
    assert page.locator("tbody select").count() == 0
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


# --- content in both languages ---------------------------------------------------------------


@pytest.fixture
def untranslated(demo_database):
    """An action and a data source with no Welsh yet (the demo has Welsh for everything).
    The action is the oldest open one, so it heads the list."""
    with Session(demo_database) as session:
        action = SteeringAction(title="Trial a shared transcription service",
                                description="Two councils, three months.", status="open",
                                due_on=london_today(utc_now()) - timedelta(days=2000))
        source = DataSource(name="Legacy events spreadsheet", kind="registrations")
        session.add_all([action, source])
        session.commit()
        added = [(SteeringAction, action.id), (DataSource, source.id)]
    yield
    with Session(demo_database) as session:
        for model, row_id in added:
            session.delete(session.get(model, row_id))
        session.commit()


MARKER = "heb ei gyfieithu eto"


def in_welsh(page, route: str, heading: str):
    open_page(page, route)
    if page.get_by_role("button", name="Cymraeg").get_attribute("aria-pressed") != "true":
        page.get_by_role("button", name="Cymraeg").click()
    expect_heading(page, heading)


def test_actions_and_sources_in_welsh_with_missing_welsh_marked_for_the_steering_group(
        page, demo_database, untranslated):
    with Session(demo_database) as session:
        welsh_titles = set(session.exec(select(SteeringAction.title_cy)).all())
    # A visitor reading Welsh sees no actions (they are the steering group's and their
    # owners'), and never the steering group's marker.
    in_welsh(page, routes.ACTIONS, "Camau gweithredu")
    rows = page.locator("tbody tr")
    assert rows.count() == 0
    in_welsh(page, routes.SOURCES, "Ffynonellau data")
    assert page.get_by_role("rowheader", name="Calendr digwyddiadau'r gymuned").is_visible()
    assert page.get_by_role("rowheader", name="Legacy events spreadsheet").is_visible()
    assert page.get_by_text(MARKER).count() == 0

    # The steering group sees what still needs Welsh: the title and the description.
    page.get_by_role("button", name="English").click()
    expect_heading(page, "Data sources")
    sign_in(page, "steering")
    in_welsh(page, routes.ACTIONS, "Camau gweithredu")
    # The Welsh, and the English where there is none yet (marked as English for screen
    # readers).
    untranslated_title = rows.first.locator("th .action-title")
    assert untranslated_title.inner_text().startswith("Trial a shared transcription service")
    assert untranslated_title.locator("[lang=en]").count() == 1
    assert rows.nth(1).locator("th .action-title").inner_text() in welsh_titles
    assert rows.first.locator("th").get_by_text(MARKER).count() == 2
    assert rows.nth(1).get_by_text(MARKER).count() == 0
    assert axe_violations(page) == []
    in_welsh(page, routes.SOURCES, "Ffynonellau data")
    legacy = page.locator("tbody tr", has_text="Legacy events spreadsheet")
    assert legacy.get_by_text(MARKER).is_visible()
    # A source with Welsh of its own is not marked (other tests may add sources without).
    welsh = page.locator("tbody tr", has_text="Calendr digwyddiadau'r gymuned")
    assert welsh.get_by_text(MARKER).count() == 0
    assert axe_violations(page) == []
    # Nothing of it in English.
    page.get_by_role("button", name="English").click()
    expect_heading(page, "Data sources")
    assert page.get_by_text("not yet translated").count() == 0
    assert page.watcher.errors == []


def test_the_bodies_download_is_in_the_readers_language(page):
    """The page's link is the same in both languages: the browser sends the language cookie
    with the download."""
    in_welsh(page, routes.MEMBERS, "Aelodau")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Corff,Corff (Cymraeg),Math o gorff,Rhanbarth,Aelodau"
    assert "Awdurdod lleol" in "\n".join(lines)
    assert "local_authority" not in "\n".join(lines)


def test_sign_in_shows_the_apps_own_messages_not_the_browsers(page):
    open_page(page, routes.SIGN_IN)
    assert page.locator("form", has=page.locator("#email")).get_attribute("novalidate") is not None
    in_welsh(page, routes.SIGN_IN, "Mewngofnodi")
    submit = page.locator("main").get_by_role("button", name="Mewngofnodi")
    submit.click()
    alert = page.get_by_role("alert")
    alert.get_by_text("Rhowch eich cyfeiriad e-bost a'ch cyfrinair.").wait_for()
    page.locator("#email").fill("member.cymuned.example")
    page.locator("#password").fill("unrhyw gyfrinair")
    submit.click()
    alert.get_by_text("Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org").wait_for()
    assert page.locator("#email").get_attribute("aria-describedby") == "sign-in-problem"
    assert axe_violations(page) == []


def test_a_lost_connection_is_told_in_the_readers_language(page):
    """Reflex's own "Cannot connect to server" toast is English only; the app's follows the
    reader's language, and goes once the page is back in touch."""
    in_welsh(page, routes.ACTIONS, "Camau gweithredu")
    problem = page.locator("#connection-problem")
    assert problem.count() == 0
    page.context.set_offline(True)
    problem.get_by_text("Methu cysylltu â'r gweinydd.").wait_for()
    assert problem.get_attribute("role") == "alert" and problem.get_attribute("lang") == "cy"
    assert page.get_by_text("Cannot connect").count() == 0
    assert axe_violations(page) == []
    page.context.set_offline(False)
    problem.wait_for(state="detached", timeout=20_000)


def refuse_every_connection(page):
    """Stand in for a server that turns the page away: each socket.io CONNECT is answered
    with CONNECT_ERROR, so the page never reaches the app."""
    def server(socket):
        def answer(message):
            if isinstance(message, str) and message.startswith("40"):
                namespace = message[2:].split(",", 1)[0]
                socket.send("44" + namespace + ',{"message":"refused"}')

        socket.on_message(answer)
        socket.send('0{"sid":"refused","upgrades":[],"pingInterval":25000,'
                    '"pingTimeout":60000,"maxPayload":1000000}')

    page.route_web_socket(re.compile(r"/_event"), server)


def test_a_page_that_never_reaches_the_server_says_so_in_the_cookies_language(page, app):
    """Before the page has reached the server its state still holds English: the language
    comes from the cookie the switch set."""
    refuse_every_connection(page)
    page.context.add_cookies([{"name": "cymuned_lang", "value": "cy",
                               "url": app.frontend_url}])
    page.goto("actions")
    problem = page.locator("#connection-problem")
    problem.get_by_text("Methu cysylltu â'r gweinydd.").wait_for()
    assert page.get_by_text("Cannot connect").count() == 0
    # Without the cookie, English: the app's words, not the framework's.
    page.context.clear_cookies()
    page.reload()
    problem.get_by_text("Cannot connect to the server.").wait_for()
    assert problem.get_attribute("lang") == "en"
    assert page.get_by_text("Cannot connect to server").count() == 0


def test_leaving_a_page_hands_scroll_restoration_the_last_scroll_not_a_new_layout(page):
    """assets/pagehide.js: when the page is hidden, window.scrollY answers with the position
    the last scroll event saw (React Router saves it without laying the old page out again);
    the browser's own reading comes back if the page is shown again."""
    sign_in(page, "steering")
    open_page(page, routes.MEMBERS)
    page.evaluate("window.scrollTo(0, 600)")
    page.wait_for_function("window.scrollY === 600")
    # In the next frame (its scroll event seen), the page is hidden; then the position
    # changes with no scroll event, as a page being left draws nothing more.
    read = page.evaluate("""() => new Promise((resolve) => requestAnimationFrame(() => {
        dispatchEvent(new PageTransitionEvent('pagehide'));
        document.scrollingElement.scrollTop = 100;
        const hidden = window.scrollY;
        dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
        resolve([hidden, window.scrollY, document.scrollingElement.scrollTop]);
    }))""")
    assert read == [600, 100, 100]
    # And a real departure: React Router saved the position the reader left at.
    page.evaluate("window.scrollTo(0, 450)")
    page.wait_for_function("window.scrollY === 450")
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(resolve))")
    open_page(page, routes.OVERVIEW)
    saved = page.evaluate("JSON.parse(sessionStorage.getItem('react-router-scroll-positions'))")
    assert 450 in saved.values()
