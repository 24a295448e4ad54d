"""Every upload handler checks the role before it reads the file, then its size; the file is
parsed by a background event on a thread (not in the upload event, which holds the tab's
lock); the file and its rows leave the server once the import ends or is cancelled; the
attendance file's name never reaches the public sources page."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from dashboard.models import Role, SyncRun
from state.events import EventsState
from state.survey_import import SurveyImportState
from tests.domain.test_events_calendar import OUTLOOK
from tests.state.helpers import run_async, uploaded
from tests.state.test_attendance_import import CSV, Upload, import_state
from tests.state.test_event import add_event
from tests.state.test_maturity_assess import make_world
from tests.state.test_survey_import import CSV as SURVEY
from tests.state.test_survey_import import wizard


@pytest.fixture
def world(db):
    return make_world(db)


@pytest.fixture
def event_id(db) -> int:
    return add_event(db)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The threads the survey's parser ran on (it must not run for a visitor)."""
    threads: list[str] = []
    reader = SurveyImportState._import_read

    def recording(self, data, filename):
        threads.append(threading.current_thread().name)
        return reader(self, data, filename)

    monkeypatch.setattr(SurveyImportState, "_import_read", recording)
    return threads


@pytest.mark.parametrize("who", ["", "assessor"])
def test_a_visitors_survey_upload_is_refused_before_parsing(db, make_state, world, parsed, who):
    state = wizard(make_state, world["tokens"].get(who, ""))
    file = Upload(SURVEY, "forms.csv")
    assert uploaded(state, [file]) is None  # no reading is started
    assert state.notice == "You do not have permission to do that."
    assert not file.was_read and parsed == [] and state._pending is None
    # Nor does the reading event, sent by hand, parse anything.
    run_async(type(state).read_upload.fn(state))
    assert parsed == [] and state.step == "upload"


def test_the_file_is_parsed_by_a_background_event_on_a_thread(db, make_state, world, parsed):
    state = wizard(make_state, world["tokens"]["steering"])
    follow = run_async(state.upload([Upload(SURVEY, "forms.csv")]))
    # The upload event (holding the lock) only keeps the file; a background event reads it.
    assert parsed == [] and state.step == "reading"
    assert follow.fn.__name__ == "read_upload"
    assert type(state).read_upload.is_background
    run_async(type(state).read_upload.fn(state))
    assert len(parsed) == 1 and parsed[0].startswith("asyncio_")  # the loop's thread pool
    assert state.step == "map" and state.headers == ["Body", "D0", "D1"]
    assert state._pending is None  # the bytes are dropped once read


def test_an_oversized_upload_is_refused_unread(db, make_state, world, parsed):
    state = wizard(make_state, world["tokens"]["steering"])
    file = Upload(SURVEY, "forms.csv", size=5 * 1024 * 1024 + 1)
    assert uploaded(state, [file]) is None
    assert state.notice == "The file is larger than 5 MB." and not file.was_read
    assert parsed == []


def test_cancelling_drops_the_file_and_its_rows(db, make_state, world, parsed):
    state = wizard(make_state, world["tokens"]["steering"])
    uploaded(state, [Upload(SURVEY, "forms.csv")])
    run_async(state.check())
    assert state._table is not None and state.step == "preview" and state._rejected
    state.cancel()
    assert (state._table, state._pending, state._rejected, state.rows) == (None, None, [], [])
    assert (state.step, state.filename, state.headers) == ("upload", "", [])
    # A reading still going on when the import was cancelled shows nothing.
    run_async(state.upload([Upload(SURVEY, "forms.csv")]))
    state.cancel()
    run_async(type(state).read_upload.fn(state))
    assert state._table is None and state.step == "upload"


def test_an_ics_upload_checks_the_role_before_reading(db, make_state, sign_in_as):
    for role in (None, Role.MEMBER):
        state = make_state(EventsState, token=sign_in_as(role) if role else "")
        file = Upload(OUTLOOK, "calendar.ics")
        run_async(state.import_ics([file]))
        assert not file.was_read and state.notice == "You do not have permission to do that."
    steering = make_state(EventsState, token=sign_in_as(Role.STEERING))
    big = Upload(OUTLOOK, "calendar.ics", size=6 * 1024 * 1024)
    run_async(steering.import_ics([big]))
    assert not big.was_read and steering.notice == "The file is larger than 5 MB."


def test_the_attendance_file_name_stays_out_of_the_public_sync_message(db, make_state,
                                                                       sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    uploaded(state, [Upload(CSV, "Rhian Hughes - attendees.csv")])
    run_async(state.check())
    state.commit()
    assert state._table is None and state.filename == ""  # the import ended: dropped
    with Session(db) as session:
        (run,) = session.exec(select(SyncRun)).all()
    assert "Rhian" not in run.message and ".csv" not in run.message
    assert run.message.startswith(f"Event {event_id}: 2 added")
