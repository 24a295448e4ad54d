"""The steering group's member import: upload, map columns, preview, commit (all or nothing)."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.membership.member_import import (
    FIELDS,
    Table,
    commit_import,
    preview_import,
    read_table,
    suggest_mapping,
)
from state.base import AppState

REJECTIONS_PAGE = 50


class MemberImportState(AppState):
    filename: str = ""
    headers: list[str] = []
    mapping: dict[str, str] = {name: "" for name in FIELDS}
    step: str = "upload"  # upload -> map -> preview
    ready: int = 0
    to_add: int = 0
    to_update: int = 0
    rejected_total: int = 0
    rejected: list[dict[str, str]] = []  # one page of the rejected rows
    rejected_page: int = 1
    # The file itself stays on the server.
    _table: Table | None = None
    _rejections: list[tuple[int, dict[str, str]]] = []  # row, its reasons in en and cy

    @rx.event
    def load(self):
        self._reset()

    def _reset(self):
        self.filename, self.headers, self.step = "", [], "upload"
        self.mapping = {name: "" for name in FIELDS}
        self.ready = self.to_add = self.to_update = self.rejected_total = 0
        self.rejected, self.rejected_page = [], 1
        self._table, self._rejections = None, []

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        self._clear_notice()
        if not self._has_steering():
            self._say("You do not have permission to do that.", error=True)
            return
        if not files:
            self._say("Choose a CSV or Excel file to import.", error=True)
            return
        data = await files[0].read()
        name = files[0].name or "members.csv"
        try:
            table = read_table(data, name)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return
        self._reset()
        self._table, self.filename, self.headers = table, name, table.headers
        self.mapping = {**{n: "" for n in FIELDS}, **suggest_mapping(table.headers)}
        self.step = "map"

    def _has_steering(self) -> bool:
        from dashboard.models import Role

        return self._has_role(Role.STEERING)

    @rx.event
    def set_mapping(self, name: str, heading: str):
        if name in FIELDS:
            self.mapping = {**self.mapping, name: heading}

    @rx.event
    def check(self):
        """Preview: check every row, change nothing."""
        if self._table is None:
            return
        table, mapping = self._table, dict(self.mapping)
        with rx.session() as session:
            try:
                result = preview_import(session, self._actor(session), table, mapping)
            except DomainError as error:
                self._say(error.msgid, error=True, **error.params)
                return
        self._clear_notice()
        self.ready = len(result.accepted)
        self.to_add, self.to_update = result.to_add, result.to_update
        # One line a rejected row, with every problem it has.
        reasons: dict[int, list[dict[str, str]]] = {}
        for r in result.rejected:
            reasons.setdefault(r.row, []).append(self._in_both(r.msgid, **r.params))
        self._rejections = [
            (row, {lang: "\n".join(text[lang] for text in texts) for lang in ("en", "cy")})
            for row, texts in reasons.items()
        ]
        self.rejected_total, self.rejected_page = len(self._rejections), 1
        self._show_rejections()
        self.step = "preview"

    def _show_rejections(self):
        start = (self.rejected_page - 1) * REJECTIONS_PAGE
        self.rejected = [{"row": str(row), "reason_en": reason["en"], "reason_cy": reason["cy"]}
                         for row, reason in self._rejections[start:start + REJECTIONS_PAGE]]

    @rx.var
    def rejected_pages(self) -> int:
        return max(1, -(-self.rejected_total // REJECTIONS_PAGE))

    @rx.event
    def rejected_previous(self):
        self.rejected_page = max(1, self.rejected_page - 1)
        self._show_rejections()

    @rx.event
    def rejected_next(self):
        self.rejected_page = min(self.rejected_pages, self.rejected_page + 1)
        self._show_rejections()

    @rx.event
    def back_to_mapping(self):
        self.step = "map"

    @rx.event
    def commit(self):
        if self._table is None:
            return
        table, mapping, now = self._table, dict(self.mapping), utc_now()
        counts = self._change(lambda session, actor: commit_import(
            session, actor, preview_import(session, actor, table, mapping), now))
        if counts is not None:
            self._reset()
            self._say("Members imported: {added} added, {updated} updated, {unchanged} unchanged.",
                      added=counts[0], updated=counts[1], unchanged=counts[2])
