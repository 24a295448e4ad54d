"""The leaders' maturity page in the browser: both languages, the tile map's text
alternative, and the published figures behind its download link."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import Session

from dashboard import routes
from dashboard.domain.maturity.sector import sector_figures
from tests.browser.conftest import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_leaders_page_in_english_and_welsh(page, demo_database):
    with Session(demo_database) as session:
        figures = sector_figures(session)
    open_page(page, routes.MATURITY)
    assert page.locator("main h1").inner_text() == "Maturity"
    readiness = figures.headline.median_level
    expected = str(int(readiness)) if readiness.is_integer() else f"{readiness:.1f}"
    assert page.get_by_test_id("maturity-readiness").inner_text() == expected
    rows = page.locator("#dimensions ~ div tbody tr")
    assert rows.count() == len(figures.dimensions) == 8
    page.locator("#dimensions ~ div .recharts-bar-rectangle").first.wait_for()
    # The chart's axis names each dimension in the reader's language (a long name is
    # wrapped over lines, so spaces are left out of the comparison).
    first_tick = ("name => document.querySelector('#dimensions ~ div .recharts-yAxis-tick-labels"
                  " .recharts-cartesian-axis-tick-value')?.textContent.replace(/\\s/g, '')"
                  " === name.replace(/\\s/g, '')")
    page.wait_for_function(first_tick, arg=figures.dimensions[0].name_en, timeout=10_000)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_function(
        "() => document.querySelector('main h1')?.innerText === 'Aeddfedrwydd'", timeout=10_000)
    assert page.get_by_role("heading", name="Newid ers y rownd ddiwethaf").is_visible()
    page.wait_for_function(first_tick, arg=figures.dimensions[0].name_cy, timeout=10_000)
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    assert page.watcher.errors == []


def test_tile_map_has_a_table_alternative(page, demo_database):
    with Session(demo_database) as session:
        figures = sector_figures(session)
    open_page(page, routes.MATURITY)
    table = page.locator("#tile-table table")
    assert table.locator("tbody tr").count() == len(figures.tiles) == 22
    cardiff = next(t for t in figures.tiles if t.slug == "cardiff")
    row = table.locator("tbody tr", has=page.locator("th", has_text="Cardiff Council"))
    status = row.locator("td").nth(1).inner_text()
    expected = {"published": None, "unpublished": "Assessed, not named",
                "none": "Not assessed"}[cardiff.status]
    if expected is None:
        assert status == (str(int(cardiff.level)) if cardiff.level.is_integer()
                          else f"{cardiff.level:.1f}")
    else:
        assert status == expected
    # The grid itself is hidden from screen readers: the table says the same.
    assert page.locator(".tile-map").get_attribute("aria-hidden") == "true"
    # The page's download link reaches the published CSV.
    link = page.get_by_role("link", name="Download the published figures (CSV)")
    href = link.get_attribute("href")
    response = httpx.get(href, timeout=10)
    assert response.status_code == 200 and response.text.startswith("figure,")


def test_aggregates_endpoint_serves_published_figures(app):
    from reflex.config import get_config

    base = get_config().api_url
    data = httpx.get(f"{base}/api/maturity/aggregates.json", timeout=10).json()
    assert data["threshold"] == 5 and data["rows"]
    assert all(r["value"] is None for r in data["rows"] if r["suppressed"])
    csv = httpx.get(f"{base}/api/maturity/aggregates.csv", timeout=10)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("figure,body_type,dimension,level,value")
