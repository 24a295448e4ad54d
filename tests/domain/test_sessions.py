"""Sessions: idle timeout, absolute lifetime, their settings, and deleting expired ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from dashboard.domain.auth import (
    SessionPolicy,
    actor_for_token,
    create_user,
    delete_expired_sessions,
    keep_session_alive,
    session_ref,
    start_session,
)
from dashboard.models import Role, UserSession

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POLICY = SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=8))


@pytest.fixture
def token(session):
    user = create_user(session, email="a@example.org", display_name="A", role=Role.MEMBER)
    token = start_session(session, user, now=START, policy=POLICY)
    session.commit()
    return token


def role_at(session, token, minutes: int) -> Role:
    return actor_for_token(session, token, START + timedelta(minutes=minutes), POLICY).role


def test_a_session_ends_after_the_idle_timeout_unless_pages_are_opened(session, token):
    assert role_at(session, token, 29) == Role.MEMBER
    assert role_at(session, token, 31) == Role.VISITOR
    keep_session_alive(session, session_ref(token), START + timedelta(minutes=29), POLICY)
    session.commit()
    assert role_at(session, token, 31) == Role.MEMBER
    assert role_at(session, token, 60) == Role.VISITOR


def test_a_session_ends_at_its_lifetime_however_busy(session, token):
    for minutes in range(20, 8 * 60, 20):
        keep_session_alive(session, session_ref(token), START + timedelta(minutes=minutes),
                           POLICY)
        assert role_at(session, token, minutes) == Role.MEMBER
    assert role_at(session, token, 8 * 60 + 1) == Role.VISITOR


def test_the_settings_come_from_the_environment_with_defaults():
    assert SessionPolicy.from_environ({}) == SessionPolicy(idle=timedelta(minutes=60),
                                                           lifetime=timedelta(hours=12))
    assert SessionPolicy.from_environ({"CYMUNED_SESSION_IDLE_MINUTES": "15",
                                       "CYMUNED_SESSION_MAX_HOURS": "2"}) == SessionPolicy(
        idle=timedelta(minutes=15), lifetime=timedelta(hours=2))
    for wrong in ("0", "-5", "ten", "1.5"):
        with pytest.raises(ValueError, match="CYMUNED_SESSION_IDLE_MINUTES"):
            SessionPolicy.from_environ({"CYMUNED_SESSION_IDLE_MINUTES": wrong})


def test_expired_sessions_are_deleted_and_live_ones_kept(session, token):
    user_id = session.exec(select(UserSession)).one().user_id
    from dashboard.models import User

    fresh = start_session(session, session.get(User, user_id),
                          now=START + timedelta(minutes=40), policy=POLICY)
    session.commit()
    assert delete_expired_sessions(session, START + timedelta(minutes=45), POLICY) == 1
    session.commit()
    assert [s.token_hash for s in session.exec(select(UserSession))] == [session_ref(fresh)]


def test_the_cleanup_command_deletes_expired_sessions(session, token, capsys):
    from dashboard.cli import main

    assert main(["sessions", "clean"]) == 0  # START is long past: idle for days
    assert capsys.readouterr().out.strip() == "1 expired sessions deleted"
    assert session.exec(select(UserSession)).all() == []
