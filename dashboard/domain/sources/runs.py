"""One sync run of one data source, recorded as a SyncRun whatever happens.

A run has three steps, so no transaction is held open while the network is slow:
1. claim: in one transaction, the run is recorded as running (with the runner's fence);
2. fetch: the connector reads the source (no database);
3. apply: in one transaction, the records are validated and upserted on their stable key,
   the run is finished and the source's validators (ETag, Last-Modified) and health are
   kept. Any error rolls the whole step back, then the run is recorded as failed in a
   transaction of its own: nothing is half-written, the last good data stays.
A scheduled runner applies only while its lease is still its own (``still_mine``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from dashboard.domain.auth import SYSTEM, Actor
from dashboard.domain.errors import DomainError, NotFound
from dashboard.domain.sources import kinds
from dashboard.domain.sources.secrets import mask, unseal
from dashboard.errors import MessageError
from dashboard.i18n import in_both
from dashboard.models import DataSource, SyncRun, SyncStatus

log = logging.getLogger(__name__)
Transaction = Callable[[], AbstractContextManager[Session]]


class LeaseLost(Exception):
    """The runner's lease passed to another worker before the results were written."""


@dataclass(frozen=True)
class RunOutcome:
    run_id: int
    status: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    message: str = ""  # English

    @property
    def changed(self) -> bool:
        return self.status == SyncStatus.SUCCEEDED.value and (self.added or self.updated) > 0


def start_run(session: Session, source_id: int, now: datetime,
              fence: int | None = None) -> tuple[int, kinds.Job]:
    """Record a running run and return what the fetch needs (read while the row is here)."""
    source = session.get(DataSource, source_id)
    if source is None:
        raise NotFound("There is no data source with that number.")
    run = SyncRun(source_id=source.id, started_at=now, status=SyncStatus.RUNNING.value,
                  fence=fence)
    session.add(run)
    if fence is None and source.schedule_minutes > 0:
        # A run by hand counts as the scheduled one: the next is a whole period later.
        source.next_run_at = now + timedelta(minutes=source.schedule_minutes)
        session.add(source)
    session.flush()
    return run.id, job_for(session, source_id)


def job_for(session: Session, source_id: int) -> kinds.Job:
    source = session.get(DataSource, source_id)
    if source is None:
        raise NotFound("There is no data source with that number.")
    return kinds.Job(source_id=source.id, kind=source.kind, settings=dict(source.settings or {}),
                    secrets={"url": source.url or "", **unseal(source.secret)}, etag=source.etag,
                    last_modified=source.last_modified)


def printable(text: str) -> str:
    """A message as it may be stored and shown: control characters (a garbage body's NUL
    bytes, which PostgreSQL refuses in text) become "?"."""
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else "?" for ch in text)


def _finish(session: Session, run_id: int, now: datetime, status: str, counts: kinds.Counts,
            message: dict[str, str]) -> SyncRun:
    run = session.get(SyncRun, run_id)
    run.status, run.finished_at = status, now
    run.added, run.updated = counts.added, counts.updated
    run.unchanged, run.rejected = counts.unchanged, counts.rejected
    run.message, run.message_cy = printable(message["en"])[:4000], printable(message["cy"])[:4000]
    session.add(run)
    return run


def run_source(transaction: Transaction, source_id: int, clock: Callable[[], datetime], *,
               actor: Actor = SYSTEM, fence: int | None = None,
               still_mine: Callable[[Session, datetime], bool] | None = None,
               run_id: int | None = None) -> RunOutcome:
    """Run one source now; every outcome is a finished SyncRun (see the module docstring).
    ``run_id``: a run already recorded as running (e.g. "sync now" on the page)."""
    with transaction() as session:
        if run_id is None:
            run_id, job = start_run(session, source_id, clock(), fence)
        else:
            job = job_for(session, source_id)
    try:
        payload = kinds.fetch(job)
        with transaction() as session:
            now = clock()
            if still_mine is not None and not still_mine(session, now):
                raise LeaseLost()
            counts = kinds.apply(session, actor, job, payload, now)
            source = session.get(DataSource, source_id)
            source.failures, source.last_success_at = 0, now
            if payload.etag is not None or payload.last_modified is not None:
                source.etag, source.last_modified = payload.etag, payload.last_modified
            session.add(source)
            message = in_both(counts.msgid, **counts.params)
            _finish(session, run_id, now, SyncStatus.SUCCEEDED.value, counts, message)
        return RunOutcome(run_id, SyncStatus.SUCCEEDED.value, counts.added, counts.updated,
                          counts.unchanged, counts.rejected, message["en"])
    except LeaseLost:
        message = in_both("Stopped: another worker took over the scheduled runs before this "
                          "run's results were written; nothing was changed.")
        log.warning("sync run %s of source %s: lease lost, nothing written", run_id, source_id)
        return _record_failure(transaction, source_id, run_id, clock, message, job,
                               count_failure=False)
    except (MessageError, DomainError) as error:
        message = in_both(error.msgid, **error.params)
    except Exception as error:  # noqa: BLE001 - a run never takes the scheduler down
        log.exception("sync run %s of source %s failed", run_id, source_id)
        message = in_both("The run failed unexpectedly ({reason}); nothing was changed.",
                          reason=type(error).__name__)
    return _record_failure(transaction, source_id, run_id, clock, message, job)


def _record_failure(transaction: Transaction, source_id: int, run_id: int,
                    clock: Callable[[], datetime], message: dict[str, str], job: kinds.Job,
                    count_failure: bool = True) -> RunOutcome:
    message = {lang: mask(text, job.secrets) for lang, text in message.items()}
    with transaction() as session:
        if count_failure:
            source = session.get(DataSource, source_id)
            source.failures += 1
            session.add(source)
        _finish(session, run_id, clock(), SyncStatus.FAILED.value, kinds.Counts(), message)
    log.info("sync run %s of source %s failed: %s", run_id, source_id, message["en"])
    return RunOutcome(run_id, SyncStatus.FAILED.value, message=message["en"])


def interrupted_runs(session: Session, fence: int, now: datetime) -> int:
    """Scheduled runs left running by an earlier runner (a smaller fence) that stopped:
    recorded as failed, and their sources made due again, so the new runner retries each
    once. Runs started by hand (no fence) are left alone."""
    stale = session.exec(select(SyncRun).where(SyncRun.status == SyncStatus.RUNNING.value,
                                               SyncRun.fence.is_not(None),
                                               SyncRun.fence < fence)).all()
    message = in_both("Interrupted: the worker running it stopped; it will run again.")
    for run in stale:
        run.status, run.finished_at = SyncStatus.FAILED.value, now
        run.message, run.message_cy = message["en"], message["cy"]
        session.add(run)
        source = session.get(DataSource, run.source_id)
        if source is not None and source.enabled:
            source.next_run_at = now
            session.add(source)
    return len(stale)
