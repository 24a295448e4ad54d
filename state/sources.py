"""Data sources page: where Cymuned's data comes from and how the last sync went."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.clock import utc_now
from dashboard.domain.sources.data_sources import SourceRow, list_sources
from state.base import AppState
from state.rows import Bilingual, moment, welsh_or_english


@dataclass(frozen=True)
class SourceItem:
    id: int
    name: Bilingual
    name_untranslated: bool  # no Welsh yet: the Welsh shows the English
    kind: str
    status: str  # empty when the source has never been synced
    finished: Bilingual
    message: str


def source_item(row: SourceRow) -> SourceItem:
    name, missing = welsh_or_english(row.name, row.name_cy)
    return SourceItem(id=row.id, name=name, name_untranslated=missing, kind=row.kind,
                                status=row.last_status or "", finished=moment(row.last_finished_at),
                      message=row.last_message or "")


class SourcesState(AppState):
    rows: list[SourceItem] = []

    @rx.event
    def load(self):
        rows = self._read(lambda session, actor: list_sources(session, actor, utc_now()))
        self.rows = [source_item(row) for row in rows or []]
