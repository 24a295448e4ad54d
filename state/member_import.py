"""The steering group's member import: upload, map columns, preview, commit (all or nothing).

The steps and the rejected rows are the import wizard's (``state.import_wizard``); this class
says how a members file is read, mapped, checked and written, and keeps what only this import
shows in its preview: the body names the registry does not know, each with the closest
registry bodies and the choice made for it, and the rows merged because they share an email.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.clock import utc_now
from dashboard.domain.importing import Preview, Table
from dashboard.domain.membership.joining import OTHER_BODY
from dashboard.domain.membership.member_import import (
    FIELDS,
    REQUIRED,  # noqa: F401  (the page marks these fields as required)
    MemberPreview,
    commit_import,
    preview_import,
    read_table,
    suggest_mapping,
)
from state.base import AppState
from state.body_picker import BodyChoice
from state.import_wizard import ImportWizard
from state.rows import Bilingual


@dataclass(frozen=True)
class UnmatchedItem:
    """A body name the registry does not know, as written in the file."""

    key: str  # what the choice is kept by
    name: str
    rows: str  # the rows that give it, "3, 7"
    count: int  # how many rows
    closest: list[BodyChoice]  # the registry bodies most like it, best first
    choice: str  # a body's id, OTHER_BODY (keep the name as written) or "" (not yet)


@dataclass(frozen=True)
class MergedItem:
    """Rows of the file for one email, imported as one member."""

    rows: str  # "2, 9"
    email: str


def _numbers(rows) -> str:
    return ", ".join(str(row) for row in rows)


class MemberImportState(ImportWizard, AppState):
    unmatched: list[UnmatchedItem] = []
    merged: list[MergedItem] = []
    body_choices: dict[str, str] = {}  # a body name's key -> a body's id or OTHER_BODY

    def _import_fields(self) -> tuple[str, ...]:
        return FIELDS

    def _import_read(self, data: bytes, filename: str) -> Table:
        return read_table(data, filename)

    def _import_suggest(self, headers: list[str]) -> dict[str, str]:
        # The wizard keeps the table before asking: the columns' values help the guess.
        rows = self._table.rows if self._table is not None else None
        return suggest_mapping(headers, rows)

    def _import_check(self, session: Session, actor: Actor, table: Table,
                      mapping: dict[str, str]) -> Preview:
        return preview_import(session, actor, table, mapping, dict(self.body_choices))

    def _import_checked(self, preview: Preview) -> None:
        if not isinstance(preview, MemberPreview):
            return
        self.unmatched = [
            UnmatchedItem(u.key, u.name, _numbers(u.rows), len(u.rows),
                          [BodyChoice(b.id, Bilingual(b.name_en, b.name_cy)) for b in u.closest],
                          self.body_choices.get(u.key, ""))
            for u in preview.unmatched]
        self.merged = [MergedItem(_numbers((r.row, *r.merged_rows)), r.email)
                       for r in preview.merged]

    def _import_commit(self, session: Session, actor: Actor, table: Table,
                       mapping: dict[str, str]) -> tuple[int, int, int]:
        return commit_import(session, actor, preview_import(
            session, actor, table, mapping, dict(self.body_choices)), utc_now())

    def _import_done(self, result: tuple[int, int, int]) -> None:
        added, updated, unchanged = result
        self._say("Members imported: {added} added, {updated} updated, {unchanged} unchanged.",
                  added=added, updated=updated, unchanged=unchanged)

    def _reset_import(self) -> None:
        super()._reset_import()
        self.unmatched, self.merged, self.body_choices = [], [], {}

    @rx.event
    async def choose_body(self, key: str, choice: str):
        """For a body name the registry does not know: a registry body, OTHER_BODY (keep
        the name as written) or "" (undecided); then check every row again."""
        if key not in {u.key for u in self.unmatched}:
            return
        self.body_choices = {**self.body_choices, key: str(choice)}
        await self._check_rows()

    @rx.event
    async def keep_all_as_other(self):
        """Every body name still undecided is kept as written."""
        undecided = {u.key: OTHER_BODY for u in self.unmatched if not u.choice}
        if undecided:
            self.body_choices = {**self.body_choices, **undecided}
            await self._check_rows()
