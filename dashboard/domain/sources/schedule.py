"""The scheduler's one step, run every few seconds by every worker (and by
`cymuned sources scheduler`): take or renew the lease; if it is ours, run each due source
once. The loop around it (``dashboard/scheduler.py``) only sleeps and catches errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import exists, or_, update
from sqlmodel import Session, select

from dashboard.domain.sources import lease as leases
from dashboard.domain.sources.data_sources import in_progress
from dashboard.domain.sources.runs import RunOutcome, Transaction, interrupted_runs, run_source
from dashboard.models import DataSource, SyncRun


@dataclass
class Tick:
    leader: bool
    fence: int = 0
    runs: list[RunOutcome] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(run.changed for run in self.runs)


def due_sources(session: Session, now: datetime) -> list[DataSource]:
    return list(session.exec(
        # Demo sources stand for systems that do not exist: never fetched.
        select(DataSource).where(DataSource.enabled, DataSource.schedule_minutes > 0,
                                 DataSource.is_demo.is_(False),
                                 or_(DataSource.next_run_at.is_(None),
                                     DataSource.next_run_at <= now),
                                 # One run at a time: not while one started by hand runs.
                                 ~exists().where(SyncRun.source_id == DataSource.id,
                                                 in_progress(now)))
        .order_by(DataSource.next_run_at, DataSource.id)).all())


def claim(session: Session, source: DataSource, now: datetime) -> bool:
    """Move the source's next run on, only if no one else did since it was read: a due run
    is claimed once, whoever else looks at it."""
    condition = (DataSource.next_run_at.is_(None) if source.next_run_at is None
                 else DataSource.next_run_at == source.next_run_at)
    return bool(session.execute(
        update(DataSource).where(DataSource.id == source.id, condition)
        .values(next_run_at=now + timedelta(minutes=source.schedule_minutes))).rowcount)


def tick(transaction: Transaction, holder: str, clock: Callable[[], datetime],
         lease_for: timedelta = leases.LEASE, previous_fence: int = 0) -> Tick:
    with transaction() as session:
        lease = leases.acquire(session, holder, clock(), lease_for)
    if lease is None:
        return Tick(leader=False)
    if lease.fence != previous_fence:  # newly elected: finish what a stopped runner left
        with transaction() as session:
            interrupted_runs(session, lease.fence, clock())
    result = Tick(leader=True, fence=lease.fence)
    with transaction() as session:
        due = [s.id for s in due_sources(session, clock()) if claim(session, s, clock())]
    for source_id in due:
        with transaction() as session:
            lease = leases.acquire(session, holder, clock(), lease_for)
        if lease is None or lease.fence != result.fence:
            result.leader = False
            break
        current = lease
        result.runs.append(run_source(
            transaction, source_id, clock, fence=current.fence,
            still_mine=lambda session, now, held=current: leases.holds(session, held, now)))
    return result
