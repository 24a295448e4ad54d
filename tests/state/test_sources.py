"""The data sources page: names in both languages; visitors see names and freshness only;
the steering group adds, edits (a stale save refused), pauses, syncs and reads the history;
no secret ever reaches the browser's state."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import AuditEntry, DataSource, Role, SyncRun
from state.rows import Bilingual
from state.sources import SourceRunsState, SourcesState
from tests.domain.test_sources import SECRET_PATH, TWO, server  # noqa: F401  (fixture)
from tests.local_source import Answer
from tests.state.helpers import run_async


@pytest.fixture
def sources(db):
    with Session(db) as session:
        session.add(DataSource(name="Community events calendar",
                               name_cy="Calendr digwyddiadau'r gymuned", kind="ics"))
        session.add(DataSource(name="Maturity survey export", name_cy="", kind="survey"))
        session.commit()


def test_sources_carry_their_name_in_both_languages(make_state, sources):
    state = make_state(SourcesState, lang="cy")
    state.load()
    translated, untranslated = state.rows
    assert translated.name == Bilingual("Community events calendar",
                                        "Calendr digwyddiadau'r gymuned")
    assert not translated.name_untranslated
    # No Welsh yet: the English name, marked for the steering group.
    assert untranslated.name == Bilingual("Maturity survey export", "Maturity survey export")
    assert untranslated.name_untranslated


def add_calendar(state: SourcesState, url: str) -> None:
    state.new_source()
    for field, value in (("name", "Community calendar"), ("name_cy", "Calendr y gymuned"),
                         ("kind", "ics"), ("schedule", "30"), ("url", url)):
        state.set_form(field, value)
    state.save()


def test_the_steering_group_adds_a_source_whose_secret_never_comes_back(
        make_state, sign_in_as, db, server):  # noqa: F811
    url = server.serve(SECRET_PATH, Answer(TWO))
    state = make_state(SourcesState, token=sign_in_as(Role.STEERING))
    add_calendar(state, url)
    assert state.notice == "Source saved." and not state.editing
    (row,) = state.rows
    assert (row.health, row.schedule_minutes, row.address) == ("new", 30, f"{server.base}/…")
    assert state.form_url == ""
    assert "secret-token" not in repr(state.dict())
    # Editing shows the name and schedule, never the address.
    state.edit(row.id)
    assert (state.form_name, state.form_url, state.form_version) == \
        ("Community calendar", "", row.version)
    # Someone else saves first: this save is refused and keeps what was typed.
    other = make_state(SourcesState, token=sign_in_as(Role.ADMIN, "admin2@example.org"))
    other.load()
    other.edit(row.id)
    other.set_form("schedule", "60")
    other.save()
    state.set_form("schedule", "15")
    state.save()
    assert state.notice_is_error and "Someone changed this source" in state.notice
    assert state.editing and state.form_schedule == "15"
    with Session(db) as session:
        assert session.exec(select(DataSource)).one().schedule_minutes == 60
        assert {e.action for e in session.exec(select(AuditEntry)).all()} >= {"create",
                                                                              "update"}


def test_sync_now_records_one_run_and_the_history_pages_it(make_state, sign_in_as, db,
                                                           server):  # noqa: F811
    url = server.serve(SECRET_PATH, Answer(TWO))
    token = sign_in_as(Role.STEERING)
    state = make_state(SourcesState, token=token)
    add_calendar(state, url)
    source_id = state.rows[0].id
    follow_up = state.sync_now(source_id)
    assert state.syncing_id == source_id and follow_up is not None
    # A second press while it runs is refused: one run, never two.
    assert state.sync_now(source_id) is None
    assert state.notice == "This source is already syncing."
    from dashboard.db import transaction
    from dashboard.domain.clock import utc_now
    from dashboard.domain.sources.runs import run_source

    with Session(db) as session:
        run_id = session.exec(select(SyncRun.id)).one()
    run_async(_run(run_source, transaction, source_id, utc_now, run_id))
    history = make_state(SourceRunsState, token=token)
    history.show(source_id, "Community calendar", "Calendr y gymuned")
    (run,) = history.rows
    assert (run.status, run.added, run.rejected) == ("succeeded", 2, 0)
    assert run.message == Bilingual("2 added, 0 updated, 0 unchanged, 0 rejected.",
                                    "2 wedi'u hychwanegu, 0 wedi'u diweddaru, 0 heb newid, "
                                    "0 wedi'u gwrthod.")


async def _run(run_source, transaction, source_id, clock, run_id):
    return run_source(transaction, source_id, clock, run_id=run_id)


def test_visitors_see_names_and_freshness_only(make_state, sign_in_as, db, server):  # noqa: F811
    url = server.serve(SECRET_PATH, Answer(TWO))
    add_calendar(make_state(SourcesState, token=sign_in_as(Role.STEERING)), url)
    visitor = make_state(SourcesState)
    visitor.load()
    (row,) = visitor.rows
    assert (row.name.en, row.health, row.address, row.status) == \
        ("Community calendar", "new", "", "")
    visitor.new_source()
    visitor.set_form("name", "Sneaky")
    visitor.set_form("url", "https://example.org/x.ics")
    visitor.save()
    assert visitor.notice == "You do not have permission to do that."
    history = make_state(SourceRunsState)
    history.show(row.id, "x", "x")
    assert history.rows == [] and history.problem
    with Session(db) as session:
        assert len(session.exec(select(DataSource)).all()) == 1
