"""The Data sources page: the steering group adds a source, syncs it now and reads its run
history; the address never reaches the page; axe-core in both languages and at 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_live import calendar
from tests.local_source import Answer, LocalSource

pytestmark = pytest.mark.browser
PATH = "/owa/calendar/secret-51ab/page-test.ics"


@pytest.fixture
def source_server():
    server = LocalSource().start()
    yield server
    server.stop()


def test_add_sync_now_and_history(page, source_server):
    url = source_server.serve(PATH, Answer(calendar("Sources page webinar",
                                                             uid="sources-page-51ab@test")))
    sign_in(page, "steering")
    open_page(page, "/sources")
    page.get_by_role("button", name="Add a data source").click()
    page.get_by_label("Name in English").fill("Page test calendar")
    page.get_by_label("Name in Welsh").fill("Calendr prawf y dudalen")
    page.get_by_label("Minutes between syncs").fill("0")
    page.get_by_label("Web address (URL)").fill(url)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Source saved.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Page test calendar")
    expect(row.get_by_text("Not yet synced")).to_be_visible()
    assert "secret-51ab" not in page.content()
    page.get_by_role("button", name="Sync Page test calendar now").click()
    expect(page.get_by_text("Sync finished: 1 added")).to_be_visible(timeout=15_000)
    expect(row.get_by_text("Up to date")).to_be_visible()
    page.get_by_role("button", name="Run history of Page test calendar").click()
    history = page.locator("section").filter(has=page.get_by_role("heading",
                                                                   name="Run history"))
    expect(history.get_by_text("1 added, 0 updated, 0 unchanged, 0 rejected.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.locator("main h1")).to_have_text("Ffynonellau data")
    expect(page.get_by_text("Calendr prawf y dudalen").first).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page) == []
    # On a phone each source is a card: nothing wider than the screen, every card open,
    # each value under its column's name (in Welsh here) and the actions on screen.
    table = page.locator(".stack-on-phone")
    assert table.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    card = page.get_by_role("row").filter(has_text="Calendr prawf y dudalen")
    assert card.evaluate("r => r.getBoundingClientRect().height") > 200
    assert card.locator("td[data-label='Math']").count() == 1
    sync = card.get_by_role("button").first  # "Cysoni nawr"
    box = sync.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.watcher.errors == []


def test_visitors_see_names_and_freshness_only(page):
    open_page(page, "/sources")
    expect(page.get_by_role("button", name="Add a data source")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Data as of")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Last run")).to_have_count(0)
    assert "calendar.cymuned" not in page.content()  # the demo source's address
    assert axe_violations(page) == []
    assert page.watcher.errors == []
