"""What is published: the aggregates (JSON and CSV), with withheld cells empty and every
row flagged provisional while the current round is still open, and the bodies that agreed
to be named."""

from __future__ import annotations

from sqlmodel import Session

from dashboard.domain.exporting import spreadsheet_safe
from dashboard.domain.maturity.framework import (
    LEVELS,
)
from dashboard.domain.maturity.sector import (
    NamedBody,
    SectorFigures,
    sector_figures,
)
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, clamp_page
from dashboard.i18n import translate
from dashboard.vocabulary import BODY_TYPES

# --- published aggregates (CSV, JSON endpoint) --------------------------------------------


AGGREGATE_COLUMNS = ("figure", "body_type", "body_type_name", "dimension", "dimension_name",
                     "level", "value", "low", "high", "bodies", "suppressed", "provisional")


def _body_type_name(codes: str, lang: str) -> str:
    """A type of body's display name; a combined group ("health_board+police") as its
    members' names joined with " + "."""
    return " + ".join(translate(BODY_TYPES.get(code, code), lang)
                      for code in codes.split("+") if code)


def _plain(value):
    """numpy numbers (from pandas) as Python ones, for JSON."""
    return value.item() if hasattr(value, "item") else value


def published_aggregates(figures: SectorFigures, lang: str = "en") -> list[dict]:
    """The figures as flat rows; a withheld value is None with ``suppressed`` True, and each
    row says whether the figures are provisional (the current round is still open). Levels
    exactly as the page shows them (a median of 2.75 is 2.75 on both). Codes stay for tools;
    ``body_type_name`` and ``dimension_name`` are their display names in ``lang``."""
    rows: list[dict] = []
    dimension_names = {d.key: (d.name_cy if lang == "cy" else d.name_en)
                       for d in (figures.framework.dimensions if figures.framework else [])}

    def add(figure, value, *, body_type="", dimension="", level="", bodies=None,
            suppressed=False, low=None, high=None):
        rows.append({"figure": figure, "body_type": body_type,
                     "body_type_name": _body_type_name(body_type, lang),
                     "dimension": dimension, "dimension_name": dimension_names.get(dimension, ""),
                     "level": level, "value": None if suppressed else _plain(value),
                     "low": None if suppressed else low, "high": None if suppressed else high,
                     "bodies": _plain(bodies), "suppressed": bool(suppressed),
                     "provisional": figures.provisional})

    h = figures.headline
    add("median_level", h.median_level, bodies=h.bodies, suppressed=h.suppressed)
    est = h.established
    add("share_at_level_3_or_above", round(est.value, 4) if est else None, bodies=h.bodies,
        suppressed=est is None, low=round(est.low, 4) if est else None,
        high=round(est.high, 4) if est else None)
    for d in figures.dimensions:
        add("dimension_median_level", d.median, dimension=d.key, bodies=d.bodies,
            suppressed=d.suppressed)
        for level, count in zip(LEVELS, d.distribution):
            add("bodies_at_level", count, dimension=d.key, level=level, suppressed=count is None)
        e = d.established
        add("share_at_level_3_or_above", round(e.value, 4) if e else None, dimension=d.key,
            bodies=d.bodies, suppressed=e is None, low=round(e.low, 4) if e else None,
            high=round(e.high, 4) if e else None)
    dims = figures.framework.dimensions if figures.framework else []
    for row in figures.heatmap:
        for dim, cell in zip(dims, row.cells):
            add("type_dimension_median_level", cell.median, body_type=row.body_type,
                dimension=dim.key, bodies=None if cell.suppressed else cell.bodies,
                suppressed=cell.suppressed)
    for c in figures.change:
        add("change_in_median_level", c.delta, dimension=c.key, suppressed=c.suppressed)
    for c in figures.coverage:
        add("bodies_assessed", c.assessed, body_type=c.body_type, bodies=c.total)
    return rows


def aggregates_csv(figures: SectorFigures, lang: str = "en") -> str:
    """CSV of the published aggregates: withheld cells empty, flagged in ``suppressed``."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AGGREGATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in published_aggregates(figures, lang):
        writer.writerow({k: spreadsheet_safe(
            "" if row[k] is None else
            ("yes" if row[k] is True else "no" if row[k] is False else row[k]))
            for k in AGGREGATE_COLUMNS})
    return out.getvalue()


def named_bodies(session: Session, page: int,
                 page_size: int = DEFAULT_PAGE_SIZE) -> Page[NamedBody]:
    """One page of the bodies that agreed to be named (from the cached sector figures)."""
    named = sector_figures(session).named
    page = clamp_page(page, len(named), page_size)
    start = (page - 1) * page_size
    return Page(rows=named[start:start + page_size], total=len(named), page=page,
                page_size=page_size)
