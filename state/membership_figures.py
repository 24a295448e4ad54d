"""The membership figures as the Members page shows them: typed rows (numbers as numbers,
labels and months in both languages), built from the domain's figures. The same for every
reader, so the page computes them once per data version (``state.live.shared_cache``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from babel.dates import format_date

from dashboard.domain.clock import BABEL_LOCALES, utc_now
from dashboard.domain.membership import figures
from dashboard.i18n import translate
from dashboard.vocabulary import BODY_TYPES, REGIONS
from state.rows import Bilingual, each_language


def _month(value: date) -> Bilingual:
    return each_language(lambda lang: format_date(value, "MMM yyyy", locale=BABEL_LOCALES[lang]))



@dataclass(frozen=True)
class CoverageItem:
    key: str  # a body type or a region code
    label: Bilingual
    represented: int
    total: int
    missing: int
    percent: int


@dataclass(frozen=True)
class MonthItem:
    month: Bilingual
    joiners: int
    leavers: int
    net: int
    members: int
    active: int


@dataclass(frozen=True)
class CohortItem:
    month: Bilingual
    joined: int
    members: int  # still members
    active: int  # still active
    retention: int  # percent still active


def coverage_items(rows: list[figures.CoverageRow], names: dict[str, str]) -> list[CoverageItem]:
    def label(key: str) -> Bilingual:
        return each_language(lambda lang: translate(names.get(key, key), lang))

    return [CoverageItem(r.key, label(r.key), r.represented, r.total, r.total - r.represented,
                         r.percent) for r in rows]


def coverage_figures() -> tuple[list[CoverageItem], list[CoverageItem]]:
    with rx.session() as session:
        types = figures.coverage_by(session, "body_type")
        regions = figures.coverage_by(session, "region")
    return coverage_items(types, BODY_TYPES), coverage_items(regions, REGIONS)


def growth_figures(months: int) -> tuple[list[MonthItem], list[CohortItem]]:
    now = utc_now()
    with rx.session() as session:
        growth = figures.growth_by_month(session, now, months)
        cohorts = figures.cohort_retention(session, now, months)
    return ([MonthItem(_month(g.month), g.joiners, g.leavers, g.net, g.members, g.active)
             for g in growth],
            [CohortItem(_month(c.month), c.joined, c.still_members, c.still_active,
                        c.retention) for c in cohorts])
