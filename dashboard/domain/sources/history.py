"""A source's run history (paged, steering group), and what "sync now" and "test connection"
on the Data sources page check before they start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.events.calendar_import import parse_calendar
from dashboard.domain.importing import N_
from dashboard.domain.paging import Page, paged
from dashboard.domain.sources import kinds
from dashboard.domain.sources.data_sources import running
from dashboard.domain.sources.runs import start_run
from dashboard.domain.sources.secrets import mask, unseal
from dashboard.errors import MessageError
from dashboard.models import DataSource, Role, SourceKind, SyncRun

PAGE_SIZE = 10


@dataclass(frozen=True)
class RunRow:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    added: int
    updated: int
    unchanged: int
    rejected: int
    message: str
    message_cy: str

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return max(0.0, (self.finished_at - self.started_at).total_seconds())


def run_history(session: Session, actor: Actor, source_id: int, page: int) -> Page[RunRow]:
    require_role(actor, Role.STEERING)
    if session.get(DataSource, source_id) is None:
        raise NotFound("There is no data source with that number.")
    result = paged(session, select(SyncRun).where(SyncRun.source_id == source_id)
                   .order_by(SyncRun.started_at.desc(), SyncRun.id.desc()), page, PAGE_SIZE)
    rows = [RunRow(r.id, r.started_at, r.finished_at, r.status, r.added, r.updated,
                   r.unchanged, r.rejected, r.message or "", r.message_cy or r.message or "")
            for r in result.rows]
    return Page(rows, result.total, result.page, result.page_size)


def begin_sync_now(session: Session, actor: Actor, source_id: int, now: datetime) -> int:
    """Steering group: record a run started by hand (the caller runs it); refused while one
    is already running, so a double click never runs a source twice."""
    require_role(actor, Role.STEERING)
    if running(session, source_id, now):
        raise InvalidInput("This source is already syncing.")
    run_id, _job = start_run(session, source_id, now)
    audit.record(session, actor, "sync_now", "datasource", source_id)
    return run_id


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    msgid: str
    params: dict


def check_connection(session: Session, actor: Actor, source_id: int) -> ConnectionCheck:
    """Fetch the source without writing anything, and say what came back."""
    require_role(actor, Role.STEERING)
    source = session.get(DataSource, source_id)
    if source is None:
        raise NotFound("There is no data source with that number.")
    secrets = {"url": source.url or "", **unseal(source.secret)}
    job = kinds.Job(source_id=source.id, kind=source.kind, settings=dict(source.settings or {}),
                    secrets=secrets)
    try:
        payload = kinds.fetch(job)
        if source.kind == SourceKind.ICS.value:
            count = len(parse_calendar(payload.body))
            return ConnectionCheck(True, N_("Connected: the calendar has {n} events."),
                                   {"n": count})
        return ConnectionCheck(True, N_("Connected."), {})
    except MessageError as error:
        params = {k: mask(str(v), secrets) for k, v in error.params.items()}
        return ConnectionCheck(False, error.msgid, params)
