"""Data sources page: each source's name and freshness for everyone; for the steering group,
adding, editing, pausing, deleting, testing, syncing now (with progress) and run history.

Secrets never reach the browser: the form's secret fields start empty ("leave empty to keep
the current one") and rows carry at most the host of a source's address.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import reflex as rx

from dashboard.db import transaction
from dashboard.domain.clock import utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.paging import Page
from dashboard.domain.sources.data_sources import (
    SourceDraft,
    SourceRow,
    add_source,
    delete_source,
    edit_source,
    list_sources,
    set_paused,
)
from dashboard.domain.sources.history import (
    RunRow,
    begin_sync_now,
    check_connection,
    run_history,
)
from dashboard.domain.sources.runs import run_source
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, moment, welsh_or_english


@dataclass(frozen=True)
class SourceItem:
    id: int
    name: Bilingual
    name_untranslated: bool  # no Welsh yet: the Welsh shows the English
    kind: str
    health: str  # ok, stale, failing, paused, new
    as_of: Bilingual  # the last successful sync
    enabled: bool
    schedule_minutes: int
    next_run: Bilingual
    address: str  # scheme and host only
    version: int
    status: str  # the last run's; empty when never synced
    finished: Bilingual
    message: Bilingual
    counts: str  # "added / updated / unchanged / rejected"


def source_item(row: SourceRow) -> SourceItem:
    name, missing = welsh_or_english(row.name, row.name_cy)
    counts = " / ".join(str(n) for n in row.last_counts) if row.last_counts else ""
    return SourceItem(id=row.id, name=name, name_untranslated=missing, kind=row.kind,
                      health=row.health, as_of=moment(row.last_success_at),
                      enabled=row.enabled, schedule_minutes=row.schedule_minutes,
                      next_run=moment(row.next_run_at), address=row.address,
                      version=row.version, status=row.last_status or "",
                      finished=moment(row.last_finished_at),
                      message=Bilingual(row.last_message or "",
                                        row.last_message_cy or row.last_message or ""),
                      counts=counts)


@dataclass(frozen=True)
class RunItem:
    id: int
    started: Bilingual
    status: str
    seconds: str
    added: int
    updated: int
    unchanged: int
    rejected: int
    message: Bilingual


def run_item(row: RunRow) -> RunItem:
    seconds = "" if row.seconds is None else f"{row.seconds:.1f}"
    return RunItem(id=row.id, started=moment(row.started_at), status=row.status,
                   seconds=seconds, added=row.added, updated=row.updated,
                   unchanged=row.unchanged, rejected=row.rejected,
                   message=Bilingual(row.message, row.message_cy))


class SourcesState(AppState):
    rows: list[SourceItem] = []
    loaded: bool = False
    # The add / edit form (steering group). Secret fields are never filled from the server.
    editing: bool = False
    form_id: int = 0  # 0: a new source
    form_version: int = 0
    form_name: str = ""
    form_name_cy: str = ""
    form_kind: str = "ics"
    form_schedule: str = "60"
    form_url: str = ""
    form_api_key: str = ""
    form_token: str = ""
    syncing_id: int = 0  # the source being synced now, for the progress message
    checking_id: int = 0

    @rx.event
    def load(self):
        self.rows = self._read(self._rows) or []
        self.loaded = True

    @rx.event
    def new_source(self):
        self.editing, self.form_id, self.form_version = True, 0, 0
        self.form_name = self.form_name_cy = self.form_url = ""
        self.form_api_key = self.form_token = ""
        self.form_kind, self.form_schedule = "ics", "60"
        self._clear_notice()

    @rx.event
    def edit(self, source_id: int):
        row = next((r for r in self.rows if r.id == int(source_id)), None)
        if row is None:
            return
        self.editing, self.form_id, self.form_version = True, row.id, row.version
        self.form_name, self.form_name_cy = row.name.en, (
            "" if row.name_untranslated else row.name.cy)
        self.form_kind, self.form_schedule = row.kind, str(row.schedule_minutes)
        self.form_url = self.form_api_key = self.form_token = ""
        self._clear_notice()

    @rx.event
    def cancel(self):
        self.editing = False
        self.form_url = self.form_api_key = self.form_token = ""

    @rx.event
    def set_form(self, field: str, value: str):
        if field in ("name", "name_cy", "kind", "schedule", "url", "api_key", "token"):
            setattr(self, f"form_{field}", value)

    def _draft(self) -> SourceDraft:
        schedule = self.form_schedule.strip()
        return SourceDraft(
            name=self.form_name, name_cy=self.form_name_cy, kind=self.form_kind,
            schedule_minutes=int(schedule) if schedule.isdigit() else -1,
            secrets={"url": self.form_url, "api_key": self.form_api_key,
                     "token": self.form_token})

    @rx.event
    def save(self):
        draft, source_id, version = self._draft(), self.form_id, self.form_version
        if source_id:
            done = self._change(lambda session, actor: edit_source(
                session, actor, source_id, draft, version, utc_now()) or True)
        else:
            done = self._change(lambda session, actor: add_source(session, actor, draft,
                                                                  utc_now()))
        if done:
            self.cancel()
            self._say("Source saved.")
            self.load()

    @rx.event
    def toggle_pause(self, source_id: int, paused: bool):
        if self._change(lambda session, actor: set_paused(session, actor, int(source_id),
                                                          bool(paused), utc_now()) or True):
            if paused:
                self._say("Source paused.")
            else:
                self._say("Source resumed.")
        self.load()

    @rx.event
    def delete(self, source_id: int):
        if self._change(lambda session, actor: delete_source(session, actor, int(source_id))
                        or True):
            self._say("Source deleted; the data it brought in stays.")
        self.load()

    @rx.event
    def sync_now(self, source_id: int):
        """Record the run (role checked, audited), then run it in the background."""
        source_id = int(source_id)
        run_id = self._change(lambda session, actor: begin_sync_now(session, actor, source_id,
                                                                     utc_now()))
        if run_id is None:
            return None
        self.syncing_id = source_id
        self._say("Syncing: fetching the source…")
        return SourcesState.finish_sync(source_id, run_id)

    @rx.event(background=True)
    async def finish_sync(self, source_id: int, run_id: int):
        # No lock is held while the source is fetched: the run goes to a thread.
        outcome = await asyncio.to_thread(run_source, transaction, int(source_id), utc_now,
                                          run_id=int(run_id))
        rows = await asyncio.to_thread(self._as_actor, self._rows)
        async with self:
            self.syncing_id = 0
            if outcome.status == "succeeded":
                self._say("Sync finished: {message}", message=outcome.message)
            else:
                self._say("Sync failed: {message}", error=True, message=outcome.message)
            if not isinstance(rows, DomainError):
                self.rows = rows

    def _as_actor(self, fetch):
        """For background handlers, in a thread: ``fetch(session, actor)`` or the DomainError
        it raised (state is changed only under the handler's lock)."""
        with rx.session() as session:
            try:
                return fetch(session, self._actor(session))
            except DomainError as error:
                return error

    @staticmethod
    def _rows(session, actor) -> list[SourceItem]:
        return [source_item(row) for row in list_sources(session, actor, utc_now())]

    @rx.event(background=True)
    async def test_connection(self, source_id: int):
        source_id = int(source_id)
        async with self:
            self.checking_id = source_id
            self._say("Testing the connection…")
        result = await asyncio.to_thread(self._as_actor, lambda session, actor:
                                         check_connection(session, actor, source_id))
        async with self:
            self.checking_id = 0
            if isinstance(result, DomainError):
                self._say(result.msgid, error=True, **result.params)
            else:
                self._say(result.msgid, error=not result.ok, **result.params)


class SourceRunsState(PagedList, AppState):
    rows: list[RunItem] = []
    source_id: int = 0
    source_name: Bilingual = Bilingual()

    def _fetch_page(self, page: int) -> Page[RunItem]:
        source_id = self.source_id
        result = self._read(lambda session, actor: run_history(session, actor, source_id,
                                                               page))
        if result is None:
            return Page([], 0, 1, 10)
        return Page([run_item(r) for r in result.rows], result.total, result.page,
                    result.page_size)

    @rx.event
    def show(self, source_id: int, name_en: str, name_cy: str):
        self.source_id, self.source_name = int(source_id), Bilingual(name_en, name_cy)
        self.show_page(1)

    @rx.event
    def close(self):
        self.source_id, self.rows = 0, []
