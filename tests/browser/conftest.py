"""Browser tests: the whole app (AppHarnessProd: a production build served locally) driven
by Playwright in Debian's Chromium, with axe-core checking every page (WCAG 2.2 AA)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.conftest import ROOT, empty_database

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PASSWORD = "a long test password 1"


@pytest.fixture(scope="session")
def demo_database(engine):
    """The demo community plus one account per role, in the test database."""
    from dashboard.domain.auth import create_user
    from dashboard.domain.clock import utc_now
    from dashboard.domain.reference import load_reference_data
    from dashboard.models import Role
    from dashboard.seed.demo import seed_demo

    empty_database(engine)
    with Session(engine) as session:
        load_reference_data(session)
        seed_demo(session, now=utc_now())
        for role in (Role.MEMBER, Role.STEERING, Role.ADMIN):
            create_user(session, email=f"{role.value}@cymuned.example",
                        display_name=f"Test {role.value}", role=role, password=PASSWORD)
        session.commit()
    return engine


@pytest.fixture(scope="session")
def app(demo_database):
    from reflex.testing import AppHarnessProd

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    if shutil.which("bun") is None:
        pytest.fail("bun is not on PATH: run the tests through `make test`")
    harness = AppHarnessProd.create(root=ROOT, app_name="dashboard")
    with harness:
        yield harness


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatcher:
    """Collects console errors and warnings, and uncaught exceptions, from a page: a page
    with either fails its test."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: m.type in ("error", "warning")
                and self.errors.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=app.frontend_url)
    page = context.new_page()
    page.watcher = PageWatcher(page)
    yield page
    context.close()


def open_page(page, path: str):
    """Go to a path and wait until the app has hydrated and loaded its data."""
    page.goto(path.lstrip("/") or "./", wait_until="networkidle")
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def sign_in(page, role: str):
    """Sign in through the sign-in page's form, which the browser posts to the backend (it
    sets the HttpOnly session cookie and sends the browser back to a page)."""
    open_page(page, "/sign-in")
    page.get_by_label("Email address").fill(f"{role}@cymuned.example")
    page.get_by_label("Password").fill(PASSWORD)
    # The browser posts the form and follows the backend's redirect: wait for that page.
    with page.expect_navigation(wait_until="networkidle"):
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()


def choose_organisation(page, name: str) -> None:
    """On the join form: the body of this name, from the body picker's list (typed, then
    clicked); returns when the box shows the choice, so the form would send it."""
    from state.join import JOIN_BODY_PICKER

    page.get_by_role("combobox", name="Organisation").fill(name)
    page.get_by_role("option", name=name, exact=True).click()
    page.wait_for_function("([id, name]) => document.getElementById(id).value === name",
                           arg=[JOIN_BODY_PICKER, name])
