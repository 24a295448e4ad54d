"""The leaders' maturity page in the browser: both languages, the tile map's text
alternative, the published figures behind its download link, figures withheld by group
(a withheld bar drawn apart), a round still open marked provisional, readable in dark mode."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import Session

from dashboard import routes
from dashboard.domain.disclosure import THRESHOLD_KEY
from dashboard.domain.maturity.sector import sector_figures
from dashboard.models import Setting
from tests.browser.conftest import axe_violations, open_page

CHART_BARS = "#dimensions ~ div .hbars-track"  # one a dimension, once the figures are shown

pytestmark = pytest.mark.browser


def watch_warnings(page) -> None:
    """The console watcher counts warnings too (it records errors only)."""
    page.on("console", lambda m: m.type == "warning"
            and page.watcher.errors.append(f"warning: {m.text}"))


def shown(level: float) -> str:
    """A level as the page writes it: exactly, to two decimal places at most (2.75, 2.5, 3)."""
    return f"{round(level, 2):g}"


def contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(page, js: str, element=None) -> list[float]:
    text = element.evaluate(js) if element is not None else page.evaluate(js)
    return [float(v) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3]]


def test_leaders_page_in_english_and_welsh(page, demo_database):
    watch_warnings(page)
    with Session(demo_database) as session:
        figures = sector_figures(session)
    open_page(page, routes.MATURITY)
    assert page.locator("main h1").inner_text() == "Maturity"
    # The headline is the exported figure, at the same precision (2.75 is not "2.8").
    readiness = page.get_by_test_id("maturity-readiness").inner_text()
    assert readiness == shown(figures.headline.median_level)
    # The demo's latest round is still open: its figures are provisional, and say so.
    assert figures.provisional
    assert page.get_by_test_id("maturity-provisional").inner_text() == "Provisional"
    assert page.get_by_test_id("maturity-provisional-note").is_visible()
    rows = page.locator("#dimensions ~ div tbody tr")
    assert rows.count() == len(figures.dimensions) == 8
    # Every dimension was answered by 30 or more bodies, at least 5 of them not named:
    # the counts at each level identify no body, so none is withheld.
    assert page.locator("#dimensions ~ div tbody abbr").count() == 0
    page.locator(CHART_BARS).first.wait_for()
    # The chart names each dimension in the reader's language, beside its bar; each bar's
    # parts are as long as its counts, on an axis of round numbers that ends past the longest.
    first_tick = ("name => document.querySelector('#dimensions ~ div .hbars-label')"
                  "?.textContent === name")
    page.wait_for_function(first_tick, arg=figures.dimensions[0].name_en, timeout=10_000)
    lengths = page.evaluate("""() => {
      const ticks = [...document.querySelectorAll('#dimensions ~ div .hbars-tick')];
      const track = document.querySelector('#dimensions ~ div .hbars-track');
      const parts = [...track.querySelectorAll('.hbars-part')];
      return [ticks.map(tick => Number(tick.textContent)),
              parts.map(part => part.getBoundingClientRect().width / track.clientWidth)];
    }""")
    ticks, parts = lengths
    assert ticks[0] == 0
    assert ticks[-1] >= max(sum(c or 0 for c in d.distribution) for d in figures.dimensions)
    counts = [c or 0 for c in figures.dimensions[0].distribution]
    assert [round(p * ticks[-1], 1) for p in parts] == [*[float(c) for c in counts], 0.0]
    titles = page.locator("#dimensions ~ div .hbars-title")
    assert sorted(titles.all_text_contents()) == ["Dimension", "Number of bodies"]
    assert page.get_by_role("heading", name="How figures are withheld").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_function(
        "() => document.querySelector('main h1')?.innerText === 'Aeddfedrwydd'", timeout=10_000)
    assert page.get_by_role("heading", name="Newid ers y rownd ddiwethaf").is_visible()
    page.wait_for_function(first_tick, arg=figures.dimensions[0].name_cy, timeout=10_000)
    assert sorted(titles.all_text_contents()) == ["Dimensiwn", "Nifer y cyrff"]
    assert page.get_by_test_id("maturity-provisional").inner_text() == "Dros dro"
    assert page.get_by_role("heading", name="Sut mae ffigurau'n cael eu hatal").is_visible()
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
    assert status == (shown(cardiff.level) if expected is None else expected)
    assert row.locator("td").first.inner_text() == "CRF"
    # The grid itself is hidden from screen readers: the table says the same.
    assert page.locator(".tile-map").get_attribute("aria-hidden") == "true"
    # On Welsh pages the tiles carry Welsh labels: Caerdydd, not Cardiff.
    page.get_by_role("button", name="Cymraeg").click()
    welsh = table.locator("tbody tr", has=page.locator("th", has_text="Cyngor Caerdydd"))
    welsh.wait_for()
    assert welsh.locator("td").first.inner_text() == "CDD"
    assert "CDD" in page.locator(".tile-map").inner_text()
    assert "CRF" not in page.locator(".tile-map").inner_text()
    page.get_by_role("button", name="English").click()
    # The page's download link reaches the published CSV.
    link = page.get_by_role("link", name="Download the published figures (CSV)")
    href = link.get_attribute("href")
    response = httpx.get(href, timeout=10)
    assert response.status_code == 200 and response.text.startswith("figure,")


def test_aggregates_endpoint_serves_published_figures(app, demo_database):
    from reflex.config import get_config

    base = get_config().api_url
    data = httpx.get(f"{base}/api/maturity/aggregates.json", timeout=10).json()
    assert data["threshold"] == 5 and data["rows"]
    assert all(r["value"] is None for r in data["rows"] if r["suppressed"])
    # The round is still open: the export says so, as the page does.
    with Session(demo_database) as session:
        figures = sector_figures(session)
    assert data["provisional"] is True and data["round"] == figures.current_round
    assert all(r["provisional"] is True for r in data["rows"])
    median = next(r for r in data["rows"] if r["figure"] == "median_level")
    assert median["value"] == figures.headline.median_level
    csv = httpx.get(f"{base}/api/maturity/aggregates.csv", timeout=10)
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == ("figure,body_type,body_type_name,dimension,dimension_name,level,value,"
                        "low,high,bodies,suppressed,provisional")
    assert all(line.endswith(",yes") for line in lines[1:])
    # Names beside the codes, in the language asked for.
    welsh = httpx.get(f"{base}/api/maturity/aggregates.csv?lang=cy", timeout=10).text
    assert "Awdurdod lleol" in welsh and "Awdurdod lleol" not in csv.text
    # The same groups as the page's heat map: the small types combined in one row.
    groups = {r["body_type"] for r in data["rows"]
              if r["figure"] == "type_dimension_median_level"}
    assert groups == {row.body_type for row in figures.heatmap}
    assert any("+" in g for g in groups)


def test_the_level_5_colour_is_readable_in_dark_mode(browser, app):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  base_url=app.frontend_url, color_scheme="dark")
    page = context.new_page()
    try:
        open_page(page, routes.MATURITY)
        page.locator(CHART_BARS).first.wait_for()
        background = rgb(page, "() => getComputedStyle(document.querySelector('.app'))"
                               ".backgroundColor")
        assert contrast(background, [255, 255, 255]) > 10  # the page really is dark
        # The legend's swatch for level 5, "Leading" (#1f2d5c was lost on a dark page).
        leading = page.locator("#dimensions ~ div").get_by_text("5 Leading", exact=True)
        colour = rgb(page, "el => getComputedStyle(el.previousElementSibling).backgroundColor",
                     leading)
        assert contrast(colour, background) >= 3
    finally:
        context.close()


def test_a_withheld_bar_is_drawn_apart_from_the_levels(page, demo_database):
    watch_warnings(page)
    # At a threshold of 20, fewer than 20 of each dimension's bodies kept their results
    # private: every dimension's counts are withheld (its median, of 30 or more, is not).
    with Session(demo_database) as session:
        session.add(Setting(key=THRESHOLD_KEY, value="20"))
        session.commit()
    try:
        open_page(page, routes.MATURITY)
        page.locator(CHART_BARS).first.wait_for()
        # One bar a dimension, hatched, with no level stacked on it.
        drawn = page.evaluate("""() => [...document.querySelectorAll(
            '#dimensions ~ div .hbars-track')].map(track => [...track.children].filter(
            part => part.getBoundingClientRect().width > 0).map(part => [
            part.classList.contains('withheld-bar'),
            getComputedStyle(part).backgroundImage.startsWith('repeating-linear-gradient')]))""")
        assert len(drawn) == 8
        assert all(parts == [[True, True]] for parts in drawn), drawn
        # Its legend entry stands apart from the five levels.
        legend = page.get_by_test_id("legend-withheld")
        assert legend.locator(".maturity-hatch").count() == 1
        assert "withheld" in legend.inner_text().lower()
        medians = page.locator("#dimensions ~ div tbody tr td:nth-child(3)")
        assert all(m.strip() not in ("", "•") for m in medians.all_inner_texts())
        assert page.watcher.errors == []
    finally:
        with Session(demo_database) as session:
            session.delete(session.get(Setting, THRESHOLD_KEY))
            session.commit()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_on_a_phone_the_tables_are_cards_that_name_each_value(page, lang):
    """At 390 px the four tables scrolled sideways with no keyboard access (axe's
    scrollable-region-focusable): each row is now a card, each value under its column."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, routes.MATURITY)
    if lang == "cy":
        page.get_by_role("button", name="Cymraeg").click()
        page.wait_for_function(
            "() => document.querySelector('main h1')?.innerText === 'Aeddfedrwydd'")
    page.locator("#dimensions ~ div td[data-label]").first.wait_for()
    for section in ("dimensions", "heatmap", "change", "coverage"):
        box = page.locator(f"section[aria-labelledby={section}] .table-scroll")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), section
        assert box.locator("td[data-label]").count() > 0, section
    # The heat map's cells are named by their dimension, in the reader's language.
    first = page.locator("section[aria-labelledby=heatmap] td[data-label]").first
    assert first.get_attribute("data-label") == (
        "Arweinyddiaeth a strategaeth" if lang == "cy" else "Leadership and strategy")
    assert axe_violations(page) == []
    assert page.watcher.errors == []
