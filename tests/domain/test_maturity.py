"""Sector maturity figures on a hand-counted fixture.

Six bodies; each one's latest accepted assessment (N/A = not applicable):

    body  type  round  d0 d1 d2      overall (median of its levels)
    a     LA    r2     1  3  N/A     2
    b     LA    r2     2  3  4       3
    c     LA    r2     3  4  4       4
    d     LA    r2     3  N/A 5      4
    e     HB    r2     4  2  2       2
    f     HB    r1     5  5  5       5     (its r2 assessment is only a draft)

Earlier accepted (r1): a 1 1 1, b 1 2 3, c 2 2 2.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.domain.disclosure import THRESHOLD_KEY
from dashboard.domain.errors import PermissionDenied
from dashboard.domain.maturity.body_view import body_view
from dashboard.domain.maturity.framework import framework_view
from dashboard.domain.maturity.publishing import aggregates_csv, published_aggregates
from dashboard.domain.maturity.sector import compute_sector_figures, sector_figures
from dashboard.domain.overview import sector_readiness
from dashboard.domain.reference import load_framework
from dashboard.models import Setting
from tests import factories as f


def threshold(session, n: int) -> None:
    session.merge(Setting(key=THRESHOLD_KEY, value=str(n)))
    session.flush()


@pytest.fixture
def sector(session):
    dims = f.framework(session, dimensions=3)
    r1 = f.assessment_round(session, "r1", date(2025, 10, 1))
    r2 = f.assessment_round(session, "r2", date(2026, 10, 1))
    la = [f.organisation(session, slug, body_type="local_authority")
          for slug in ("cardiff", "newport", "body-c", "body-d")]
    hb = [f.organisation(session, slug, body_type="health_board") for slug in ("body-e", "body-f")]
    a, b, c, d = la
    e, f_ = hb
    f.assessment(session, a, r1, dims, [1, 1, 1])
    f.assessment(session, b, r1, dims, [1, 2, 3])
    f.assessment(session, c, r1, dims, [2, 2, 2])
    f.assessment(session, f_, r1, dims, [5, 5, 5])
    named = f.assessment(session, a, r2, dims, [1, 3, None])
    named.publish_named = True
    named.accepted_at = f.utc(2026, 11, 2, 9, 30)
    f.assessment(session, b, r2, dims, [2, 3, 4])
    f.assessment(session, c, r2, dims, [3, 4, 4])
    f.assessment(session, d, r2, dims, [3, None, 5])
    f.assessment(session, e, r2, dims, [4, 2, 2])
    f.assessment(session, f_, r2, dims, [1, 1, 1], status="draft")
    session.flush()
    return dims


def test_headline_is_the_median_of_bodies_overall_levels(session, sector):
    threshold(session, 2)
    figures = compute_sector_figures(session)
    assert figures.headline.bodies == 6
    assert figures.headline.median_level == 3.5
    # b, c, d, f are at 3 or above: 4 of 6.
    assert (figures.headline.established.k, figures.headline.established.n) == (4, 6)
    # The Overview's figure, computed separately, agrees.
    readiness = sector_readiness(session)
    assert (readiness.median_level, readiness.bodies_assessed) == (3.5, 6)


def test_distribution_and_median_leave_not_applicable_out(session, sector):
    threshold(session, 1)
    d0, d1, d2 = compute_sector_figures(session).dimensions
    assert (d0.bodies, d0.median, d0.distribution) == (6, 3.0, (1, 1, 2, 1, 1))
    assert (d1.bodies, d1.median, d1.distribution) == (5, 3.0, (0, 1, 2, 1, 1))
    assert (d2.bodies, d2.median, d2.distribution) == (5, 4.0, (0, 1, 0, 2, 2))
    assert (d1.established.k, d1.established.n) == (4, 5)


def test_a_distribution_over_the_whole_sector_is_published_in_full(session, sector):
    # Suppression protects bodies, not the sector: six anonymous bodies spread over five
    # levels identify none of them, so every count is shown (no cell-by-cell withholding).
    threshold(session, 5)
    d0, d1, d2 = compute_sector_figures(session).dimensions
    assert (d0.suppressed, d0.counts_withheld, d0.median) == (False, False, 3.0)
    assert d0.distribution == (1, 1, 2, 1, 1)
    assert (d0.established.k, d0.established.n) == (4, 6)
    assert d2.distribution == (0, 1, 0, 2, 2) and not d2.counts_withheld


def test_counts_are_withheld_where_the_named_bodies_would_reveal_the_rest(session, sector):
    # d1 was answered by five bodies; one (a) agreed to be named, so its level is public.
    # The other four are fewer than the threshold: their counts would follow by subtracting
    # a's published level, so the counts and the share go; the median (5 bodies) stays.
    threshold(session, 5)
    figures = compute_sector_figures(session)
    d1 = figures.dimensions[1]
    assert (d1.bodies, d1.suppressed, d1.counts_withheld) == (5, False, True)
    assert d1.median == 3.0
    assert d1.distribution == (None,) * 5 and d1.established is None
    # The same rule for the headline: 5 of its 6 bodies are not named, so all is shown.
    assert (figures.headline.established.k, figures.headline.established.n) == (4, 6)
    threshold(session, 6)
    figures = compute_sector_figures(session)
    assert figures.headline.median_level == 3.5 and figures.headline.established is None
    assert figures.dimensions[0].counts_withheld and figures.dimensions[0].median == 3.0


def test_a_dimension_of_fewer_bodies_than_the_threshold_has_no_figures(session, sector):
    threshold(session, 6)
    figures = compute_sector_figures(session)
    d0, d1, _ = figures.dimensions
    assert d0.bodies == 6 and not d0.suppressed
    assert d1.suppressed and d1.median is None and d1.distribution == (None,) * 5
    assert not figures.headline.suppressed
    threshold(session, 7)
    figures = compute_sector_figures(session)
    assert figures.headline.suppressed and figures.headline.median_level is None


def test_heatmap_by_type_with_secondary_suppression(session, sector):
    threshold(session, 2)
    figures = compute_sector_figures(session)
    la, hb = figures.heatmap
    assert (la.body_types, hb.body_types) == (("local_authority",), ("health_board",))
    assert (la.body_type, la.combined, hb.combined) == ("local_authority", False, False)
    assert [(c.bodies, c.median) for c in la.cells] == [(4, 2.5), (3, 3.0), (3, 4.0)]
    assert [(c.bodies, c.median) for c in hb.cells] == [(2, 4.5), (2, 3.5), (2, 3.5)]
    threshold(session, 3)
    la, hb = compute_sector_figures(session).heatmap
    # Health boards (2) are too few; alone they could be worked out from the sector's
    # total, so local authorities are withheld too.
    assert all(c.suppressed and c.median is None for c in hb.cells + la.cells)


def test_small_types_are_combined_into_one_row_of_the_heatmap(session, sector):
    r2 = f.assessment_round(session, "r2b", date(2026, 10, 2))
    for slug, body_type, level in (("police-a", "police", 2), ("fire-a", "fire_and_rescue", 4)):
        f.assessment(session, f.organisation(session, slug, body_type=body_type), r2, sector,
                     [level] * 3)
    threshold(session, 3)
    figures = compute_sector_figures(session)
    la, other = figures.heatmap
    assert la.body_types == ("local_authority",) and not la.combined
    # Health boards (2), fire (1) and police (1) are each too few; together they are four.
    assert other.combined
    assert other.body_types == ("health_board", "fire_and_rescue", "police")
    assert [(c.suppressed, c.bodies, c.median) for c in other.cells] == [
        (False, 4, 4.0), (False, 4, 3.0), (False, 4, 3.0)]
    assert [(c.suppressed, c.median) for c in la.cells] == [
        (False, 2.5), (False, 3.0), (False, 4.0)]
    rows = [r for r in published_aggregates(figures)
            if r["figure"] == "type_dimension_median_level"]
    assert {r["body_type"] for r in rows} == {"local_authority",
                                              "health_board+fire_and_rescue+police"}
    # At 4, local authorities' d1 (3 bodies: one did not answer) is too few; alone it could
    # be worked out from the totals, so the other group of four goes with it.
    threshold(session, 4)
    la, other = compute_sector_figures(session).heatmap
    assert [c.suppressed for c in la.cells] == [False, True, True]
    assert [c.suppressed for c in other.cells] == [False, True, True]


def test_change_since_the_previous_round(session, sector):
    threshold(session, 2)
    figures = compute_sector_figures(session)
    assert (figures.current_round, figures.previous_round) == ("r2", "r1")
    d0, d1, d2 = figures.change
    assert (d0.previous, d0.current, d0.delta) == (1.5, 3.0, 1.5)
    assert (d1.previous, d1.current, d1.delta) == (2.0, 3.0, 1.0)
    # r2's d2: 4, 4, 5, 2 -> 4; r1's: 1, 3, 2, 5 -> 2.5
    assert d2.delta == 1.5
    threshold(session, 5)
    assert all(c.suppressed and c.delta is None for c in compute_sector_figures(session).change)


def test_coverage_tiles_and_naming(session, sector):
    threshold(session, 2)
    figures = compute_sector_figures(session)
    assert [(c.body_type, c.assessed, c.total) for c in figures.coverage] == [
        ("local_authority", 4, 4), ("health_board", 2, 2)]
    assert figures.coverage[0].last_accepted == f.utc(2026, 11, 2, 9, 30)
    assert figures.coverage[1].last_accepted is None
    tiles = {t.slug: t for t in figures.tiles}
    assert set(tiles) == {"cardiff", "newport"}
    assert (tiles["cardiff"].status, tiles["cardiff"].level) == ("published", 2.0)
    assert (tiles["newport"].status, tiles["newport"].level) == ("unpublished", None)
    # A short label in each language: Caerdydd and Casnewydd on Welsh pages.
    assert (tiles["cardiff"].code, tiles["cardiff"].code_cy) == ("CRF", "CDD")
    assert (tiles["newport"].code, tiles["newport"].code_cy) == ("NWP", "CNW")
    assert [b.slug for b in figures.named] == ["cardiff"]


def test_export_leaves_withheld_cells_empty_and_flags_them(session, sector):
    threshold(session, 5)
    figures = compute_sector_figures(session, today=date(2027, 1, 1))
    rows = published_aggregates(figures)
    assert json.loads(json.dumps(rows)) == rows  # plain JSON for the endpoint
    level1 = next(r for r in rows if r["figure"] == "bodies_at_level" and r["dimension"] == "d1"
                  and r["level"] == 1)
    assert level1["value"] is None and level1["suppressed"] is True
    lines = aggregates_csv(figures).splitlines()
    assert lines[0] == ("figure,body_type,body_type_name,dimension,dimension_name,level,value,"
                        "low,high,bodies,suppressed,provisional")
    d0, d1 = (d.name_en for d in figures.framework.dimensions[:2])
    assert f"bodies_at_level,,,d1,{d1},1,,,,,yes,no" in lines
    assert f"bodies_at_level,,,d0,{d0},3,2,,,,no,no" in lines


def test_export_names_codes_in_the_language_asked_for(session, sector):
    threshold(session, 1)
    figures = compute_sector_figures(session, today=date(2027, 1, 1))
    english, welsh = published_aggregates(figures, "en"), published_aggregates(figures, "cy")
    typed = [(e, c) for e, c in zip(english, welsh) if e["body_type"]]
    assert typed, "the fixture has figures per type of body"
    for e, c in typed:
        assert e["body_type"] == c["body_type"]  # the codes never change
        assert e["body_type_name"] and e["body_type_name"] != e["body_type"]
        assert c["body_type_name"] != e["body_type_name"]  # Welsh names
    named = next(r for r in welsh if r["dimension"])
    dimension = next(d for d in figures.framework.dimensions if d.key == named["dimension"])
    assert named["dimension_name"] == dimension.name_cy


def test_figures_are_cached_until_the_data_changes(session, sector):
    threshold(session, 2)
    first = sector_figures(session)
    assert sector_figures(session) is first
    r0 = f.assessment_round(session, "r0", date(2024, 1, 1))
    f.assessment(session, f.organisation(session, "body-g"), r0, sector, [3, 3, 3])
    second = sector_figures(session)
    assert second is not first and second.headline.bodies == 7
    threshold(session, 3)
    assert sector_figures(session).threshold == 3


def test_a_new_framework_version_compares_only_where_dimensions_map(session, sector, tmp_path):
    threshold(session, 1)
    old_keys = [d.key for d in sector]
    levels = {str(i): {"en": f"E{i}", "cy": f"C{i}"} for i in range(1, 6)}
    v2 = {
        "version": "2.0", "title_en": "V2", "title_cy": "F2", "published_on": "2027-04-01",
        "level_names": levels,
        "dimensions": [
            {"key": "x0", "maps_to": old_keys[0], "name_en": "X0", "name_cy": "X0",
             "description_en": "", "description_cy": "", "levels": levels},
            {"key": "x1", "name_en": "X1", "name_cy": "X1",
             "description_en": "", "description_cy": "", "levels": levels},
            {"key": "x2", "maps_to": old_keys[2], "name_en": "X2", "name_cy": "X2",
             "description_en": "", "description_cy": "", "levels": levels},
        ],
    }
    path = tmp_path / "maturity_framework_v2.json"
    path.write_text(json.dumps(v2), encoding="utf-8")
    load_framework(session, path)
    session.flush()
    view = framework_view(session)
    assert view.version == "2.0" and [d.key for d in view.dimensions] == ["x0", "x1", "x2"]
    x0, x1, x2 = compute_sector_figures(session).dimensions
    # Old answers count where the dimension maps; the new dimension has none yet.
    assert (x0.bodies, x0.median) == (6, 3.0)
    assert x1.bodies == 0 and x1.suppressed
    assert (x2.bodies, x2.median) == (5, 4.0)
    # A third round on v2: body a answers 2 on x0, 5 on x1.
    new_dims = [d for d in _dimensions(session, view.id)]
    r3 = f.assessment_round(session, "r3", date(2027, 10, 1))
    a = next(o for o in _orgs(session) if o.slug == "cardiff")
    f.assessment(session, a, r3, new_dims, [2, 5, None])
    figures = compute_sector_figures(session)
    x0, x1, _ = figures.dimensions
    assert x1.bodies == 1 and x1.median == 5.0
    # Change r3 vs r2 on x0 maps to d0 of r2; x1 has no previous figure.
    change = {c.key: c for c in figures.change}
    assert (change["x0"].previous, change["x0"].current) == (3.0, 2.0)
    assert change["x1"].previous is None


def _dimensions(session, framework_id):
    from sqlmodel import select

    from dashboard.models import MaturityDimension

    return session.exec(select(MaturityDimension).where(
        MaturityDimension.framework_id == framework_id).order_by(MaturityDimension.position)).all()


def _orgs(session):
    from sqlmodel import select

    from dashboard.models import Organisation

    return session.exec(select(Organisation)).all()


def test_no_accepted_assessment_yet(session):
    f.framework(session, dimensions=2)
    figures = compute_sector_figures(session)
    assert figures.headline.bodies == 0 and figures.headline.suppressed
    assert [d.bodies for d in figures.dimensions] == [0, 0]
    assert figures.change == [] and figures.named == []
    assert aggregates_csv(figures).startswith("figure,")


def test_figures_of_a_round_still_open_are_provisional(session, sector):
    threshold(session, 2)
    # r2 runs from 1 October to 30 November 2026.
    during = compute_sector_figures(session, today=date(2026, 11, 1))
    assert during.current_round == "r2" and during.provisional
    assert during.round_closes_on == date(2026, 11, 30)
    after = compute_sector_figures(session, today=date(2026, 12, 1))
    assert not after.provisional
    rows = published_aggregates(during)
    assert rows and all(r["provisional"] is True for r in rows)
    assert all(line.endswith(",yes") for line in aggregates_csv(during).splitlines()[1:])
    assert all(r["provisional"] is False for r in published_aggregates(after))
    # The cache knows the day: the same data is provisional one day and final the next.
    assert sector_figures(session, today=date(2026, 11, 30)).provisional
    assert not sector_figures(session, today=date(2026, 12, 1)).provisional


def test_a_body_never_assessed_says_so_to_everyone(session, sector):
    from dashboard.domain.auth import SYSTEM, VISITOR

    never = f.organisation(session, "never-assessed")
    for actor in (VISITOR, SYSTEM):
        view = body_view(session, actor, never.slug)
        assert not view.assessed and view.round_name is None
        assert view.next_steps == [] and not view.at_top_level
        assert all(d.level is None for d in view.dimensions)
    # An assessed body that did not agree to be named: a different, clear message.
    with pytest.raises(PermissionDenied) as refused:
        body_view(session, VISITOR, "newport")
    assert refused.value.msgid == "This body has not agreed to have its results published."
    assessed = body_view(session, SYSTEM, "newport")
    assert assessed.assessed and not assessed.at_top_level


def test_a_body_report_from_a_round_still_open_is_provisional(session, sector):
    from dashboard.domain.auth import VISITOR

    threshold(session, 2)
    view = body_view(session, VISITOR, "cardiff", today=date(2026, 11, 1))
    assert view.round_name == "r2" and view.provisional
    assert [name for name, _levels in view.history] == ["r1", "r2"]
    assert view.open_rounds == ("r2",)
    later = body_view(session, VISITOR, "cardiff", today=date(2027, 1, 1))
    assert not later.provisional and later.open_rounds == ()


def test_a_level_reads_the_same_on_the_overview_as_in_the_export():
    from dashboard.domain.maturity.levels import format_level

    assert [format_level(v) for v in (None, 3.0, 2.5, 2.75, 2.666)] == [
        "–", "3", "2.5", "2.75", "2.67"]
