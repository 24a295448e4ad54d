"""The figures on the Overview page, each one query against the database.

Every function takes the session and the moment it is asked for ("today", "now"), so tests
can pin time and the same figures serve the page, the CLI and the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.clock import london_today
from dashboard.domain.dataset import is_demo_data
from dashboard.domain.events.recordings import latest_views_by_event
from dashboard.domain.maturity.sector import sector_figures
from dashboard.domain.steering.meetings import next_meeting
from dashboard.models import (
    OPEN_ACTION_STATUSES,
    Event,
    EventStatus,
    Member,
    MemberStatus,
    Organisation,
    Registration,
    Series,
    SteeringAction,
)


@dataclass(frozen=True)
class MemberCounts:
    members: int
    new_this_month: int


@dataclass(frozen=True)
class Coverage:
    represented: int
    total: int


@dataclass(frozen=True)
class UpcomingEvent:
    id: int
    title: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    timezone: str
    online: bool
    location: str | None


@dataclass(frozen=True)
class SeriesTotals:
    id: int
    slug: str
    title_en: str
    title_cy: str
    events: int
    attendance: int
    views: int


@dataclass(frozen=True)
class Readiness:
    median_level: float | None  # None when nobody is assessed, or when withheld
    bodies_assessed: int
    withheld: bool = False  # fewer bodies than the threshold: no figure is published
    threshold: int = 0  # the smallest group of bodies a figure may describe


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int
    next_meeting_on: date | None = None  # the steering group's next meeting


@dataclass(frozen=True)
class OverviewFigures:
    members: MemberCounts
    coverage: Coverage
    upcoming: list[UpcomingEvent]
    series: SeriesTotals | None
    readiness: Readiness
    actions: ActionCounts
    is_demo: bool = False
    computed_at: datetime | None = field(default=None, compare=False)


def member_counts(session: Session, today: date) -> MemberCounts:
    """Members in the community now, and how many of them joined this calendar month."""
    active = (Member.status == MemberStatus.ACTIVE.value)
    month_start = today.replace(day=1)
    total = session.exec(select(func.count()).select_from(Member).where(active)).one()
    new = session.exec(
        select(func.count()).select_from(Member).where(
            active, Member.joined_on >= month_start, Member.joined_on <= today
        )
    ).one()
    return MemberCounts(members=total, new_this_month=new)


def body_coverage(session: Session) -> Coverage:
    """Bodies in the registry with at least one active member, out of all of them."""
    # EXISTS per body, not COUNT(DISTINCT) over members: 2,000 probes instead of 100,000 rows.
    has_member = (
        select(Member.id)
        .where(Member.organisation_id == Organisation.id,
               Member.status == MemberStatus.ACTIVE.value)
        .exists()
    )
    represented = session.exec(
        select(func.count()).select_from(Organisation).where(Organisation.in_registry, has_member)
    ).one()
    total = session.exec(
        select(func.count()).select_from(Organisation).where(Organisation.in_registry)
    ).one()
    return Coverage(represented=represented, total=total)


def upcoming_events(session: Session, now: datetime, limit: int = 3) -> list[UpcomingEvent]:
    """The next events that have not started, soonest first; cancelled ones left out."""
    rows = session.exec(
        select(Event)
        .where(Event.starts_at >= now, Event.status != EventStatus.CANCELLED.value)
        .order_by(Event.starts_at, Event.id)
        .limit(limit)
    ).all()
    return [
        UpcomingEvent(
            id=e.id, title=e.title, starts_at=e.starts_at, ends_at=e.ends_at,
            timezone=e.timezone, online=bool(e.online_url) and not e.location,
            location=e.location,
        )
        for e in rows
    ]


def first_series(session: Session) -> Series | None:
    """The community's first series: the one whose first event came earliest."""
    first_start = func.min(Event.starts_at)
    row = session.exec(
        select(Series, first_start)
        .join(Event, Event.series_id == Series.id)
        .group_by(Series.id)
        .order_by(first_start, Series.id)
        .limit(1)
    ).first()
    return row[0] if row else None




def series_totals(session: Session, series: Series) -> SeriesTotals:
    """Events, attendance (attended registrations, members or not) and latest recording views."""
    event_ids = session.exec(select(Event.id).where(Event.series_id == series.id)).all()
    attendance = session.exec(
        select(func.count()).select_from(Registration).where(
            Registration.event_id.in_(event_ids), Registration.attended
        )
    ).one() if event_ids else 0
    views = 0
    if event_ids:
        views_q = latest_views_by_event(session, list(event_ids)).subquery()
        views = session.exec(select(func.coalesce(func.sum(views_q.c.view_count), 0))).one()
    return SeriesTotals(
        id=series.id, slug=series.slug, title_en=series.title_en, title_cy=series.title_cy,
        events=len(event_ids), attendance=int(attendance), views=int(views),
    )






def sector_readiness(session: Session) -> Readiness:
    """The maturity page's headline: the median of the assessed bodies' overall levels (not a
    mean: levels are ordinal), withheld by the same rule as every published maturity figure
    (``disclosure.too_few``). With one assessed body, an unsuppressed median would be that
    body's own level."""
    figures = sector_figures(session)
    headline = figures.headline
    return Readiness(median_level=None if headline.suppressed else headline.median_level,
                     bodies_assessed=headline.bodies,
                     withheld=headline.suppressed and headline.bodies > 0,
                     threshold=figures.threshold)


def action_counts(session: Session, today: date) -> ActionCounts:
    is_open = SteeringAction.status.in_(OPEN_ACTION_STATUSES)
    open_count = session.exec(select(func.count()).select_from(SteeringAction).where(is_open)).one()
    overdue = session.exec(
        select(func.count()).select_from(SteeringAction).where(
            is_open, SteeringAction.due_on < today
        )
    ).one()
    upcoming = next_meeting(session, today)
    return ActionCounts(open=open_count, overdue=overdue,
                        next_meeting_on=upcoming.held_on if upcoming else None)




def overview_figures(session: Session, now: datetime) -> OverviewFigures:
    """All the Overview figures at ``now`` (aware, UTC); "today" is the date in Wales."""
    today = london_today(now)
    series = first_series(session)
    return OverviewFigures(
        members=member_counts(session, today),
        coverage=body_coverage(session),
        upcoming=upcoming_events(session, now),
        series=series_totals(session, series) if series else None,
        readiness=sector_readiness(session),
        actions=action_counts(session, today),
        is_demo=is_demo_data(session),
        computed_at=now,
    )
