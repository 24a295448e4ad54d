"""The demo community: true to the case study, realistic, and the same every time."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from dashboard.domain.clock import london_today
from dashboard.domain.dataset import is_demo_data
from dashboard.domain.overview import (
    body_coverage,
    first_series,
    member_counts,
    series_totals,
    upcoming_events,
)
from dashboard.models import (
    ActionGoalLink,
    ActionObjectiveLink,
    Assessment,
    AssessmentRound,
    AssessmentScore,
    CommunityRole,
    DataSource,
    Event,
    MaturityDimension,
    Member,
    MemberStatus,
    Registration,
    Series,
    Setting,
    SteeringAction,
    SyncRun,
    User,
)
from dashboard.seed.demo import database_is_empty, seed_demo

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture
def demo(reference):
    seed_demo(reference, now=NOW)
    reference.commit()
    return reference


def count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_database_is_empty_before_the_demo_and_not_after(reference):
    assert database_is_empty(reference)
    seed_demo(reference, now=NOW)
    reference.commit()
    assert not database_is_empty(reference)


def test_first_series_is_the_2024_webinars_with_the_case_study_totals(demo):
    series = first_series(demo)
    assert series.slug == "ai-webinars-2024"
    assert series.title_cy == "Gweminarau rhannu gwybodaeth am ddeallusrwydd artiffisial"
    totals = series_totals(demo, series)
    assert (totals.events, totals.attendance, totals.views) == (5, 622, 4777)


def test_webinars_are_2024_recorded_and_mostly_attended_by_non_members(demo):
    series = first_series(demo)
    webinars = demo.exec(select(Event).where(Event.series_id == series.id)).all()
    assert {e.starts_at.year for e in webinars} == {2024}
    assert all(len(e.youtube_video_id) == 11 for e in webinars)
    assert all(e.recording_url.endswith(e.youtube_video_id) for e in webinars)
    titles = " ".join(e.title.lower() for e in webinars)
    assert "bias" in titles and "procurement" in titles and "equality duty" in titles
    ids = [e.id for e in webinars]
    anonymous = count(demo, Registration, Registration.event_id.in_(ids), Registration.attended,
                      Registration.member_id.is_(None))
    assert anonymous > 622 / 2
    no_shows = count(demo, Registration, Registration.event_id.in_(ids), ~Registration.attended)
    assert no_shows > 0


def test_attendance_linked_to_a_member_is_never_from_before_they_joined(demo):
    """Otherwise the growth table shows more active members than members in a month."""
    rows = demo.exec(
        select(Event.starts_at, Member.joined_on)
        .join(Registration, Registration.event_id == Event.id)
        .join(Member, Member.id == Registration.member_id)
        .where(Registration.attended)
    ).all()
    assert len(rows) > 50
    assert all(london_today(starts) >= joined for starts, joined in rows)


def test_about_300_members_across_about_40_bodies_with_some_unrepresented(demo):
    members = demo.exec(select(Member)).all()
    assert 270 <= len(members) <= 330
    bodies = {m.organisation_id for m in members if m.organisation_id is not None}
    assert 35 <= len(bodies) <= 45
    coverage = body_coverage(demo)
    assert 0 < coverage.represented < coverage.total
    statuses = Counter(m.status for m in members)
    assert 3 <= statuses[MemberStatus.PENDING.value] <= 10
    assert 10 <= statuses[MemberStatus.LEFT.value] <= 20
    roles = Counter(m.community_role for m in members)
    assert roles[CommunityRole.CHAIR.value] == 1
    assert 8 <= roles[CommunityRole.STEERING.value] <= 12
    assert roles[CommunityRole.OBSERVER.value] >= 2
    welsh = sum(m.language == "cy" for m in members) / len(members)
    assert 0.12 <= welsh <= 0.3
    assert any(ch in "".join(m.full_name for m in members) for ch in "âêîôûŵŷ")
    assert all(m.is_demo for m in members)
    assert all(m.consent_at is not None for m in members if m.status != MemberStatus.PENDING.value)
    assert all(m.left_on is not None for m in members if m.status == MemberStatus.LEFT.value)


def test_a_few_members_joined_this_month(demo):
    assert 3 <= member_counts(demo, london_today(NOW)).new_this_month <= 8


def test_every_email_is_unique_lower_case_and_clearly_fake(demo):
    emails = demo.exec(select(Member.email)).all()
    assert len(emails) == len(set(emails))
    assert all(e == e.lower() and e.isascii() for e in emails)
    assert all(e.endswith(".demo.cymuned.example") for e in emails)


def test_same_seed_gives_the_same_people(reference):
    def people():
        seed_demo(reference, now=NOW, seed=7)
        reference.flush()
        rows = reference.exec(select(Member.full_name, Member.email).order_by(Member.email)).all()
        reference.rollback()
        return [tuple(row) for row in rows]

    first = people()
    assert people() == first
    seed_demo(reference, now=NOW, seed=8)
    other = reference.exec(select(Member.full_name, Member.email).order_by(Member.email)).all()
    assert [tuple(row) for row in other] != first


def test_upcoming_meetups_in_the_next_three_months(demo):
    upcoming = upcoming_events(demo, NOW)
    assert len(upcoming) == 3
    assert all(NOW < e.starts_at < NOW + timedelta(days=100) for e in upcoming)
    future = demo.exec(select(Event).where(Event.starts_at >= NOW)).all()
    assert any(e.status == "cancelled" for e in future)
    assert any(e.location and not e.online_url for e in future)
    booked = count(demo, Registration, Registration.event_id.in_([e.id for e in future]),
                   Registration.member_id.is_not(None))
    assert booked > 0


def test_two_maturity_rounds_scored_on_every_dimension(demo):
    rounds = demo.exec(select(AssessmentRound).order_by(AssessmentRound.opens_on)).all()
    assert len(rounds) == 2
    dimensions = count(demo, MaturityDimension)
    assert dimensions > 0
    first, latest = (demo.exec(select(Assessment).where(Assessment.round_id == r.id)).all()
                     for r in rounds)
    assert 25 <= len(first) <= 35 and 20 <= len(latest) <= 30
    assert all(a.status == "accepted" for a in first)
    assert {"submitted", "draft"} <= {a.status for a in latest}
    accepted = [a for a in first + latest if a.status == "accepted"]
    for assessment in accepted:
        scores = count(demo, AssessmentScore, AssessmentScore.assessment_id == assessment.id)
        assert scores == dimensions
    levels = Counter(demo.exec(select(AssessmentScore.level)).all())
    assert levels[2] + levels[3] > sum(levels.values()) / 2
    assert levels[None] == count(demo, AssessmentScore, AssessmentScore.not_applicable)


def test_steering_actions_owned_by_the_steering_group_and_linked(demo):
    actions = demo.exec(select(SteeringAction)).all()
    assert 20 <= len(actions) <= 30
    owners = {m.id for m in demo.exec(select(Member).where(
        Member.community_role.in_([CommunityRole.STEERING.value, CommunityRole.CHAIR.value])))}
    assert all(a.owner_member_id in owners for a in actions)
    today = london_today(NOW)
    assert any(a.status in ("open", "in_progress") and a.due_on < today for a in actions)
    assert any(a.due_on > today for a in actions)
    for action in actions:
        objectives = count(demo, ActionObjectiveLink, ActionObjectiveLink.action_id == action.id)
        goals = count(demo, ActionGoalLink, ActionGoalLink.action_id == action.id)
        assert 1 <= objectives <= 2 and 1 <= goals <= 2


def test_marked_as_demo_with_sources_and_one_passwordless_account_per_role(demo):
    assert demo.get(Setting, "dataset").value == "demo"
    assert is_demo_data(demo)
    kinds = {source.kind for source in demo.exec(select(DataSource))}
    assert kinds == {"ics", "youtube", "registrations", "survey"}
    failed = demo.exec(select(SyncRun).where(SyncRun.status == "failed")).all()
    assert failed and all(run.message for run in failed)
    # "Try as a member / steering group / admin" on the sign-in page: each a demo member's.
    users = demo.exec(select(User)).all()
    assert sorted(u.role for u in users) == ["admin", "member", "steering"]
    for user in users:
        assert user.password_hash is None
        assert demo.get(Setting, f"demo_account.{user.role}").value == str(user.id)
        member = demo.get(Member, user.member_id)
        assert member.is_demo and member.email == user.email
    member_account = next(u for u in users if u.role == "member")
    assert demo.get(Member, member_account.member_id).assessor


def test_the_demo_content_is_written_in_welsh_too(demo):
    """Every event title, description and place, series, action and source name has Welsh
    of its own (not the English copied), so the Welsh pages show Welsh throughout."""
    def welsh_of_its_own(english: str | None, welsh: str | None) -> bool:
        if not english:
            return welsh is None or welsh == ""
        return bool(welsh and welsh.strip()) and welsh != english

    events = demo.exec(select(Event)).all()
    assert events
    for event in events:
        assert welsh_of_its_own(event.title, event.title_cy), event.title
        assert welsh_of_its_own(event.description, event.description_cy), event.title
        assert welsh_of_its_own(event.location, event.location_cy), event.title
    assert any(event.location_cy for event in events)
    for series in demo.exec(select(Series)).all():
        assert welsh_of_its_own(series.title_en, series.title_cy)
        assert welsh_of_its_own(series.description_en, series.description_cy)
    for action in demo.exec(select(SteeringAction)).all():
        assert welsh_of_its_own(action.title, action.title_cy), action.title
        assert welsh_of_its_own(action.description, action.description_cy), action.title
    for source in demo.exec(select(DataSource)).all():
        assert welsh_of_its_own(source.name, source.name_cy), source.name
    # The session held in Welsh has an English title on English pages.
    titles = [event.title for event in events]
    assert not any(title.startswith("Sesiwn Gymraeg") for title in titles)
