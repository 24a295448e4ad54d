"""Engagement levels: leading, new, active, occasional, inactive, worked out in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, func, or_
from sqlmodel import Session, select

from dashboard.domain.clock import london_today
from dashboard.domain.membership.bodies import (
    LEADING_ROLES,
)
from dashboard.models import (
    Event,
    Member,
    Registration,
    Setting,
)

# --- engagement -----------------------------------------------------------------------------


class Level:
    NEW = "new"
    OCCASIONAL = "occasional"
    ACTIVE = "active"
    LEADING = "leading"
    INACTIVE = "inactive"


LEVELS = (Level.NEW, Level.OCCASIONAL, Level.ACTIVE, Level.LEADING, Level.INACTIVE)


@dataclass(frozen=True)
class EngagementRule:
    """How engagement levels are worked out; each number can be changed in a Setting row
    (``membership.new_days`` and so on), so the steering group can tune it without a release.

    In order, the first that applies: leading (steering group or chair); inactive (no
    activity for more than ``inactive_days``); new (joined in the last ``new_days``); active
    (attended at least ``active_events`` events in the last ``window_days``); otherwise
    occasional.
    """

    new_days: int = 90
    window_days: int = 365
    active_events: int = 3
    inactive_days: int = 365

    SETTINGS = ("new_days", "window_days", "active_events", "inactive_days")


def engagement_rule(session: Session) -> EngagementRule:
    keys = [f"membership.{name}" for name in EngagementRule.SETTINGS]
    rows = session.exec(select(Setting).where(Setting.key.in_(keys)))
    found = {row.key: row.value for row in rows}
    values = {}
    for name in EngagementRule.SETTINGS:
        raw = found.get(f"membership.{name}")
        if raw is not None and raw.strip().isdigit() and int(raw) > 0:
            values[name] = int(raw)
    return EngagementRule(**values)


def level_bounds(rule: EngagementRule, now: datetime) -> dict:
    """The dates the levels are worked out from, on ``now``, by the names of the bound
    parameters of ``level_expression(rule)`` (when it is built without a ``now``)."""
    today = london_today(now)
    return {"level_now": now, "level_window_start": now - timedelta(days=rule.window_days),
            "level_inactive_before": today - timedelta(days=rule.inactive_days),
            "level_new_from": today - timedelta(days=rule.new_days)}


def _bound_dates(rule: EngagementRule, now: datetime | None) -> dict:
    """``level_bounds`` as values on ``now``, or, without one, as bound parameters."""
    if now is not None:
        return level_bounds(rule, now)
    # Untyped: each takes the type of the column it is compared with.
    return {name: bindparam(name) for name in
            ("level_now", "level_window_start", "level_inactive_before", "level_new_from")}


def _attended_in_window(dates: dict):
    """A correlated count of events the member attended in the rule's window."""
    return (
        select(func.count(Registration.id))
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.member_id == Member.id, Registration.attended,
               Event.starts_at >= dates["level_window_start"],
               Event.starts_at <= dates["level_now"])
        .scalar_subquery()
    )


def _frequent(rule: EngagementRule, now: datetime):
    """Members who attended at least ``active_events`` events in the window: one GROUP BY over
    the window's attendance, for filtering or exporting many members at once."""
    dates = level_bounds(rule, now)
    return Member.id.in_(
        select(Registration.member_id)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.attended, Registration.member_id.is_not(None),
               Event.starts_at >= dates["level_window_start"],
               Event.starts_at <= dates["level_now"])
        .group_by(Registration.member_id)
        .having(func.count(Registration.id) >= rule.active_events)
    )


def level_expression(rule: EngagementRule, now: datetime | None, bulk: bool = False):
    """The engagement level as one SQL CASE, in the rule's order. ``bulk`` for many rows
    (an export): one uncorrelated subquery instead of a count per member.

    With ``now`` None (not with ``bulk``) its dates are bound parameters: a statement built
    once serves every day, executed with ``level_bounds(rule, now)`` as its parameters."""
    dates = _bound_dates(rule, now)
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    frequent = (_frequent(rule, now) if bulk
                else _attended_in_window(dates) >= rule.active_events)
    return case(
        (Member.community_role.in_(LEADING_ROLES), Level.LEADING),
        (or_(last_seen.is_(None), last_seen < dates["level_inactive_before"]), Level.INACTIVE),
        (Member.joined_on >= dates["level_new_from"], Level.NEW),
        (frequent, Level.ACTIVE),
        else_=Level.OCCASIONAL,
    )


def level_condition(level: str, rule: EngagementRule, now: datetime):
    """A WHERE condition for one engagement level, in the rule's order.

    Same result as ``level_expression(...) == level``, but 'active' uses one uncorrelated
    GROUP BY over the window's attendance instead of a count per member, which matters at
    100,000 members.
    """
    dates = level_bounds(rule, now)
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    leading = Member.community_role.in_(LEADING_ROLES)
    inactive = or_(last_seen.is_(None), last_seen < dates["level_inactive_before"])
    new = Member.joined_on >= dates["level_new_from"]
    frequent = _frequent(rule, now)
    # A NULL joined_on is never new (the CASE treats it the same way).
    not_new = or_(Member.joined_on.is_(None), ~new)
    if level == Level.LEADING:
        return leading
    if level == Level.INACTIVE:
        return and_(~leading, inactive)
    if level == Level.NEW:
        return and_(~leading, ~inactive, new)
    if level == Level.ACTIVE:
        return and_(~leading, ~inactive, not_new, frequent)
    return and_(~leading, ~inactive, not_new, ~frequent)


def levels_for(session: Session, member_ids: list[int], rule: EngagementRule,
               now: datetime) -> dict[int, str]:
    """Engagement levels of a few members (one page), in one query."""
    if not member_ids:
        return {}
    rows = session.exec(_levels_of(rule),
                        params={"ids": member_ids, **level_bounds(rule, now)}).all()
    return {member_id: level for member_id, level in rows}


@lru_cache(maxsize=16)
def _levels_of(rule: EngagementRule):
    """``levels_for``'s statement, built once per rule: building and keying a statement with a
    correlated count costs more than running it for one page of members."""
    return (select(Member.id, level_expression(rule, None))
            .where(Member.id.in_(bindparam("ids", expanding=True))))
