"""Membership figures for the steering group: sector coverage by type of body and region,
growth per month, and cohort retention. Aggregates only: no one's personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, extract, func, or_
from sqlmodel import Session, select

from dashboard.domain.clock import LONDON, london_today, to_local
from dashboard.domain.membership.bodies import LEADING_ROLES
from dashboard.domain.membership.engagement import EngagementRule, engagement_rule
from dashboard.models import Event, Member, MemberStatus, Organisation, Registration

# The periods the growth and cohort tables can cover, in months.
GROWTH_PERIODS = (6, 12, 24, 36)
DEFAULT_PERIOD = 12

# Everyone who has been a member at some point (not a request, not a declined one).
MEMBERSHIP_STATUSES = (MemberStatus.ACTIVE.value, MemberStatus.LEFT.value,
                       MemberStatus.ERASED.value)


@dataclass(frozen=True)
class CoverageRow:
    key: str  # a body type or a region code
    represented: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.represented / self.total) if self.total else 0


def coverage_by(session: Session, dimension: str) -> list[CoverageRow]:
    """For each type of body (``body_type``) or region (``region``): registry bodies with at
    least one active member, out of all of them; least covered first."""
    column = {"body_type": Organisation.body_type, "region": Organisation.region}[dimension]
    has_member = (
        select(Member.id)
        .where(Member.organisation_id == Organisation.id,
               Member.status == MemberStatus.ACTIVE.value)
        .exists()
    )
    rows = session.exec(
        select(column, func.sum(case((has_member, 1), else_=0)), func.count())
        .where(Organisation.in_registry)
        .group_by(column)
    ).all()
    result = [CoverageRow(key, int(represented or 0), int(total))
              for key, represented, total in rows]
    return sorted(result,
                  key=lambda row: (row.represented / row.total if row.total else 1, row.key))


@dataclass(frozen=True)
class MonthRow:
    month: date  # the first day of the month
    joiners: int
    leavers: int
    net: int  # joiners minus leavers
    members: int  # members at the end of the month
    active: int  # members who attended at least one event in the month


def month_starts(today: date, months: int) -> list[date]:
    first = today.replace(day=1)
    starts = [first]
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
        starts.append(first)
    return list(reversed(starts))


def _next_month(start: date) -> date:
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _utc(day: date) -> datetime:
    """Midnight in London on ``day``, as an aware time (the database compares in UTC)."""
    return datetime.combine(day, time(0), tzinfo=LONDON)


def _month_key(column):
    """year * 100 + month of a date column, in SQL that SQLite and PostgreSQL both run."""
    return extract("year", column) * 100 + extract("month", column)


def _key(day: date) -> int:
    return day.year * 100 + day.month


def _per_month(session: Session, column, starts: list[date], *where) -> dict[int, int]:
    key = _month_key(column)
    rows = session.exec(
        select(key, func.count())
        .where(*where, column >= starts[0], column < _next_month(starts[-1]))
        .group_by(key)
    ).all()
    return {int(k): int(n) for k, n in rows}


def _active_per_month(session: Session, starts: list[date]) -> dict[int, int]:
    """Distinct members who attended an event, per London month.

    One COUNT(DISTINCT) per month over that month's event ids: the registration index
    (event_id, attended) answers each, where one grouped join over the year took 3x longer.
    """
    events = session.exec(
        select(Event.id, Event.starts_at).where(
            Event.starts_at >= _utc(starts[0]), Event.starts_at < _utc(_next_month(starts[-1])))
    ).all()
    by_month: dict[int, list[int]] = {}
    for event_id, starts_at in events:
        by_month.setdefault(_key(to_local(starts_at).date()), []).append(event_id)
    return {
        month: session.exec(
            select(func.count(func.distinct(Registration.member_id))).where(
                Registration.event_id.in_(ids), Registration.attended,
                Registration.member_id.is_not(None))
        ).one()
        for month, ids in by_month.items()
    }


def growth_by_month(session: Session, now: datetime, months: int = 12) -> list[MonthRow]:
    """The last ``months`` months, oldest first, this month included (so far).

    Active members are counted by the London month an event started in.
    """
    starts = month_starts(london_today(now), months)
    window_start = starts[0]
    members = Member.status.in_(MEMBERSHIP_STATUSES)
    joined_before = session.exec(
        select(func.count()).select_from(Member).where(members, Member.joined_on < window_start)
    ).one()
    # Only people who were members have a leaving date: no status test, so the left_on
    # index answers these on its own.
    left_before = session.exec(
        select(func.count()).select_from(Member).where(Member.left_on < window_start)
    ).one()
    joiners = _per_month(session, Member.joined_on, starts, members)
    leavers = _per_month(session, Member.left_on, starts)
    active = _active_per_month(session, starts)
    rows, current = [], joined_before - left_before
    for start in starts:
        joined, left = joiners.get(_key(start), 0), leavers.get(_key(start), 0)
        current += joined - left
        rows.append(MonthRow(start, joined, left, joined - left, current,
                             active.get(_key(start), 0)))
    return rows


@dataclass(frozen=True)
class CohortRow:
    month: date
    joined: int
    still_members: int
    still_active: int  # still a member and not inactive under the engagement rule

    @property
    def retention(self) -> int:
        return round(100 * self.still_active / self.joined) if self.joined else 0


def cohort_retention(session: Session, now: datetime, months: int = 12,
                     rule: EngagementRule | None = None) -> list[CohortRow]:
    """Of those who joined in each of the last ``months`` months: how many are still members,
    and how many are still active (engaged within the rule's inactive period)."""
    rule = rule or engagement_rule(session)
    today = london_today(now)
    starts = month_starts(today, months)
    cutoff = today - timedelta(days=rule.inactive_days)
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    still = Member.status == MemberStatus.ACTIVE.value
    active = and_(still, or_(Member.community_role.in_(LEADING_ROLES), last_seen >= cutoff))
    key = _month_key(Member.joined_on)
    rows = session.exec(
        select(key, func.count(), func.sum(case((still, 1), else_=0)),
               func.sum(case((active, 1), else_=0)))
        .where(Member.status.in_(MEMBERSHIP_STATUSES), Member.joined_on >= starts[0],
               Member.joined_on < _next_month(starts[-1]))
        .group_by(key)
    ).all()
    counts = {int(k): (int(a), int(b or 0), int(c or 0)) for k, a, b, c in rows}
    return [CohortRow(s, *counts.get(_key(s), (0, 0, 0))) for s in starts]
