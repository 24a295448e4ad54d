"""Sector coverage, growth per month and cohort retention, on hand-counted fixtures."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from dashboard.domain.membership.engagement import EngagementRule
from dashboard.domain.membership.figures import (
    CoverageRow,
    cohort_retention,
    coverage_by,
    growth_by_month,
    month_starts,
)
from dashboard.models import Registration
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)


def test_coverage_counts_bodies_with_an_active_member(session: Session):
    la1 = f.organisation(session, "la-1", body_type="local_authority", region="north")
    f.organisation(session, "la-2", body_type="local_authority", region="north")
    la3 = f.organisation(session, "la-3", body_type="local_authority", region="mid")
    hb1 = f.organisation(session, "hb-1", body_type="health_board", region="mid")
    other = f.organisation(session, "not-registry", in_registry=False, region="mid")
    f.member(session, la1, date(2025, 1, 1))
    f.member(session, la1, date(2025, 1, 1))  # a second member: still one body
    f.member(session, la3, date(2025, 1, 1), status="pending")  # not a member yet
    f.member(session, hb1, date(2025, 1, 1), status="left")  # no longer
    f.member(session, other, date(2025, 1, 1))  # outside the registry
    session.commit()
    assert coverage_by(session, "body_type") == [
        CoverageRow("health_board", 0, 1), CoverageRow("local_authority", 1, 3)]
    assert coverage_by(session, "region") == [CoverageRow("mid", 0, 2), CoverageRow("north", 1, 2)]
    assert CoverageRow("local_authority", 1, 3).percent == 33


def test_the_growth_period_can_be_longer_than_a_year(session: Session):
    org = f.organisation(session)
    f.member(session, org, date(2024, 8, 1))  # inside 24 months, outside 12
    session.commit()
    rows = growth_by_month(session, NOW, 24)
    assert len(rows) == 24 and rows[0].month == date(2024, 7, 1)
    assert rows[1].joiners == 1 and rows[-1].members == 1
    assert len(cohort_retention(session, NOW, 24)) == 24
    assert sum(r.joiners for r in growth_by_month(session, NOW, 12)) == 0


def test_month_starts_cross_the_year():
    assert month_starts(date(2026, 2, 10), 3) == [date(2025, 12, 1), date(2026, 1, 1),
                                                  date(2026, 2, 1)]


def test_growth_per_month(session: Session):
    org = f.organisation(session)
    f.member(session, org, date(2025, 3, 1))  # before the window: counts in the base
    early_leaver = f.member(session, org, date(2025, 1, 1), status="left")
    early_leaver.left_on = date(2025, 5, 31)  # left before the window
    a = f.member(session, org, date(2025, 7, 1))  # the first day of the window
    f.member(session, org, date(2025, 7, 31))
    b = f.member(session, org, date(2026, 6, 15), status="left")
    b.left_on = date(2026, 6, 15)
    f.member(session, org, date(2026, 6, 1), status="pending")  # not counted
    f.member(session, org, date(2026, 1, 20), status="declined")  # not counted
    session.add_all([early_leaver, b])
    e1 = f.event(session, f.utc(2025, 7, 10, 10))
    e2 = f.event(session, f.utc(2025, 7, 20, 10))
    session.add_all([Registration(event_id=e1.id, member_id=a.id, attended=True),
                     Registration(event_id=e2.id, member_id=a.id, attended=True),  # same person
                     Registration(event_id=e2.id, member_id=b.id, attended=False),  # absent
                     Registration(event_id=e2.id, member_id=None, attended=True)])  # anonymous
    session.commit()
    rows = growth_by_month(session, NOW)
    assert len(rows) == 12
    assert rows[0].month == date(2025, 7, 1) and rows[-1].month == date(2026, 6, 1)
    july, june = rows[0], rows[-1]
    assert (july.joiners, july.leavers, july.net, july.members, july.active) == (2, 0, 2, 3, 1)
    assert all((r.joiners, r.leavers, r.members) == (0, 0, 3) for r in rows[1:-1])
    assert (june.joiners, june.leavers, june.net, june.members) == (1, 1, 0, 3)


def test_cohort_retention(session: Session):
    org = f.organisation(session)
    rule = EngagementRule(inactive_days=100)
    today = date(2026, 6, 15)
    stays = f.member(session, org, date(2025, 7, 5))
    stays.last_active_on = today - timedelta(days=100)  # on the boundary: still active
    drifts = f.member(session, org, date(2025, 7, 6))
    drifts.last_active_on = today - timedelta(days=101)
    left = f.member(session, org, date(2025, 7, 7), status="left")
    chair = f.member(session, org, date(2025, 7, 8))
    chair.community_role, chair.last_active_on = "chair", date(2025, 7, 8)
    session.add_all([stays, drifts, left, chair])
    session.commit()
    rows = cohort_retention(session, NOW, rule=rule)
    july = rows[0]
    assert (july.month, july.joined, july.still_members, july.still_active) == (
        date(2025, 7, 1), 4, 3, 2)
    assert july.retention == 50
    assert all(r.joined == 0 for r in rows[1:])
