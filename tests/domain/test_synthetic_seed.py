"""The synthetic dataset: exactly the size asked for, and the Overview works on it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func
from sqlmodel import select

from dashboard.domain.overview import overview_figures
from dashboard.models import (
    Assessment,
    AssessmentScore,
    Event,
    MaturityDimension,
    Member,
    Organisation,
    Registration,
    Setting,
)
from dashboard.seed.synthetic import SyntheticSize, seed_synthetic

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SMALL = SyntheticSize(members=500, bodies=100, events=50, attendance=2_000, assessments=300)


def count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


@pytest.fixture
def synthetic(reference):
    seed_synthetic(reference, size=SMALL, now=NOW, seed=7)
    reference.commit()
    return reference


def test_exactly_the_size_asked_for(synthetic):
    assert count(synthetic, Member) == 500
    assert count(synthetic, Organisation, Organisation.in_registry) == 100
    assert count(synthetic, Event) == 50
    assert count(synthetic, Registration, Registration.attended) == 2_000
    assert count(synthetic, Assessment) == 300
    dimensions = count(synthetic, MaturityDimension)
    assert count(synthetic, AssessmentScore) == 300 * dimensions
    assert synthetic.get(Setting, "dataset").value == "synthetic"


def test_emails_unique_and_lower_case(synthetic):
    emails = [e for e in synthetic.exec(select(Member.email)).all() if e is not None]
    assert len(emails) == len(set(emails))
    assert all(e == e.lower() for e in emails)


def test_attendance_only_at_past_events(synthetic):
    future = select(Event.id).where(Event.starts_at >= NOW)
    assert count(synthetic, Registration, Registration.attended,
                 Registration.event_id.in_(future)) == 0


def test_overview_figures_run_on_it(synthetic):
    figures = overview_figures(synthetic, NOW)
    assert figures.members.members > 0
    assert figures.coverage.total == 100
    assert figures.series is not None and figures.series.attendance > 0
    assert figures.readiness.bodies_assessed > 0
    assert not figures.is_demo


def test_rows_added_afterwards_get_fresh_ids(synthetic):
    # The seed gives ids itself; PostgreSQL's sequences must have moved past them.
    member = Member(full_name="Rhys Prydderch", email="rhys@example.org")
    synthetic.add(member)
    synthetic.flush()
    assert member.id > 500


def test_an_uneven_number_of_assessments_fills_a_last_partial_round(reference):
    size = SyntheticSize(members=50, bodies=70, events=5, attendance=40, assessments=150)
    seed_synthetic(reference, size=size, now=NOW, seed=1)
    assert count(reference, Assessment) == 150


def test_refuses_a_database_with_community_data(synthetic):
    with pytest.raises(ValueError):
        seed_synthetic(synthetic, size=SMALL, now=NOW)
