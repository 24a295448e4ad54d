"""Data sources: the list with each source's health, and adding, editing, pausing and deleting
them (steering group). Secrets go in sealed and never come out of here: rows carry at most
the host of a source's address, and only for the steering group."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from dashboard.connectors.fetch import FetchFailed, mask_url, normalise_url
from dashboard.domain import audit
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.sources.secrets import seal, unseal
from dashboard.models import DataSource, Event, Role, SourceKind, SyncRun, SyncStatus

FAILING_AFTER = 3  # failed runs in a row
MAX_SCHEDULE = 7 * 24 * 60
SECRET_FIELDS = {SourceKind.ICS.value: ("url",), SourceKind.YOUTUBE.value: ("api_key",),
                 SourceKind.SPREADSHEET.value: ("url",),
                 SourceKind.EVENTBRITE.value: ("token",)}
AUDITED = ("name", "name_cy", "kind", "enabled", "schedule_minutes", "version")


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str  # English
    name_cy: str | None  # None or empty: not yet translated
    kind: str
    health: str  # ok, stale, failing, paused, new
    last_success_at: datetime | None
    # The rest only for the steering group (empty or None for everyone else).
    enabled: bool = True
    schedule_minutes: int = 0
    next_run_at: datetime | None = None
    address: str = ""  # scheme and host only, never the secret path
    version: int = 0
    last_status: str | None = None
    last_finished_at: datetime | None = None
    last_message: str | None = None
    last_message_cy: str | None = None
    last_counts: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class SourceDraft:
    name: str
    name_cy: str = ""
    kind: str = SourceKind.ICS.value
    schedule_minutes: int = 60
    secrets: dict[str, str] = field(default_factory=dict)  # empty value: keep the current one
    settings: dict = field(default_factory=dict)


def _utc(moment: datetime | None, now: datetime) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=now.tzinfo)
    return moment


def last_successes(session: Session) -> dict[int, datetime]:
    """When each source last synced successfully (its runs are the record, whoever ran
    them: the scheduler, "sync now" or the command line)."""
    return dict(session.exec(select(SyncRun.source_id, func.max(SyncRun.finished_at)).where(
        SyncRun.status == SyncStatus.SUCCEEDED.value).group_by(SyncRun.source_id)).all())


def health(source: DataSource, now: datetime, last_success: datetime | None = None) -> str:
    if not source.enabled:
        return "paused"
    if source.failures >= FAILING_AFTER:
        return "failing"
    last = _utc(last_success or source.last_success_at, now)
    if last is None:
        return "new"
    if source.schedule_minutes and now - last > timedelta(minutes=2 * source.schedule_minutes
                                                          + 5):
        return "stale"
    return "ok"


def _latest_runs(session: Session, ids: list[int]) -> dict[int, SyncRun]:
    latest = (select(func.max(SyncRun.id)).where(SyncRun.source_id.in_(ids))
              .group_by(SyncRun.source_id))
    return {run.source_id: run for run in session.exec(
        select(SyncRun).where(SyncRun.id.in_(latest))).all()} if ids else {}


def list_sources(session: Session, actor: Actor, now: datetime) -> list[SourceRow]:
    sources = session.exec(select(DataSource).order_by(DataSource.name)).all()
    successes = last_successes(session)
    if not has_role(actor, Role.STEERING):
        return [SourceRow(id=s.id, name=s.name, name_cy=s.name_cy, kind=s.kind,
                          health=health(s, now, successes.get(s.id)),
                          last_success_at=successes.get(s.id))
                for s in sources]
    runs = _latest_runs(session, [s.id for s in sources])
    rows = []
    for s in sources:
        run = runs.get(s.id)
        rows.append(SourceRow(
            id=s.id, name=s.name, name_cy=s.name_cy, kind=s.kind,
            health=health(s, now, successes.get(s.id)),
            last_success_at=successes.get(s.id), enabled=s.enabled,
            schedule_minutes=s.schedule_minutes,
            next_run_at=s.next_run_at if s.enabled and s.schedule_minutes else None,
            address=mask_url(unseal(s.secret).get("url") if s.secret else s.url),
            version=s.version,
            last_status=run.status if run else None,
            last_finished_at=run.finished_at if run else None,
            last_message=run.message if run else None,
            last_message_cy=run.message_cy if run else None,
            last_counts=(run.added, run.updated, run.unchanged, run.rejected) if run else None,
        ))
    return rows


def _validate(session: Session, draft: SourceDraft, current: DataSource | None) -> None:
    name = draft.name.strip()
    if not name:
        raise InvalidInput("Enter the source's name.")
    if len(name) > 120 or len(draft.name_cy.strip()) > 120:
        raise InvalidInput("A source's name can be at most {n} characters long.", n=120)
    clash = session.exec(select(DataSource.id).where(DataSource.name == name)).first()
    if clash is not None and (current is None or clash != current.id):
        raise InvalidInput("There is already a source called {name}.", name=name)
    if draft.kind not in SECRET_FIELDS:
        raise InvalidInput("Choose what kind of source this is.")
    if not 0 <= draft.schedule_minutes <= MAX_SCHEDULE:
        raise InvalidInput("The schedule must be between 0 (only by hand) and {n} minutes.",
                           n=MAX_SCHEDULE)
    target = (draft.settings or {}).get("target", "members")
    if draft.kind == SourceKind.SPREADSHEET.value and target not in ("members", "attendance"):
        raise InvalidInput("A spreadsheet source imports members or attendance.")
    url = draft.secrets.get("url", "")
    if url:
        try:
            normalise_url(url)
        except FetchFailed as error:
            raise InvalidInput(error.msgid, **error.params) from error
    elif "url" in SECRET_FIELDS[draft.kind] and not (current and current.secret):
        raise InvalidInput("Enter the source's web address.")


def _secrets(draft: SourceDraft, current: DataSource | None) -> str | None:
    kept = unseal(current.secret) if current is not None else {}
    wanted = SECRET_FIELDS[draft.kind]
    merged = {k: v for k, v in kept.items() if k in wanted}
    merged.update({k: v.strip() for k, v in draft.secrets.items() if k in wanted and v.strip()})
    if "url" in merged:
        merged["url"] = normalise_url(merged["url"])
    return seal(merged)


def add_source(session: Session, actor: Actor, draft: SourceDraft, now: datetime) -> int:
    require_role(actor, Role.STEERING)
    _validate(session, draft, None)
    source = DataSource(name=draft.name.strip(), name_cy=draft.name_cy.strip() or None,
                        kind=draft.kind, schedule_minutes=draft.schedule_minutes,
                        settings=draft.settings or None, secret=_secrets(draft, None),
                        next_run_at=now if draft.schedule_minutes else None)
    session.add(source)
    session.flush()
    audit.record(session, actor, "create", "datasource", source.id, None,
                 audit.snapshot(source, AUDITED))
    return source.id


def _get(session: Session, source_id: int) -> DataSource:
    source = session.get(DataSource, source_id)
    if source is None:
        raise NotFound("There is no data source with that number.")
    return source


def edit_source(session: Session, actor: Actor, source_id: int, draft: SourceDraft,
                version: int, now: datetime) -> None:
    """Save an edit made on ``version``; a stale save is refused and changes nothing."""
    require_role(actor, Role.STEERING)
    source = _get(session, source_id)
    _validate(session, draft, source)
    before = audit.snapshot(source, AUDITED)
    changed = session.execute(
        update(DataSource).where(DataSource.id == source_id, DataSource.version == version)
        .values(name=draft.name.strip(), name_cy=draft.name_cy.strip() or None,
                kind=draft.kind, schedule_minutes=draft.schedule_minutes,
                settings=draft.settings or None, secret=_secrets(draft, source),
                version=DataSource.version + 1, etag=None, last_modified=None,
                next_run_at=now if draft.schedule_minutes else None)
    ).rowcount
    if not changed:
        raise InvalidInput("Someone changed this source since you opened it: open it again to "
                           "see their changes.")
    session.refresh(source)
    audit.record(session, actor, "update", "datasource", source.id, before,
                 audit.snapshot(source, AUDITED))


def set_paused(session: Session, actor: Actor, source_id: int, paused: bool,
               now: datetime) -> None:
    require_role(actor, Role.STEERING)
    source = _get(session, source_id)
    before = audit.snapshot(source, AUDITED)
    source.enabled = not paused
    source.next_run_at = now if source.enabled and source.schedule_minutes else None
    source.version += 1
    session.add(source)
    audit.record(session, actor, "pause" if paused else "resume", "datasource", source.id,
                 before, audit.snapshot(source, AUDITED))


def delete_source(session: Session, actor: Actor, source_id: int) -> None:
    """The source and its run history go; the data it brought in stays."""
    require_role(actor, Role.STEERING)
    source = _get(session, source_id)
    before = audit.snapshot(source, AUDITED)
    session.execute(update(Event).where(Event.source_id == source_id).values(source_id=None))
    for run in session.exec(select(SyncRun).where(SyncRun.source_id == source_id)).all():
        session.delete(run)
    session.delete(source)
    audit.record(session, actor, "delete", "datasource", source_id, before, None)


def source_by_name(session: Session, name: str) -> DataSource:
    source = session.exec(select(DataSource).where(
        func.lower(DataSource.name) == name.strip().lower())).first()
    if source is None:
        raise NotFound("There is no data source called {name}.", name=name)
    return source


# A run still "running" this long after it started died with the process that ran it (its
# fetches time out long before): it no longer holds its source.
RUN_LIMIT = timedelta(minutes=30)


def in_progress(now: datetime):
    """The runs that hold their source: one run at a time, whoever started it."""
    return (SyncRun.status == SyncStatus.RUNNING.value) & (SyncRun.started_at > now - RUN_LIMIT)


def running(session: Session, source_id: int, now: datetime) -> bool:
    return session.exec(select(SyncRun.id).where(
        SyncRun.source_id == source_id, in_progress(now))).first() is not None


def keep_address(session: Session, name: str, url: str) -> None:
    """Keep a feed's address, encrypted, on the source an import made (the command line's
    `import events URL`), so the page can sync it again without ever showing it."""
    source = source_by_name(session, name)
    secrets = unseal(source.secret)
    secrets["url"] = normalise_url(url)
    source.secret, source.url = seal(secrets), None
    session.add(source)
