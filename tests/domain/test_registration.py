"""Registration under load: one registration per member and occurrence (a key in the
database), and places counted under a lock, so two people never both take the last one."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dashboard.domain.auth import Actor
from dashboard.domain.events import registration
from dashboard.models import Registration, Role
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
# Long enough never to be reached when things work; a hang fails instead of blocking CI.
SAFETY = 60

pytestmark = pytest.mark.usefixtures("test_actors")


@pytest.fixture
def last_place(session):
    """An event with one place left, and two members who want it."""
    org = f.organisation(session)
    event = f.event(session, NOW + timedelta(days=7))
    event.capacity = 2
    taken = f.member(session, org, NOW.date())
    session.add(Registration(event_id=event.id, member_id=taken.id))
    first, second = f.member(session, org, NOW.date()), f.member(session, org, NOW.date())
    session.commit()
    return event.id, (Actor(user_id=901, role=Role.MEMBER, label="a", member_id=first.id),
                      Actor(user_id=902, role=Role.MEMBER, label="b", member_id=second.id))


def test_two_registrations_for_the_last_place_do_not_both_get_it(db, last_place, monkeypatch):
    """The first registration pauses after counting the places, until the second has either
    counted them too (no lock: both would see one place left) or reached the lock (then it
    waits for the first to commit and counts again)."""
    event_id, (first, second) = last_place
    counted = registration.registration_counts
    first_counted, second_reached = threading.Event(), threading.Event()
    results: dict[str, str | BaseException] = {}

    def counting(*args, **kwargs):
        found = counted(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_counted.set()
            assert second_reached.wait(SAFETY)
        else:
            second_reached.set()
        return found

    monkeypatch.setattr(registration, "registration_counts", counting)

    @sa.event.listens_for(db, "before_cursor_execute")
    def reaching_the_lock(conn, cursor, statement, parameters, context, executemany):
        locking = "FOR UPDATE" in statement or statement.lstrip().startswith("UPDATE event")
        if threading.current_thread().name == "second" and locking:
            second_reached.set()

    def register(actor: Actor) -> None:
        try:
            with Session(db) as session:
                results[threading.current_thread().name] = registration.register(
                    session, actor, event_id, NOW)
                session.commit()
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            results[threading.current_thread().name] = error

    try:
        one = threading.Thread(target=register, args=(first,), name="first")
        two = threading.Thread(target=register, args=(second,), name="second")
        one.start()
        assert first_counted.wait(SAFETY)
        two.start()
        one.join(SAFETY)
        two.join(SAFETY)
    finally:
        sa.event.remove(db, "before_cursor_execute", reaching_the_lock)
    assert results == {"first": "registered", "second": "waitlisted"}
    with Session(db) as session:
        statuses = session.exec(select(Registration.status).where(
            Registration.event_id == event_id)).all()
    assert sorted(statuses) == ["registered", "registered", "waitlisted"]


def test_the_database_keeps_one_registration_per_member_and_occurrence(session, last_place):
    event_id, (first, _) = last_place
    session.add(Registration(event_id=event_id, member_id=first.member_id))
    session.commit()
    session.add(Registration(event_id=event_id, member_id=first.member_id, status="cancelled"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    # Per occurrence of a recurring event; and people who matched no member are not keyed.
    when = NOW + timedelta(days=14)
    session.add(Registration(event_id=event_id, member_id=first.member_id, occurs_at=when))
    session.add(Registration(event_id=event_id, member_id=None, source_key="a"))
    session.add(Registration(event_id=event_id, member_id=None, source_key="b"))
    session.commit()
    session.add(Registration(event_id=event_id, member_id=first.member_id, occurs_at=when))
    with pytest.raises(IntegrityError):
        session.commit()


def test_the_migration_merges_duplicate_registrations_first(tmp_path):
    """Registrations made before the key existed (two clicks, two tabs) are merged into the
    oldest: attended if any was, registered if any was; plain email hashes are dropped."""
    from alembic.config import Config

    from alembic import command
    from tests.conftest import ROOT

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config(str(ROOT / "alembic.ini"))

    def migrate(target: str) -> None:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)

    migrate("9d2c4b7e1f30")
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO event (id, uid, sequence, title, starts_at, ends_at, timezone, "
            "all_day, status, is_demo, created_at, updated_at) VALUES (1, 'e1', 0, 'Meetup', "
            "'2026-06-01 10:00:00', '2026-06-01 11:00:00', 'Europe/London', 0, 'confirmed', "
            "0, '2026-05-01 00:00:00', '2026-05-01 00:00:00')"))
        connection.execute(sa.text(
            "INSERT INTO member (id, full_name, community_role, status, language, assessor, "
            "is_demo, created_at, updated_at) VALUES (1, 'Aled', 'member', 'active', 'en', 0, "
            "0, '2026-05-01 00:00:00', '2026-05-01 00:00:00')"))
        for status, attended, key in (("waitlisted", 0, None), ("registered", 0, None),
                                      ("cancelled", 1, "a" * 64)):
            connection.execute(sa.text(
                "INSERT INTO registration (event_id, member_id, status, attended, "
                "registered_at, source_key) VALUES (1, 1, :status, :attended, "
                "'2026-05-02 00:00:00', :key)"),
                {"status": status, "attended": attended, "key": key})
    migrate("head")
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT id, status, attended, source_key FROM registration")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [(1, "registered", 1, None)]
