"""A series page in the browser: its totals."""

from __future__ import annotations

import pytest

from dashboard.seed.demo import FIRST_SERIES_SLUG
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_series_page_totals(page):
    open_page(page, f"/series/{FIRST_SERIES_SLUG}")
    page.get_by_test_id("series-attendance").wait_for()
    assert page.get_by_test_id("series-attendance").inner_text() == "622"
    assert page.get_by_test_id("series-views").inner_text() == "4,777"
    assert axe_violations(page) == []
    assert page.watcher.errors == []
