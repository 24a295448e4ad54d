"""The steering group's member import: upload, map columns, preview, commit (all or nothing).

The steps and the rejected rows are the import wizard's (``state.import_wizard``); this class
says how a members file is read, mapped, checked and written.
"""

from __future__ import annotations

from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.clock import utc_now
from dashboard.domain.importing import Preview, Table
from dashboard.domain.membership.member_import import (
    FIELDS,
    commit_import,
    preview_import,
    read_table,
    suggest_mapping,
)
from state.base import AppState
from state.import_wizard import ImportWizard


class MemberImportState(ImportWizard, AppState):
    def _import_fields(self) -> tuple[str, ...]:
        return FIELDS

    def _import_read(self, data: bytes, filename: str) -> Table:
        return read_table(data, filename)

    def _import_suggest(self, headers: list[str]) -> dict[str, str]:
        return suggest_mapping(headers)

    def _import_check(self, session: Session, actor: Actor, table: Table,
                      mapping: dict[str, str]) -> Preview:
        return preview_import(session, actor, table, mapping)

    def _import_commit(self, session: Session, actor: Actor, table: Table,
                       mapping: dict[str, str]) -> tuple[int, int, int]:
        return commit_import(session, actor, preview_import(session, actor, table, mapping),
                             utc_now())

    def _import_done(self, result: tuple[int, int, int]) -> None:
        added, updated, unchanged = result
        self._say("Members imported: {added} added, {updated} updated, {unchanged} unchanged.",
                  added=added, updated=updated, unchanged=unchanged)
