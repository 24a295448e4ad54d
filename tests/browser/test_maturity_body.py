"""A body's maturity report in the browser: open to a visitor where the body agreed to be
named, and printable without the navigation."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dashboard.domain.maturity.sector import sector_figures
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_named_body_report_opens_for_a_visitor(page, demo_database):
    with Session(demo_database) as session:
        named = sector_figures(session).named
    assert named
    open_page(page, f"/maturity/body/{named[0].slug}")
    assert page.locator("main h1").inner_text() == "Body maturity report"
    assert page.get_by_test_id("body-name").inner_text() == named[0].name_en
    assert page.locator("#levels ~ div tbody tr").count() == 8
    # The radar chart names each dimension (hidden from screen readers: the table says it).
    spokes = page.locator(".recharts-polar-angle-axis-tick-value")
    spokes.first.wait_for()
    assert spokes.count() == 8
    assert axe_violations(page) == []
    # The printed report leaves out the navigation and the print button.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Print this report").is_visible()
    assert page.get_by_test_id("body-name").is_visible()
    assert page.watcher.errors == []
