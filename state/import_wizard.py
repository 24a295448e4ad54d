"""The one import wizard: upload a file, match its columns, check every row, import it all.

An import's state is a small class of its own, ``class XImportState(ImportWizard,
AppState)``, implementing the hooks below (what the file is read with, which fields it maps,
how its rows are checked and written, what to say afterwards); the page shows it with
``components.import_wizard.import_wizard(XImportState, ...)``. The steps: upload -> map ->
preview. The file itself stays on the server (a backend-only var); the browser gets its
headings, the mapping, the counts and one page of the rejected rows, each with its row number
and every reason, in English and Welsh.

The role is checked on the server before the upload is read, then its size (the setting
CYMUNED_UPLOAD_MAX_MB). Reading the file (parsing a CSV or workbook, which a crafted file can
make slow) runs in a background event on a thread, without the state's lock, so the tab and
the worker stay responsive; checking the rows runs on a thread too. The domain checks the
role again on every check and on the commit, which writes everything in one transaction or
nothing. The file's bytes are dropped as soon as they are read, and the rows once the import
ends or is cancelled (``_reset_import``): personal data does not linger in a tab's state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx
from sqlmodel import Session

from dashboard.domain.auth import Actor
from dashboard.domain.errors import DomainError
from dashboard.domain.importing import Preview, Rejected, Table, check_size, upload_limit
from dashboard.domain.paging import Page, clamp_page
from dashboard.i18n import in_both
from dashboard.models import Role
from state.paged_list import PagedList
from state.rows import Bilingual, each_language

REJECTED_PAGE = 50  # rejected rows the browser gets at a time


@dataclass(frozen=True)
class RejectedRow:
    row: int  # the row in the file (row 1 holds the headings)
    reasons: Bilingual  # every problem of the row, one a line


def rejected_row(rejected: Rejected) -> RejectedRow:
    texts = [in_both(problem.msgid, **problem.params) for problem in rejected.problems]
    return RejectedRow(rejected.row, each_language(lambda lang: "\n".join(t[lang] for t in texts)))


class ImportWizard(PagedList, mixin=True):
    """Upload -> map -> preview -> commit. The paged list is the rejected rows."""

    step: str = "upload"  # "upload", "reading" (the file), "map" or "preview"
    filename: str = ""
    headers: list[str] = []  # the file's headings
    mapping: dict[str, str] = {}  # field -> heading ("" when the file has none)
    ready: int = 0  # rows ready to import
    to_add: int = 0
    to_update: int = 0
    unchanged: int = 0
    rows: list[RejectedRow] = []  # one page of the rejected rows; ``total`` counts them all
    _table: Table | None = None
    _rejected: list[RejectedRow] = []
    # The uploaded file (name, bytes) between the upload and its reading in the background;
    # dropped as the reading starts.
    _pending: tuple[str, bytes] | None = None
    _reading: int = 0  # which upload the background reading is for (a newer one wins)

    # --- hooks: each import implements these -------------------------------------------

    def _import_fields(self) -> Sequence[str]:
        """The fields the columns are mapped to, in form order."""
        raise NotImplementedError

    def _import_read(self, data: bytes, filename: str) -> Table:
        """The file as a table (the feature's ``read_table``). Runs off the event loop: read
        no vars here."""
        raise NotImplementedError

    def _import_suggest(self, headers: list[str]) -> dict[str, str]:
        """field -> heading, guessed from the headings (the feature's ``suggest_mapping``)."""
        return {}

    def _import_check(self, session: Session, actor: Actor, table: Table,
                      mapping: dict[str, str]) -> Preview:
        """Check every row, writing nothing (the domain checks the role). Runs off the event
        loop while the state is locked: it may read vars, but sets none."""
        raise NotImplementedError

    def _import_commit(self, session: Session, actor: Actor, table: Table,
                       mapping: dict[str, str]) -> Any:
        """Check again and write every row in this transaction, or raise (all or nothing)."""
        raise NotImplementedError

    def _import_done(self, result: Any) -> Any:
        """Say what was imported (``result``: what ``_import_commit`` returned); may return
        an event for ``commit`` to return (e.g. another state's refresh)."""
        raise NotImplementedError

    def _import_checked(self, preview: Preview) -> None:
        """After a check, on the event loop: keep what else the import shows of it (e.g. the
        survey's answers that no level is known for)."""

    def _import_role(self) -> Role:
        """Who may upload a file at all (checked before it is read)."""
        return Role.STEERING

    def _import_max_bytes(self) -> int:
        return upload_limit()

    # --- the steps -----------------------------------------------------------------------

    @rx.event
    def load(self):
        self._reset_import()

    def _reset_import(self) -> None:
        self.step, self.filename, self.headers = "upload", "", []
        self.mapping = {name: "" for name in self._import_fields()}
        self.ready = self.to_add = self.to_update = self.unchanged = 0
        self._table, self._rejected, self._pending = None, [], None
        self.show_page(1)

    @rx.event
    def cancel(self):
        """Start again: the file and its rows are dropped from the server."""
        self._clear_notice()
        self._reading += 1  # a reading still going on is not shown
        self._reset_import()

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Check the role, then the size, keep the file and read it in the background."""
        self._clear_notice()
        if not self._has_role(self._import_role()):  # before anything of the file is read
            self._say("You do not have permission to do that.", error=True)
            return None
        if not files:
            self._say("Choose a CSV or Excel file to import.", error=True)
            return None
        file, limit = files[0], self._import_max_bytes()
        try:
            check_size(getattr(file, "size", None) or 0, limit)
            data = await file.read()
            check_size(len(data), limit)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return None
        self._reset_import()
        self._pending, self._reading = (file.name or "import.csv", data), self._reading + 1
        self.step = "reading"
        return type(self).read_upload

    @rx.event(background=True)
    async def read_upload(self):
        """Read the uploaded file on a thread, without holding the state's lock."""
        async with self:
            pending, reading = self._pending, self._reading
            self._pending = None  # the bytes are not kept once read
            if pending is None or not self._has_role(self._import_role()):
                return
        name, data = pending
        try:
            table = await asyncio.to_thread(self._import_read, data, name)
        except DomainError as error:
            async with self:
                if self._reading == reading:
                    self.step = "upload"
                    self._say(error.msgid, error=True, **error.params)
            return
        async with self:
            if self._reading != reading:  # cancelled, or another file uploaded since
                return
            self._table, self.filename, self.headers = table, name, list(table.headers)
            self.mapping = {**self.mapping, **self._import_suggest(list(table.headers))}
            self.step = "map"

    @rx.event
    def set_mapping(self, name: str, heading: str):
        if name in self.mapping:
            self.mapping = {**self.mapping, name: heading}

    @rx.event
    async def check(self):
        """Preview: check every row, change nothing."""
        await self._check_rows()

    async def _check_rows(self) -> None:
        """Check every row again (an import's own events call it after changing what the
        rows are checked with); on a problem, say so and stay on the step shown."""
        if self._table is None:
            return
        table, mapping = self._table, dict(self.mapping)
        try:
            preview, rejected = await asyncio.to_thread(self._checked, table, mapping)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return
        self._clear_notice()
        self.ready = preview.accepted
        self.to_add, self.to_update = preview.to_add, preview.to_update
        self.unchanged = preview.unchanged
        self._rejected = rejected
        self._import_checked(preview)
        self.show_page(1)
        self.step = "preview"

    def _checked(self, table: Table, mapping: dict[str, str]) -> tuple[Preview,
                                                                        list[RejectedRow]]:
        with rx.session() as session:
            preview = self._import_check(session, self._actor(session), table, mapping)
        return preview, [rejected_row(r) for r in preview.rejected]

    def _fetch_page(self, page: int) -> Page[RejectedRow]:
        total = len(self._rejected)
        page = clamp_page(page, total, REJECTED_PAGE)
        start = (page - 1) * REJECTED_PAGE
        return Page(self._rejected[start:start + REJECTED_PAGE], total, page, REJECTED_PAGE)

    @rx.event
    def back_to_mapping(self):
        self.step = "map"

    @rx.event
    def commit(self):
        """Write every row, or nothing: the domain checks the role and every row again."""
        if self._table is None:
            return
        table, mapping = self._table, dict(self.mapping)
        result = self._change(
            lambda session, actor: self._import_commit(session, actor, table, mapping))
        if result is None:
            return None
        self._reset_import()
        return self._import_done(result)
