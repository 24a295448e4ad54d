"""Exactly one runner: the lease elects one worker, a due source runs once, and a runner
that stops mid-run is taken over after its lease expires, with nothing duplicated."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from dashboard.domain.sources import kinds
from dashboard.domain.sources import lease as leases
from dashboard.domain.sources.data_sources import RUN_LIMIT
from dashboard.domain.sources.runs import run_source, start_run
from dashboard.domain.sources.schedule import tick
from dashboard.models import DataSource, Event, SyncRun
from tests.domain.test_sources import (  # noqa: F401  (fixtures)
    NOW,
    SECRET_PATH,
    TWO,
    make_calendar_source,
    server,
    transaction,
)
from tests.local_source import Answer

LEASE = timedelta(seconds=30)


@pytest.fixture
def db(own_db):
    """Not the suite's database: its app's runner would take the lease these tests hold at a
    fixed time (see own_engine in tests/conftest.py)."""
    return own_db


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


def test_two_runners_one_wins_and_the_holder_renews(session, transaction):  # noqa: F811
    with transaction() as s:
        a = leases.acquire(s, "worker-a", NOW, LEASE)
    with transaction() as s:
        assert leases.acquire(s, "worker-b", NOW + timedelta(seconds=5), LEASE) is None
    with transaction() as s:
        renewed = leases.acquire(s, "worker-a", NOW + timedelta(seconds=20), LEASE)
    assert renewed.fence == a.fence == 1
    with transaction() as s:  # past the first expiry, but renewed: still a's
        assert leases.acquire(s, "worker-b", NOW + timedelta(seconds=40), LEASE) is None
    with transaction() as s:  # expired: b takes over with a new fence
        b = leases.acquire(s, "worker-b", NOW + timedelta(seconds=51), LEASE)
    assert b.fence == 2
    with transaction() as s:
        assert not leases.holds(s, renewed, NOW + timedelta(seconds=51))
        assert leases.holds(s, b, NOW + timedelta(seconds=51))


def test_runners_racing_on_threads_elect_one(session, transaction):  # noqa: F811
    won, barrier = [], threading.Barrier(4)

    def race(name):
        barrier.wait()
        with transaction() as s:
            if leases.acquire(s, name, NOW, LEASE) is not None:
                won.append(name)

    threads = [threading.Thread(target=race, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1


def test_a_due_source_runs_once_whatever_the_number_of_runners(session, server,  # noqa: F811
                                                               transaction):  # noqa: F811
    source_id = make_calendar_source(session, server.serve(SECRET_PATH, Answer(TWO)))
    clock = Clock()
    first = tick(transaction, "worker-a", clock, LEASE)
    second = tick(transaction, "worker-b", clock, LEASE)
    again = tick(transaction, "worker-a", clock, LEASE, previous_fence=first.fence)
    assert first.leader and [r.status for r in first.runs] == ["succeeded"]
    assert not second.leader and second.runs == []
    assert again.leader and again.runs == []  # not due again until its schedule says so
    session.expire_all()
    assert len(session.exec(select(SyncRun)).all()) == 1
    assert session.get(DataSource, source_id).next_run_at is not None
    clock.now = NOW + timedelta(minutes=31)
    later = tick(transaction, "worker-a", clock, LEASE, previous_fence=first.fence)
    assert [r.status for r in later.runs] == ["succeeded"]


def test_a_run_by_hand_holds_its_source_and_counts_as_the_scheduled_one(
        session, server, transaction):  # noqa: F811
    source_id = make_calendar_source(session, server.serve(SECRET_PATH, Answer(TWO)))
    clock = Clock()
    # "Sync now" (or `cymuned sources sync`): recorded as running while its fetch goes on.
    with transaction() as s:
        by_hand, _job = start_run(s, source_id, clock())
    session.expire_all()
    assert session.get(DataSource, source_id).next_run_at == NOW + timedelta(minutes=30)
    assert tick(transaction, "worker-a", clock, LEASE).runs == []
    # Due again (its schedule made shorter), but the run by hand is still going: the runner
    # waits.
    with transaction() as s:
        s.get(DataSource, source_id).next_run_at = NOW + timedelta(minutes=5)
    clock.now = NOW + timedelta(minutes=20)
    assert tick(transaction, "worker-a", clock, LEASE).runs == []
    # A run still "running" after RUN_LIMIT died with its process: it holds nothing.
    clock.now = NOW + RUN_LIMIT + timedelta(minutes=1)
    assert [r.status for r in tick(transaction, "worker-a", clock, LEASE).runs] == \
        ["succeeded"]
    session.expire_all()
    assert [r.id == by_hand for r in session.exec(select(SyncRun).order_by(SyncRun.id))] == \
        [True, False]


def test_a_stopped_runner_is_taken_over_after_its_lease_expires(session, server,  # noqa: F811
                                                                transaction):  # noqa: F811
    source_id = make_calendar_source(session, server.serve(SECRET_PATH, Answer(TWO)))
    clock = Clock()
    # Worker a takes the lease and starts a run, then stops before writing anything.
    with transaction() as s:
        lease_a = leases.acquire(s, "worker-a", clock(), LEASE)
    with transaction() as s:
        stopped_run, _job = start_run(s, source_id, clock(), lease_a.fence)
    # While a's lease lasts, b waits.
    clock.now = NOW + timedelta(seconds=10)
    assert not tick(transaction, "worker-b", clock, LEASE).leader
    # After it expires, b is elected, records a's run as interrupted and runs the source once.
    clock.now = NOW + timedelta(seconds=31)
    taken = tick(transaction, "worker-b", clock, LEASE)
    assert taken.leader and taken.fence == lease_a.fence + 1
    assert [r.status for r in taken.runs] == ["succeeded"]
    # Worker a wakes up and tries to write its run's results: fenced out, nothing written.
    late = run_source(transaction, source_id, clock, fence=lease_a.fence,
                      still_mine=lambda s, now: leases.holds(s, lease_a, now))
    assert late.status == "failed" and "another worker took over" in late.message
    session.expire_all()
    runs = session.exec(select(SyncRun).order_by(SyncRun.id)).all()
    assert [(r.id == stopped_run, r.status) for r in runs] == \
        [(True, "failed"), (False, "succeeded"), (False, "failed")]
    assert runs[0].message.startswith("Interrupted")
    assert sorted(e.uid for e in session.exec(select(Event)).all()) == ["a@test", "b@test"]
    assert session.get(DataSource, source_id).failures == 0


def test_a_runner_error_is_recorded_and_the_next_source_still_runs(session, server,  # noqa: F811
                                                                   transaction,  # noqa: F811
                                                                   monkeypatch):
    good = make_calendar_source(session, server.serve(SECRET_PATH, Answer(TWO)))
    with transaction() as s:
        bad = DataSource(name="Broken kind", kind="survey", schedule_minutes=60)
        s.add(bad)
    real_fetch = kinds.fetch

    def exploding(job):
        if job.source_id != good:
            raise RuntimeError("boom")
        return real_fetch(job)

    monkeypatch.setattr(kinds, "fetch", exploding)
    result = tick(transaction, "worker-a", Clock(), LEASE)
    assert sorted(r.status for r in result.runs) == ["failed", "succeeded"]
    failed = next(r for r in result.runs if r.status == "failed")
    assert "failed unexpectedly (RuntimeError)" in failed.message
