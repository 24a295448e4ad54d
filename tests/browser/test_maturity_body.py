"""A body's maturity report in the browser: open to a visitor where the body agreed to be
named, clear about a body never assessed or not named, marked provisional while its round is
open, its radar chart whole on a laptop and a phone, and printable without the navigation."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.domain.maturity.sector import sector_figures
from dashboard.models import Assessment, Organisation
from tests.browser.conftest import PageWatcher, axe_violations, open_page
from tests.browser.test_maturity import watch_warnings

pytestmark = pytest.mark.browser

# The bounding boxes of the radar's visible text: spoke labels and the radius axis's levels.
CHART = "#levels ~ div svg.recharts-surface"
SPOKES = f"{CHART} .recharts-polar-angle-axis-tick-value"
RADAR_TEXT = """() => {
  const chart = document.querySelector('#levels ~ div svg.recharts-surface');
  const svg = chart.getBoundingClientRect();
  const box = el => { const b = el.getBoundingClientRect();
                      return {text: el.textContent, x: b.x, y: b.y, right: b.right,
                              bottom: b.bottom}; };
  const visible = sel => [...chart.querySelectorAll(sel)]
    .filter(el => el.getBoundingClientRect().width > 0).map(box);
  return {svg: {x: svg.x, y: svg.y, right: svg.right, bottom: svg.bottom},
          spokes: visible('.recharts-polar-angle-axis-tick-value'),
          levels: visible('.recharts-polar-radius-axis-tick-value')
            .filter(t => t.text !== '0'),
          width: document.documentElement.clientWidth};
}"""
VISIBLE_SPOKES = ("() => [...document.querySelectorAll('#levels ~ div svg.recharts-surface "
                  ".recharts-polar-angle-axis-tick-value')]"
                  ".filter(t => t.getBoundingClientRect().width > 0).length == 8")


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] \
        and b["y"] < a["bottom"]


def named_slug(demo_database) -> tuple[str, str]:
    with Session(demo_database) as session:
        named = sector_figures(session).named
    assert named
    return named[0].slug, named[0].name_en


def test_named_body_report_opens_for_a_visitor(page, demo_database):
    watch_warnings(page)
    slug, name = named_slug(demo_database)
    open_page(page, f"/maturity/body/{slug}")
    assert page.locator("main h1").inner_text() == "Body maturity report"
    assert page.get_by_test_id("body-name").inner_text() == name
    assert page.locator("#levels ~ div tbody tr").count() == 8
    # The radar chart names each dimension (hidden from screen readers: the table says it).
    page.locator(SPOKES).first.wait_for(state="attached")
    page.wait_for_function(VISIBLE_SPOKES)
    # The demo's latest round is still open: the report says its levels are provisional.
    assert page.get_by_test_id("body-provisional").inner_text() == "Provisional"
    assert axe_violations(page) == []
    # The printed report leaves out the navigation and the print button.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Print this report").is_visible()
    assert page.get_by_test_id("body-name").is_visible()
    assert page.watcher.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_radar_chart_is_whole_on_a_laptop_and_a_phone(browser, app, demo_database, width):
    slug, _name = named_slug(demo_database)
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  base_url=app.frontend_url)
    context.add_cookies([{"name": "cymuned_lang", "value": "cy", "url": app.frontend_url}])
    page = context.new_page()
    page.watcher = PageWatcher(page)
    watch_warnings(page)
    try:
        open_page(page, f"/maturity/body/{slug}")
        page.locator(SPOKES).first.wait_for(state="attached")
        page.wait_for_function(VISIBLE_SPOKES)
        chart = page.evaluate(RADAR_TEXT)
        assert len(chart["spokes"]) == 8 and len(chart["levels"]) == 5
        # Every label inside the chart and the window: none clipped (Welsh names are long).
        for label in chart["spokes"] + chart["levels"]:
            assert chart["svg"]["x"] <= label["x"] and label["right"] <= chart["svg"]["right"]
            assert chart["svg"]["y"] <= label["y"] and label["bottom"] <= chart["svg"]["bottom"]
            assert 0 <= label["x"] and label["right"] <= chart["width"], label["text"]
        # No level on the radius axis ("5" above all) covers a spoke's label.
        assert [(lv["text"], s["text"]) for lv in chart["levels"] for s in chart["spokes"]
                if overlap(lv, s)] == []
        assert [lv["text"] for lv in chart["levels"]] == ["1", "2", "3", "4", "5"]
        assert page.watcher.errors == []
    finally:
        context.close()


def test_a_body_never_assessed_or_not_named_says_which(page, demo_database):
    watch_warnings(page)
    with Session(demo_database) as session:
        assessed = set(session.exec(select(Assessment.organisation_id)
                                    .where(Assessment.status == "accepted")).all())
        never = next(o for o in session.exec(select(Organisation).order_by(Organisation.id))
                     if o.id not in assessed)
        unnamed = next(t.slug for t in sector_figures(session).tiles
                       if t.status == "unpublished")
    open_page(page, f"/maturity/body/{never.slug}")
    page.get_by_text("This body has not been assessed yet: it has no accepted "
                     "self-assessment.").wait_for()
    assert page.get_by_test_id("body-name").inner_text() == never.name_en
    assert page.get_by_text("Every dimension is at the top level.").count() == 0
    assert page.get_by_text("Not applicable").count() == 0
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_text("Nid yw'r corff hwn wedi'i asesu eto", exact=False).wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_text("This body has not been assessed yet", exact=False).wait_for()
    open_page(page, f"/maturity/body/{unnamed}")
    page.get_by_text("This body has not agreed to have its results published.").wait_for()
    assert page.get_by_test_id("body-not-assessed").count() == 0
    assert axe_violations(page) == []
    assert page.watcher.errors == []
