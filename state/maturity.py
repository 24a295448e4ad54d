"""Maturity page: the sector's spread of levels per dimension."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.levels import format_level, level_names
from dashboard.domain.maturity import dimension_summaries
from dashboard.domain.overview import sector_readiness
from state.base import AppState


class MaturityState(AppState):
    dimensions: list[dict[str, str]] = []
    level_names_en: list[str] = []
    level_names_cy: list[str] = []
    readiness: str = "–"
    bodies_assessed: int = 0

    @rx.event
    def load(self):
        with rx.session() as session:
            summaries = dimension_summaries(session)
            names = level_names(session)
            readiness = sector_readiness(session)
        self.readiness = format_level(readiness.median_level)
        self.bodies_assessed = readiness.bodies_assessed
        self.level_names_en = [names.get(i, {}).get("en", str(i)) for i in range(1, 6)]
        self.level_names_cy = [names.get(i, {}).get("cy", str(i)) for i in range(1, 6)]
        self.dimensions = [
            {
                "key": s.key, "name_en": s.name_en, "name_cy": s.name_cy,
                "bodies": str(s.bodies), "median": format_level(s.median),
                **{f"l{level}": str(count) for level, count in enumerate(s.distribution, start=1)},
                **{f"w{level}": f"{100 * count / s.bodies:.1f}%" if s.bodies else "0%"
                   for level, count in enumerate(s.distribution, start=1)},
            }
            for s in summaries
        ]
