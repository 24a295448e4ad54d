"""Maturity page: the leaders' view of sector readiness (every figure published safely:
a group of fewer bodies than the threshold is withheld) and the bodies that agreed to be
named.

The figures come from ``sector_figures`` (cached per data version); the state keeps only
what the page shows, as typed rows. Levels are numbers as the export gives them (two
decimal places at most), shares whole percents: the browser shows the number, so it reads
as the server formats it.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.disclosure import Proportion
from dashboard.domain.maturity.framework import LEVELS
from dashboard.domain.maturity.levels import shown_level
from dashboard.domain.maturity.publishing import named_bodies
from dashboard.domain.maturity.sector import (
    Change,
    CoverageRow,
    DimensionFigures,
    HeatRow,
    NamedBody,
    SectorFigures,
    Tile,
    sector_figures,
)
from dashboard.domain.paging import Page
from dashboard.i18n import translate
from dashboard.vocabulary import BODY_TYPES
from state.base import AppState
from state.paged_list import PagedList
from state.rows import AxisTick, Bilingual, axis, day, each_language, share_of


def band(value: float | None) -> int:
    """The colour band (1..5) of a level; 0 when there is none."""
    return 0 if value is None else max(1, min(5, int(value)))


def percent(value: float) -> int:
    """A share in whole percent, rounded as it always was shown ("12%" for 0.125)."""
    return int(f"{100 * value:.0f}")


def body_href(slug: str) -> str:
    return routes.MATURITY_BODY.replace("[slug]", slug)


@dataclass(frozen=True)
class Share:
    """A share of bodies in whole percent, with its 95% (Wilson) interval."""

    percent: int
    low: int
    high: int


def share(value: Proportion | None) -> Share | None:
    if value is None:
        return None
    return Share(percent(value.value), percent(value.low), percent(value.high))


@dataclass(frozen=True)
class DimensionRow:
    name: Bilingual
    bodies: int
    withheld: bool  # too few bodies answered: nothing shown
    median: float | None
    # Bodies at levels 1..5: all shown, or all None (withheld).
    counts: list[int | None]
    established: Share | None  # None where withheld
    counts_withheld: bool


def dimension_row(d: DimensionFigures) -> DimensionRow:
    return DimensionRow(name=Bilingual(d.name_en, d.name_cy), bodies=d.bodies,
                        withheld=d.suppressed, median=shown_level(d.median),
                        counts=list(d.distribution), established=share(d.established),
                        counts_withheld=d.counts_withheld)


@dataclass(frozen=True)
class ChartBar:
    """One dimension's bar: bodies at each level stacked; or, where the counts are withheld,
    one bar of all its bodies, drawn apart (never stacked on the levels). ``widths``: each
    part's length (levels 1 to 5, then the withheld bar) as a share of the axis, for CSS."""

    name: Bilingual
    l1: int
    l2: int
    l3: int
    l4: int
    l5: int
    withheld: int
    widths: list[str]


def _bar_parts(d: DimensionFigures) -> list[int]:
    """The bodies in each part of ``d``'s bar: levels 1 to 5, then the withheld bar."""
    if d.counts_withheld:
        return [0] * 5 + [d.bodies]
    return [c or 0 for c in d.distribution] + [0]


def chart_axis(dimensions: list[DimensionFigures]) -> tuple[list[ChartBar], list[AxisTick]]:
    """The distribution chart's bars and its axis, which ends at the round number at or just
    past the largest bar."""
    parts = [_bar_parts(d) for d in dimensions]
    ticks = axis(max((sum(p) for p in parts), default=0))
    end = ticks[-1].value
    return [ChartBar(Bilingual(d.name_en, d.name_cy), *p, widths=[share_of(n, end) for n in p])
            for d, p in zip(dimensions, parts, strict=True)], ticks


@dataclass(frozen=True)
class HeatCell:
    withheld: bool
    median: float | None
    bodies: int
    band: int


@dataclass(frozen=True)
class HeatmapRow:
    label: Bilingual  # the type of body, or "Other types of body, combined"
    combined: bool
    types: Bilingual  # the types in a combined row ("Fire and rescue, Police"); else empty
    cells: list[HeatCell]  # in dimension order


def body_type_names(types: tuple[str, ...]) -> Bilingual:
    return each_language(
        lambda lang: ", ".join(translate(BODY_TYPES.get(t, t), lang) for t in types))


def heatmap_row(row: HeatRow, alone: bool = False) -> HeatmapRow:
    """``alone``: the only row (every type too small on its own)."""
    label = body_type_names(row.body_types)
    if row.combined:
        label = (each_language(lambda lang: translate("All types of body, combined", lang))
                 if alone else
                 each_language(lambda lang: translate("Other types of body, combined", lang)))
    return HeatmapRow(label, row.combined,
                      body_type_names(row.body_types) if row.combined else Bilingual(), [
        HeatCell(withheld=c.suppressed, median=None if c.suppressed else shown_level(c.median),
                 bodies=0 if c.suppressed else c.bodies,
                 band=0 if c.suppressed else band(c.median))
        for c in row.cells
    ])


