"""Data sources page: where Cymuned's data comes from and how the last sync went."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import format_when
from dashboard.domain.sources.data_sources import list_sources
from state.base import AppState


class SourcesState(AppState):
    sources: list[dict[str, str]] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            rows = list_sources(session)
        self.sources = [
            {
                "name": s.name, "kind": s.kind, "url": s.url or "",
                "status": s.last_status or "",
                "when_en": format_when(s.last_finished_at, None, "en") if s.last_finished_at else "",
                "when_cy": format_when(s.last_finished_at, None, "cy") if s.last_finished_at else "",
                "message": s.last_message or "",
                "counts": "" if s.last_counts is None else "{} / {} / {}".format(*s.last_counts),
            }
            for s in rows
        ]
