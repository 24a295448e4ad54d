"""What open pages need to know to stay live: the data version (raised by every run that
changed data) and, per area of the dashboard, as of when its figures are and whether a source
behind them is overdue. Cheap enough for every worker to read every few seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.sources.data_sources import health, last_successes
from dashboard.models import DataSource, SourceKind, SyncRun, SyncStatus

AREAS = ("membership", "events", "maturity")
KIND_AREAS = {SourceKind.ICS.value: "events", SourceKind.YOUTUBE.value: "events",
              SourceKind.EVENTBRITE.value: "events", SourceKind.REGISTRATIONS.value: "events",
              SourceKind.SURVEY.value: "maturity"}
TARGET_AREAS = {"members": "membership", "attendance": "events", "assessments": "maturity"}


@dataclass(frozen=True)
class Freshness:
    as_of: datetime | None  # the oldest last success among the area's sources
    stale: bool  # a source behind the area is overdue or failing


@dataclass(frozen=True)
class LiveFacts:
    version: int
    areas: dict[str, Freshness]


def area_of(source: DataSource) -> str:
    if source.kind == SourceKind.SPREADSHEET.value:
        return TARGET_AREAS.get((source.settings or {}).get("target", ""), "membership")
    return KIND_AREAS.get(source.kind, "events")


def data_version(session: Session) -> int:
    return session.exec(select(func.max(SyncRun.id)).where(
        SyncRun.status == SyncStatus.SUCCEEDED.value,
        (SyncRun.added + SyncRun.updated) > 0)).one() or 0


def live_facts(session: Session, now: datetime) -> LiveFacts:
    by_area: dict[str, list[DataSource]] = {area: [] for area in AREAS}
    for source in session.exec(select(DataSource).where(DataSource.enabled)).all():
        by_area[area_of(source)].append(source)
    last = last_successes(session)
    areas = {}
    for area, sources in by_area.items():
        # Sources never synced (e.g. just added) say nothing yet about the area's figures.
        successes = [last[s.id] for s in sources if s.id in last]
        areas[area] = Freshness(as_of=min(successes) if successes else None,
                                stale=any(health(s, now, last.get(s.id)) in
                                          ("stale", "failing") for s in sources))
    return LiveFacts(version=data_version(session), areas=areas)
