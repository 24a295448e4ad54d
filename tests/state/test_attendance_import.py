"""Attendance import on the event page, through the import wizard: for the steering group
only (checked before the file is read), every problem of a rejected row listed in both
languages, and all or nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.i18n import translate
from dashboard.models import Registration, Role
from state.attendance_import import AttendanceImportState
from state.event import EventState
from tests.state.helpers import run_async, uploaded
from tests.state.test_event import add_event, snapshot

CSV = b"Email,Checked In\nann@example.org,Yes\nbob@example.org,No\n"


class Upload:
    """An uploaded file that remembers whether it was read."""

    def __init__(self, data: bytes, name: str = "attendees.csv", size: int | None = None):
        self.data, self.name, self.size, self.was_read = data, name, size, False

    async def read(self) -> bytes:
        self.was_read = True
        return self.data


@pytest.fixture
def event_id(db) -> int:
    return add_event(db)


def import_state(make_state, token: str, event_id: int,
                 lang: str = "en") -> AttendanceImportState:
    state = make_state(AttendanceImportState, token=token, lang=lang)
    state.load()
    state.event_id = event_id  # what load() takes from the address, /events/<id>
    return state


def upload(state: AttendanceImportState, data: bytes) -> Upload:
    file = Upload(data)
    uploaded(state, [file])
    return file


def attended(db) -> list[bool]:
    with Session(db) as session:
        return sorted(session.exec(select(Registration.attended).where(
            Registration.source_key.is_not(None))).all())


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_the_role_is_checked_before_the_file_is_read(db, make_state, sign_in_as, event_id,
                                                     role):
    state = import_state(make_state, sign_in_as(role) if role else "", event_id)
    file = upload(state, CSV)
    assert not file.was_read
    assert state.notice == "You do not have permission to do that." and state.notice_is_error
    assert (state.step, state.headers, state._table) == ("upload", [], None)


def test_a_member_cannot_check_or_import_a_table_put_in_their_state(db, make_state,
                                                                     sign_in_as, event_id):
    steering = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    upload(steering, CSV)
    member = import_state(make_state, sign_in_as(Role.MEMBER), event_id)
    member._table, member.mapping = steering._table, dict(steering.mapping)
    before = snapshot(db)
    run_async(member.check())
    assert member.notice_is_error and member.step == "upload"
    member.commit()
    assert snapshot(db) == before and member.notice_is_error
    assert attended(db) == []


def test_the_steering_group_imports_attendance(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    upload(state, CSV)
    assert state.step == "map"
    assert state.mapping == {"email": "Email", "attended": "Checked In"}  # guessed
    run_async(state.check())
    assert (state.step, state.ready, state.total, state.rows) == ("preview", 2, 0, [])
    assert state.commit() == EventState.refresh  # the event's attendance figures change
    assert not state.notice_is_error, state.notice
    assert state.notice == ("Attendance imported: 2 added, 0 updated, 0 unchanged; 0 members "
                            "and 2 others.")
    assert attended(db) == [False, True]
    assert (state.step, state._table, state.filename) == ("upload", None, "")


def test_with_no_attended_column_everyone_listed_attended(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    upload(state, CSV)
    state.set_mapping("attended", "")  # "None: everyone listed attended"
    run_async(state.check())
    state.commit()
    assert attended(db) == [True, True]


def test_rejected_rows_are_previewed_in_welsh(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id, lang="cy")
    upload(state, CSV + b"nobody,Yes\n")
    run_async(state.check())
    assert state.total == 1 and state.rows[0].row == 4
    # Both languages are kept, so switching language after the upload still reads right.
    reasons = state.rows[0].reasons
    assert reasons.cy != reasons.en
    assert reasons.cy == translate("{value} is not an email address.", "cy", value="nobody")


def test_every_problem_of_a_row_is_listed(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    upload(state, CSV + b",maybe\n")
    run_async(state.check())
    [row] = state.rows
    assert row.row == 4
    assert row.reasons.en == "No email address.\nmaybe in Checked In is not yes or no."


def test_nothing_is_written_when_any_row_is_rejected(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    upload(state, CSV + b"nobody,Yes\n")
    run_async(state.check())
    assert (state.ready, state.total) == (2, 1)
    before = snapshot(db)
    assert state.commit() is None
    assert state.notice_is_error
    assert state.notice == "1 rows were rejected (rows 4), so nothing was imported."
    assert snapshot(db) == before and attended(db) == []


def test_a_file_over_the_cap_is_refused_unread(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    file = Upload(CSV, size=5 * 1024 * 1024 + 1)
    uploaded(state, [file])
    assert not file.was_read and state.notice == "The file is larger than 5 MB."
    uploaded(state, [Upload(CSV, size=5 * 1024 * 1024)])  # at the cap
    assert state.step == "map", state.notice