@dataclass(frozen=True)
class ChangeRow:
    name: Bilingual
    withheld: bool
    previous: float | None
    current: float | None
    delta: float | None


def change_row(c: Change) -> ChangeRow:
    return ChangeRow(Bilingual(c.name_en, c.name_cy), c.suppressed, shown_level(c.previous),
                     shown_level(c.current), None if c.delta is None else round(c.delta, 1))


@dataclass(frozen=True)
class CoverageItem:
    body_type: str
    assessed: int
    total: int
    percent: int
    last_accepted: Bilingual


def coverage_item(c: CoverageRow) -> CoverageItem:
    return CoverageItem(c.body_type, c.assessed, c.total,
                        percent(c.assessed / c.total) if c.total else 0,
                        day(c.last_accepted.date() if c.last_accepted else None))


@dataclass(frozen=True)
class TileItem:
    slug: str
    href: str
    code: Bilingual  # a short label in each language ("CRF", "CDD")
    name: Bilingual
    row: int  # grid row and column, from 1
    column: int
    # "published" (level shown), "unpublished" (assessed, not named), "none" (not assessed)
    status: str
    level: float | None
    band: int


def tile_item(tile: Tile) -> TileItem:
    return TileItem(tile.slug, body_href(tile.slug),
                    Bilingual(tile.code, tile.code_cy or tile.code),
                    Bilingual(tile.name_en, tile.name_cy), tile.row + 1, tile.column + 1,
                    tile.status, shown_level(tile.level), band(tile.level))


@dataclass(frozen=True)
class NamedItem:
    slug: str
    href: str
    name: Bilingual
    body_type: str
    level: float


def named_item(body: NamedBody) -> NamedItem:
    return NamedItem(body.slug, body_href(body.slug), Bilingual(body.name_en, body.name_cy),
                     body.body_type, shown_level(body.level))


class MaturityState(AppState):
    loaded: bool = False  # until then the page says it is loading (no figures that look real)
    threshold: int = 5
    bodies: int = 0
    headline_suppressed: bool = True
    readiness: float | None = None
    established: Share | None = None
    level_names: list[Bilingual] = [Bilingual() for _level in LEVELS]
    dimensions: list[DimensionRow] = []
    chart: list[ChartBar] = []
    chart_ticks: list[AxisTick] = []
    heat_head: list[Bilingual] = []
    heat_rows: list[HeatmapRow] = []
    change: list[ChangeRow] = []
    current_round: str = ""
    previous_round: str = ""
    # The current round is still open: every figure may change (marked "provisional").
    provisional: bool = False
    round_closes: Bilingual = Bilingual()
    coverage: list[CoverageItem] = []
    tiles: list[TileItem] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            figures = sector_figures(session, today=london_today(utc_now()))
        self._show(figures)

    def _show(self, figures: SectorFigures) -> None:
        self.threshold = figures.threshold
        h = figures.headline
        self.bodies = h.bodies
        self.headline_suppressed = h.suppressed
        self.readiness = shown_level(h.median_level)
        self.established = share(h.established)
        names = figures.framework.level_names if figures.framework else {}
        self.level_names = [Bilingual(names.get(i, {}).get("en", str(i)),
                                      names.get(i, {}).get("cy", str(i))) for i in LEVELS]
        self.dimensions = [dimension_row(d) for d in figures.dimensions]
        self.chart, self.chart_ticks = chart_axis(figures.dimensions)
        dims = figures.framework.dimensions if figures.framework else []
        self.heat_head = [Bilingual(d.name_en, d.name_cy) for d in dims]
        self.heat_rows = [heatmap_row(row, alone=len(figures.heatmap) == 1)
                          for row in figures.heatmap]
        self.current_round = figures.current_round or ""
        self.previous_round = figures.previous_round or ""
        self.provisional = figures.provisional
        self.round_closes = day(figures.round_closes_on)
        self.change = [change_row(c) for c in figures.change]
        self.coverage = [coverage_item(c) for c in figures.coverage]
        self.tiles = [tile_item(t) for t in figures.tiles]
        self.loaded = True


class NamedBodiesState(PagedList, AppState):
    """The bodies that agreed to be named, a page at a time."""

    rows: list[NamedItem] = []

    def _fetch_page(self, page: int) -> Page[NamedItem]:
        with rx.session() as session:
            result = named_bodies(session, page)  # from the cached figures
        return Page([named_item(b) for b in result.rows], result.total, result.page,
                    result.page_size)

    @rx.event
    def load(self):
        self.show_page(self.page)
