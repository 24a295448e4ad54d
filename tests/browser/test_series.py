"""A series page in the browser: its totals, its name as the heading and the tab's title,
valid table markup (no hydration errors), and on a phone."""

from __future__ import annotations

import pytest

from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import axe_violations, open_page
from tests.browser.test_events import console_warnings, phone_page, wider_than_the_screen

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(app, browser):
    yield from phone_page(app, browser)


def series_names(engine) -> tuple[str, str]:
    from sqlmodel import Session, select

    from dashboard.models import Series

    with Session(engine) as session:
        return session.exec(select(Series.title_en, Series.title_cy).where(
            Series.slug == FIRST_SERIES_SLUG)).one()


def test_series_page_totals(page, demo_database):
    warnings = console_warnings(page)
    open_page(page, f"/series/{FIRST_SERIES_SLUG}")
    page.get_by_test_id("series-attendance").wait_for()
    assert page.get_by_test_id("series-attendance").inner_text() == "622"
    assert page.get_by_test_id("series-views").inner_text() == "4,777"
    # The heading and the browser tab name the series, not "Series".
    name, _ = series_names(demo_database)
    assert page.locator("main h1").inner_text() == name
    page.wait_for_function("name => document.title === name + ' · Cymuned'", arg=name)
    # The totals row sits in the table's footer, not straight inside <table> (which the
    # browser's parser would move, breaking hydration).
    assert page.locator("table > tr").count() == 0
    assert page.locator("tfoot").get_by_role("rowheader", name="Total").is_visible()
    assert axe_violations(page) == []
    assert page.watcher.errors == [] and warnings == []


def test_series_page_on_a_phone_in_welsh(phone, demo_database):
    _, welsh = series_names(demo_database)
    open_page(phone, f"/series/{FIRST_SERIES_SLUG}")
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_role("heading", name=welsh, level=1).wait_for()
    phone.wait_for_function("name => document.title === name + ' · Cymuned'", arg=welsh)
    assert wider_than_the_screen(phone) == 0  # the table scrolls inside its own box
    assert phone.watcher.errors == [] and phone.warnings == []
