"""The Overview figures, each checked against a small fixture counted by hand."""

from __future__ import annotations

from datetime import date

from dashboard.domain import overview
from dashboard.domain.disclosure import DEFAULT_THRESHOLD, THRESHOLD_KEY
from dashboard.domain.maturity.sector import sector_figures
from dashboard.models import Setting
from tests import factories as f

NOW = f.utc(2026, 11, 26, 12, 0)  # a Thursday; the London date is 26 November too
TODAY = date(2026, 11, 26)


def test_member_counts_only_active_and_this_month(session):
    org = f.organisation(session)
    f.member(session, org, date(2026, 11, 1))  # new this month
    f.member(session, org, date(2026, 11, 26))  # new today
    f.member(session, org, date(2026, 10, 31))  # last month
    f.member(session, org, date(2026, 11, 5), status="pending")  # not a member yet
    f.member(session, org, date(2026, 11, 5), status="left")
    f.member(session, None, date(2025, 1, 1), status="erased")
    counts = overview.member_counts(session, TODAY)
    assert counts == overview.MemberCounts(members=3, new_this_month=2)


def test_new_this_month_uses_the_date_in_wales(session):
    # 00:30 on 1 December in London (GMT) is still 1 December; in BST the UTC date lags.
    org = f.organisation(session)
    f.member(session, org, date(2026, 6, 30))
    late_june_utc = f.utc(2026, 6, 30, 23, 30)  # 00:30 on 1 July in London (BST)
    figures = overview.overview_figures(session, late_june_utc)
    assert figures.members.new_this_month == 0  # it is July in Wales


def test_body_coverage_counts_bodies_with_an_active_member(session):
    a, b, c = f.organisation(session), f.organisation(session), f.organisation(session)
    other = f.organisation(session, in_registry=False)
    f.member(session, a, TODAY)
    f.member(session, a, TODAY)
    f.member(session, b, TODAY, status="left")  # b no longer represented
    f.member(session, other, TODAY)  # not a registry body: not counted either way
    assert overview.body_coverage(session) == overview.Coverage(represented=1, total=3)
    assert c.id  # c has nobody


def test_upcoming_events_are_the_next_three_not_cancelled(session):
    past = f.event(session, f.utc(2026, 11, 20, 10))
    later = f.event(session, f.utc(2027, 1, 10, 10))
    soon = f.event(session, f.utc(2026, 11, 27, 10))
    cancelled = f.event(session, f.utc(2026, 11, 28, 10), status="cancelled")
    next_week = f.event(session, f.utc(2026, 12, 3, 10))
    furthest = f.event(session, f.utc(2027, 2, 1, 10))
    ids = [e.id for e in overview.upcoming_events(session, NOW)]
    assert ids == [soon.id, next_week.id, later.id]
    assert past.id not in ids and cancelled.id not in ids and furthest.id not in ids


def test_series_totals_sum_attendance_and_latest_views(session):
    first = f.series(session, "first")
    second = f.series(session, "second")
    e1 = f.event(session, f.utc(2024, 2, 1, 10), first)
    e2 = f.event(session, f.utc(2024, 3, 1, 10), first)
    other = f.event(session, f.utc(2025, 1, 1, 10), second)
    f.attendance(session, e1, attended=3, absent=2)
    f.attendance(session, e2, attended=4)
    f.attendance(session, other, attended=50)
    f.views(session, e1, (f.utc(2024, 3, 1), 10), (f.utc(2024, 6, 1), 25))  # latest 25
    f.views(session, e2, (f.utc(2024, 4, 1), 7))
    f.views(session, other, (f.utc(2025, 2, 1), 1000))
    assert overview.first_series(session).id == first.id
    totals = overview.series_totals(session, first)
    assert (totals.events, totals.attendance, totals.views) == (2, 7, 32)


def test_series_without_views_or_attendance_is_zero(session):
    empty = f.series(session, "empty")
    f.event(session, f.utc(2024, 2, 1, 10), empty)
    totals = overview.series_totals(session, empty)
    assert (totals.events, totals.attendance, totals.views) == (1, 0, 0)


def test_sector_readiness_is_the_median_of_body_medians_latest_accepted(session):
    dims = f.framework(session, dimensions=3)
    r1 = f.assessment_round(session, "2025", date(2025, 3, 1))
    r2 = f.assessment_round(session, "2026", date(2026, 3, 1))
    a, b, c, d = (f.organisation(session) for _ in range(4))
    f.assessment(session, a, r1, dims, [1, 1, 1])
    f.assessment(session, a, r2, dims, [3, 4, 5])  # latest for a: median 4
    f.assessment(session, b, r1, dims, [2, None, 3])  # not applicable left out: median 2.5
    f.assessment(session, b, r2, dims, [5, 5, 5], status="submitted")  # not accepted yet
    f.assessment(session, c, r2, dims, [1, 2, 2])  # median 2
    f.assessment(session, d, r2, dims, [5, 5, 5], status="draft")  # not counted
    session.merge(Setting(key=THRESHOLD_KEY, value="3"))
    session.flush()
    readiness = overview.sector_readiness(session)
    # body levels 4, 2.5, 2 -> median 2.5
    assert readiness == overview.Readiness(median_level=2.5, bodies_assessed=3, threshold=3)


def test_sector_readiness_is_withheld_by_the_maturity_pages_rule(session):
    """One assessed body: an unsuppressed median would be that body's own level."""
    dims = f.framework(session, dimensions=2)
    rnd = f.assessment_round(session, "2026", date(2026, 3, 1))
    f.assessment(session, f.organisation(session), rnd, dims, [4, 4])
    session.flush()
    readiness = overview.sector_readiness(session)
    assert readiness == overview.Readiness(median_level=None, bodies_assessed=1, withheld=True,
                                           threshold=DEFAULT_THRESHOLD)
    headline = sector_figures(session).headline
    assert headline.suppressed and headline.median_level is None  # the same rule, the same figure


def test_sector_readiness_with_no_assessments(session):
    assert overview.sector_readiness(session) == overview.Readiness(None, 0, False, 5)


def test_action_counts_open_and_overdue(session):
    f.action(session, date(2026, 11, 25))  # overdue
    f.action(session, date(2026, 11, 26), status="in_progress")  # due today: not overdue
    f.action(session, date(2026, 12, 1))
    f.action(session, None)  # no due date: open, never overdue
    f.action(session, date(2026, 1, 1), status="done")
    f.action(session, date(2026, 1, 1), status="cancelled")
    assert overview.action_counts(session, TODAY) == overview.ActionCounts(open=4, overdue=1)


def test_overview_figures_together_and_demo_flag(session):
    assert overview.overview_figures(session, NOW).is_demo is False
    session.add(Setting(key="dataset", value="demo"))
    session.flush()
    figures = overview.overview_figures(session, NOW)
    assert figures.is_demo is True
    assert figures.series is None and figures.upcoming == []
