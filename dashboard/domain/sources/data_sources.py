"""Data sources and their latest sync run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.models import DataSource, SyncRun


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str  # English
    name_cy: str | None  # None or empty: not yet translated
    kind: str
    url: str | None
    enabled: bool
    last_status: str | None
    last_finished_at: datetime | None
    last_message: str | None
    last_counts: tuple[int, int, int] | None


def list_sources(session: Session) -> list[SourceRow]:
    latest = (
        select(SyncRun.source_id, func.max(SyncRun.started_at).label("started_at"))
        .group_by(SyncRun.source_id)
        .subquery()
    )
    rows = session.exec(
        select(DataSource, SyncRun)
        .outerjoin(latest, latest.c.source_id == DataSource.id)
        .outerjoin(SyncRun, (SyncRun.source_id == DataSource.id)
                   & (SyncRun.started_at == latest.c.started_at))
        .order_by(DataSource.name)
    ).all()
    return [
        SourceRow(
            id=source.id, name=source.name, name_cy=source.name_cy, kind=source.kind,
            url=source.url, enabled=source.enabled,
            last_status=run.status if run else None,
            last_finished_at=run.finished_at if run else None,
            last_message=run.message if run else None,
            last_counts=(run.added, run.updated, run.unchanged) if run else None,
        )
        for source, run in rows
    ]
