"""Exactly one runner, whatever the number of workers: a lease row in the database.

Every worker's scheduler tries to take the lease with one conditional UPDATE (it succeeds
only when the lease is free or has expired), so the database decides, on SQLite and
PostgreSQL alike. Each new holder raises ``fence``; the holder renews the lease before it
expires, and a run's results are written only while the fence is still its own
(``holds``, in the same transaction), so a runner that stalled past its lease and came back
cannot write over its successor's work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dashboard.models import RunnerLease

NAME = "sources"
# How long a runner holds the lease without renewing it (renewed between sources); a runner
# that stops is replaced this long after its last renewal. A setting so tests can wait less.
LEASE = timedelta(seconds=float(os.environ.get("CYMUNED_RUNNER_LEASE_SECONDS", "90")))


@dataclass(frozen=True)
class Lease:
    holder: str
    fence: int
    expires_at: datetime


def ensure_row(session: Session) -> None:
    """The lease row, made once (a second worker making it at the same time is fine)."""
    if session.get(RunnerLease, NAME) is None:
        try:
            with session.begin_nested():
                session.add(RunnerLease(name=NAME, holder="", fence=0, expires_at=None))
        except IntegrityError:
            pass


def acquire(session: Session, holder: str, now: datetime,
            lease: timedelta = LEASE) -> Lease | None:
    """Take the lease if it is free or expired, or renew it if ``holder`` has it."""
    ensure_row(session)
    expires = now + lease
    taken = session.execute(
        update(RunnerLease)
        .where(RunnerLease.name == NAME,
               or_(RunnerLease.expires_at.is_(None), RunnerLease.expires_at < now))
        .values(holder=holder, fence=RunnerLease.fence + 1, expires_at=expires)
    ).rowcount
    if not taken:
        renewed = session.execute(
            update(RunnerLease)
            .where(RunnerLease.name == NAME, RunnerLease.holder == holder,
                   RunnerLease.expires_at >= now)
            .values(expires_at=expires)
        ).rowcount
        if not renewed:
            return None
    row = session.exec(select(RunnerLease.fence).where(RunnerLease.name == NAME)).one()
    return Lease(holder=holder, fence=row, expires_at=expires)


def holds(session: Session, lease: Lease, now: datetime) -> bool:
    """Whether ``lease`` is still the current one (same fence, not expired); locks the row
    on PostgreSQL so a takeover waits for the transaction that checked."""
    row = session.exec(select(RunnerLease).where(
        and_(RunnerLease.name == NAME, RunnerLease.fence == lease.fence,
             RunnerLease.holder == lease.holder)).with_for_update()).first()
    if row is None or row.expires_at is None:
        return False
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(
        tzinfo=now.tzinfo)
    return expires >= now


def release(session: Session, lease: Lease) -> None:
    session.execute(update(RunnerLease).where(
        RunnerLease.name == NAME, RunnerLease.fence == lease.fence,
        RunnerLease.holder == lease.holder).values(expires_at=None, holder=""))
