"""The leaders' maturity page: visitors see only published figures; the named bodies are
paged on the server; levels are numbers, rounded as they are shown."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.maturity.publishing import published_aggregates
from dashboard.domain.maturity.sector import sector_figures
from state.maturity import MaturityState, NamedBodiesState
from state.overview import OverviewState
from state.rows import Bilingual, axis_ticks
from tests import factories as f
from tests.state.test_maturity_assess import accepted, make_world


@pytest.fixture
def world(db):
    return make_world(db)


def test_visitors_see_only_published_figures(db, make_state, world):
    accepted(make_state, world)
    page = make_state(MaturityState)
    page.load()
    # One body is below the threshold of 5: nothing about it is published.
    assert page.headline_suppressed and page.readiness is None
    assert page.established is None
    assert all(d.withheld and d.counts_withheld and d.median is None
               and d.counts == [None] * 5 and d.established is None for d in page.dimensions)
    named = make_state(NamedBodiesState)
    named.load()
    assert named.rows == [] and named.total == 0


def test_named_bodies_are_paged_on_the_server(db, make_state):
    with Session(db) as s:
        dims = f.framework(s, dimensions=2)
        rnd = f.assessment_round(s, "r", date(2026, 1, 1))
        for i in range(30):
            a = f.assessment(s, f.organisation(s, f"named-{i:02d}"), rnd, dims, [3, 4])
            a.publish_named = True
        s.commit()
    page = make_state(MaturityState)
    page.load()
    assert page.headline_suppressed is False and page.readiness == 3.5
    assert page.bodies == 30
    assert [d.median for d in page.dimensions] == [3, 4]
    assert page.dimensions[0].counts == [0, 0, 30, 0, 0]
    assert page.established is not None and page.established.percent == 100
    named = make_state(NamedBodiesState)
    named.load()
    assert (len(named.rows), named.pages, named.total) == (25, 2, 30)
    assert named.rows[0].href == "/maturity/body/named-00" and named.rows[0].level == 3.5
    named.next_page()
    assert [b.slug for b in named.rows] == [f"named-{i}" for i in range(25, 30)]
    named.next_page()  # past the last page: stays on it
    assert named.page == 2


def bodies(db, levels: list[list[int]], named: int = 0, body_type: str = "local_authority",
           slug: str = "body", today: date | None = None) -> None:
    """One accepted assessment per list of levels, in a round that closed long ago (or, with
    ``today``, one still open); the first ``named`` bodies agreed to be named."""
    with Session(db) as s:
        dims = f.framework(s, dimensions=len(levels[0]))
        rnd = f.assessment_round(s, "2025", date(2025, 1, 1))
        if today is not None:
            rnd.closes_on = today
        for i, row in enumerate(levels):
            org = f.organisation(s, f"{slug}-{i:02d}", body_type=body_type)
            f.assessment(s, org, rnd, dims, row).publish_named = i < named
        s.commit()


def test_the_headline_shows_the_exported_precision(db, make_state):
    # Overall levels 2.5, 2.5, 2.5, 3, 3, 3: the sector's median is 2.75, not "2.8".
    bodies(db, [[2, 3]] * 3 + [[3, 3]] * 3)
    page = make_state(MaturityState)
    page.load()
    assert page.readiness == 2.75
    with Session(db) as s:
        rows = published_aggregates(sector_figures(s))
    exported = next(r for r in rows if r["figure"] == "median_level")
    assert exported["value"] == page.readiness


def test_a_sector_distribution_is_shown_in_full_and_a_withheld_bar_apart(db, make_state):
    # Twelve bodies, none named: one at level 1 and four at level 2 identify nobody.
    bodies(db, [[1, 3]] + [[2, 3]] * 4 + [[3, 3]] * 7)
    page = make_state(MaturityState)
    page.load()
    assert page.dimensions[0].counts == [1, 4, 7, 0, 0]
    assert not page.dimensions[0].withheld and not page.dimensions[0].counts_withheld
    assert page.dimensions[0].established is not None
    assert (page.chart[0].l1, page.chart[0].l2, page.chart[0].l3, page.chart[0].withheld) == (
        1, 4, 7, 0)
    # Drawn in HTML: each part's length a share of the axis, which ends at 15 bodies.
    assert [tick.value for tick in page.chart_ticks] == [0, 5, 10, 15]
    assert [tick.at for tick in page.chart_ticks] == ["0%", "33.33%", "66.67%", "100%"]
    assert page.chart[0].widths == ["6.667%", "26.67%", "46.67%", "0%", "0%", "0%"]


def test_a_withheld_bar_has_no_levels_stacked_with_it(db, make_state):
    # Six bodies, two named: the other four could be worked out from the counts.
    bodies(db, [[3, 2]] * 6, named=2)
    page = make_state(MaturityState)
    page.load()
    first = page.dimensions[0]
    assert first.counts_withheld and first.counts == [None] * 5 and first.median == 3
    bar = page.chart[0]
    assert (bar.l1, bar.l2, bar.l3, bar.l4, bar.l5, bar.withheld) == (0, 0, 0, 0, 0, 6)
    assert bar.widths == ["0%"] * 5 + ["100%"]


@pytest.mark.parametrize(("largest", "ticks"), [
    (0, [0, 1]), (5, [0, 1, 2, 3, 4, 5]), (6, [0, 2, 4, 6]), (12, [0, 5, 10, 15]),
    (31, [0, 10, 20, 30, 40]), (123, [0, 50, 100, 150]), (2000, [0, 500, 1000, 1500, 2000]),
])
def test_the_chart_axis_has_a_few_round_numbers_up_to_the_largest_bar(largest, ticks):
    assert axis_ticks(largest) == ticks


def test_figures_of_an_open_round_are_marked_provisional(db, make_state):
    today = london_today(utc_now())
    bodies(db, [[3, 3]] * 5, today=today)
    page = make_state(MaturityState)
    page.load()
    assert page.provisional and page.current_round == "2025"
    assert page.round_closes.en and page.round_closes.cy


def test_tiles_and_heatmap_rows_in_both_languages(db, make_state):
    with Session(db) as s:
        dims = f.framework(s, dimensions=2)
        rnd = f.assessment_round(s, "2026", date(2026, 1, 1))
        for slug in ("cardiff", "swansea", "la-1", "la-2", "la-3"):
            f.assessment(s, f.organisation(s, slug), rnd, dims, [2, 2]).publish_named = True
        for i in range(3):
            f.assessment(s, f.organisation(s, f"police-{i}", body_type="police"), rnd, dims,
                         [1, 1])
        for i in range(2):
            f.assessment(s, f.organisation(s, f"fire-{i}", body_type="fire_and_rescue"), rnd,
                         dims, [4, 4])
        s.commit()
    page = make_state(MaturityState)
    page.load()
    tiles = {t.slug: t for t in page.tiles}
    assert tiles["cardiff"].code == Bilingual("CRF", "CDD")
    assert tiles["swansea"].code == Bilingual("SWA", "ABE")
    # Police (3) and fire and rescue (2) are each too few; together they are five.
    assert [r.label for r in page.heat_rows] == [
        Bilingual("Local authority", "Awdurdod lleol"),
        Bilingual("Other types of body, combined", "Mathau eraill o gorff, wedi'u cyfuno")]
    assert page.heat_rows[1].combined and not page.heat_rows[0].combined
    assert page.heat_rows[1].types == Bilingual("Fire and rescue, Police", "Tân ac achub, Heddlu")
    assert [c.median for c in page.heat_rows[1].cells] == [1, 1]
    assert [c.median for c in page.heat_rows[0].cells] == [2, 2]


def test_when_every_type_is_too_small_they_are_combined_in_one_row(db, make_state):
    with Session(db) as s:
        dims = f.framework(s, dimensions=1)
        rnd = f.assessment_round(s, "2026", date(2026, 1, 1))
        for i, body_type in enumerate(["police", "police", "fire_and_rescue", "health_board",
                                       "nhs_trust"]):
            f.assessment(s, f.organisation(s, f"body-{i}", body_type=body_type), rnd, dims, [3])
        s.commit()
    page = make_state(MaturityState)
    page.load()
    (row,) = page.heat_rows
    assert row.combined and row.label.en == "All types of body, combined"
    assert row.types.en == "Health board, NHS trust, Fire and rescue, Police"
    assert [c.median for c in row.cells] == [3]


def test_the_overview_withholds_the_readiness_the_maturity_page_withholds(db, make_state, world):
    accepted(make_state, world)  # one assessed body: below the threshold of 5
    overview = make_state(OverviewState)
    overview.load()
    page = make_state(MaturityState)
    page.load()
    assert page.headline_suppressed and page.readiness is None
    assert overview.figures.readiness_withheld and overview.figures.readiness == "–"
    assert overview.figures.readiness_label == Bilingual("", "")
    assert overview.figures.threshold == page.threshold == 5
