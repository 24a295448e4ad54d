"""Attendance import on the event page (steering group): upload a CSV or Excel export, map
its columns, check every row, then import them all or nothing.

The steps and the rejected rows are the import wizard's (``state.import_wizard``); this class
says how an attendance file is read, mapped, checked and written, for the event in the
page's address. A building block of the event page, not a page.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.clock import utc_now
from dashboard.domain.events.attendance_import import (
    FIELDS,
    AttendanceResult,
    import_table,
    preview_import,
    read_table,
    suggest_mapping,
)
from dashboard.domain.importing import Preview, Table
from state.base import AppState
from state.event import EventState
from state.import_wizard import ImportWizard


def columns(mapping: dict[str, str]) -> tuple[str | None, str]:
    """The email column (None: the one guessed from the headings) and the attended column
    ("": none, everyone listed attended)."""
    return mapping.get("email") or None, mapping.get("attended", "")


class AttendanceImportState(ImportWizard, AppState):
    # The event whose attendance is imported: the one in the page's address.
    event_id: int = 0

    @rx.event
    def load(self):
        raw = self._url_part()
        self.event_id = int(raw) if raw.isdigit() else 0
        self._reset_import()

    def _import_fields(self) -> tuple[str, ...]:
        return FIELDS

    def _import_read(self, data: bytes, filename: str) -> Table:
        return read_table(data, filename)

    def _import_suggest(self, headers: list[str]) -> dict[str, str]:
        return suggest_mapping(headers)

    def _import_check(self, session: Session, actor: Actor, table: Table,
                      mapping: dict[str, str]) -> Preview:
        return preview_import(session, actor, self.event_id, table, *columns(mapping))

    def _import_commit(self, session: Session, actor: Actor, table: Table,
                       mapping: dict[str, str]) -> AttendanceResult:
        return import_table(session, actor, self.event_id, table, self.filename, utc_now(),
                            *columns(mapping))

    def _import_done(self, result: AttendanceResult):
        self._say("Attendance imported: {added} added, {updated} updated, {unchanged} "
                  "unchanged; {members} members and {anonymous} others.",
                  added=result.added, updated=result.updated, unchanged=result.unchanged,
                  members=result.members, anonymous=result.anonymous)
        return EventState.refresh  # the attendance figures change
