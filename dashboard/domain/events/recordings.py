"""Recording views: read each recorded event's YouTube view count and keep it with the time it
was read (RecordingViews), recording the run as a SyncRun of the YouTube DataSource.

When the key is missing, the quota is exceeded, the network fails or a video has gone, the
run says so and no reading is written for those videos: the last known count stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.connectors.youtube import ViewCounts, fetch_view_counts
from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.models import (
    DataSource,
    Event,
    RecordingViews,
    Role,
    SourceKind,
    SyncRun,
    SyncStatus,
)

SOURCE_NAME = "Recording views (YouTube)"


@dataclass(frozen=True)
class ViewsSyncResult:
    status: str
    added: int  # first reading of a video
    updated: int  # the count changed
    unchanged: int  # the same count as last time
    message: str


def youtube_source(session: Session) -> DataSource:
    source = session.exec(select(DataSource).where(DataSource.kind == SourceKind.YOUTUBE.value)
                          .order_by(DataSource.id)).first()
    if source is None:
        source = DataSource(name=SOURCE_NAME, kind=SourceKind.YOUTUBE.value,
                            url="https://www.googleapis.com/youtube/v3/videos")
        session.add(source)
        session.flush()
    return source


def _latest(session: Session, event_ids: list[int]) -> dict[int, int]:
    return dict(session.exec(latest_views_by_event(session, event_ids)).all()) if event_ids \
        else {}


def sync_youtube_views(session: Session, actor: Actor, now: datetime, api_key: str | None,
                       fetch: Callable[[list[str], str], ViewCounts] = fetch_view_counts
                       ) -> ViewsSyncResult:
    require_role(actor, Role.STEERING)
    source = youtube_source(session)
    run = SyncRun(source_id=source.id, started_at=now, status=SyncStatus.RUNNING.value)
    result = read_views(session, actor, now, api_key, fetch)
    run.status, run.finished_at = result.status, now
    run.added, run.updated, run.unchanged = result.added, result.updated, result.unchanged
    run.message = result.message[:4000]
    session.add(run)
    audit.record(session, actor, "sync", "youtube_views", source.id, None,
                 {"status": result.status, "added": result.added, "updated": result.updated,
                  "unchanged": result.unchanged})
    session.flush()
    return result


def read_views(session: Session, actor: Actor, now: datetime, api_key: str | None,
               fetch: Callable[[list[str], str], ViewCounts] = fetch_view_counts
               ) -> ViewsSyncResult:
    """Read every recorded event's views and keep the readings (a scheduled sync records
    its own run)."""
    require_role(actor, Role.STEERING)
    events = session.exec(select(Event.id, Event.youtube_video_id).where(
        Event.youtube_video_id.is_not(None))).all()
    by_video: dict[str, list[int]] = {}
    for event_id, video in events:
        by_video.setdefault(video, []).append(event_id)
    if not api_key:
        result = ViewsSyncResult(SyncStatus.FAILED.value, 0, 0, 0,
                                 "YOUTUBE_API_KEY is not set: no views were read; the last "
                                 "known counts are kept.")
    else:
        fetched = fetch(list(by_video), api_key)
        latest = _latest(session, [e for ids in by_video.values() for e in ids])
        added = updated = unchanged = 0
        for video, count in fetched.counts.items():
            for event_id in by_video.get(video, []):
                before = latest.get(event_id)
                session.add(RecordingViews(event_id=event_id, read_at=now, view_count=count))
                if before is None:
                    added += 1
                elif before != count:
                    updated += 1
                else:
                    unchanged += 1
        notes = []
        if fetched.missing:
            notes.append("gone or private (last known count kept): "
                         + ", ".join(sorted(fetched.missing)))
        if fetched.error:
            notes.append(f"{fetched.error}; the last known counts are kept for the videos "
                         "not read")
        read = len(fetched.counts)
        status = SyncStatus.FAILED.value if fetched.error and not read else \
            SyncStatus.SUCCEEDED.value
        message = f"{read} of {len(by_video)} videos read"
        if notes:
            message += ". " + ". ".join(notes)
        result = ViewsSyncResult(status, added, updated, unchanged, message)
    session.flush()
    return result


def latest_views_by_event(session: Session, event_ids: list[int] | None = None):
    """A subquery: (event_id, view_count) of each event's most recent reading."""
    latest = select(
        RecordingViews.event_id, func.max(RecordingViews.read_at).label("read_at")
    ).group_by(RecordingViews.event_id)
    if event_ids is not None:
        latest = latest.where(RecordingViews.event_id.in_(event_ids))
    latest = latest.subquery()
    return (
        select(RecordingViews.event_id, RecordingViews.view_count)
        .join(
            latest,
            (latest.c.event_id == RecordingViews.event_id)
            & (latest.c.read_at == RecordingViews.read_at),
        )
    )

