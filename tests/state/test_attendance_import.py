"""Attendance import on the event page: for the steering group only; rejected rows are
previewed in both languages."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Registration, Role
from state.attendance_import import AttendanceImportState
from tests.state.helpers import run_async
from tests.state.test_event import Upload, add_event, snapshot

CSV = b"Email,Checked In\nann@example.org,Yes\nbob@example.org,No\n"


@pytest.fixture
def event_id(db) -> int:
    return add_event(db)


def import_state(make_state, token: str, event_id: int) -> AttendanceImportState:
    state = make_state(AttendanceImportState, token=token)
    state.event_id = event_id  # what load() takes from the address, /events/<id>
    return state


def test_attendance_import_is_for_the_steering_group_only(db, make_state, sign_in_as, event_id):
    member = import_state(make_state, sign_in_as(Role.MEMBER), event_id)
    run_async(member.upload_attendance([Upload(CSV)]))
    assert member.notice_is_error and not member.att_mapped
    before = snapshot(db)
    member._att_data, member.att_file = CSV, "a.csv"
    member.import_attendance()
    assert snapshot(db) == before and member.notice_is_error

    steering = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    run_async(steering.upload_attendance([Upload(CSV)]))
    assert (steering.att_email_col, steering.att_attended_col) == ("Email", "Checked In")
    assert steering.att_accepted == 2 and steering.att_rejected == []
    steering.import_attendance()
    assert not steering.notice_is_error, steering.notice
    with Session(db) as session:
        rows = session.exec(select(Registration).where(Registration.source_key.is_not(None)))
        assert sorted(r.attended for r in rows) == [False, True]


def test_rejected_rows_are_previewed_in_welsh(db, make_state, sign_in_as, event_id):
    state = import_state(make_state, sign_in_as(Role.STEERING), event_id)
    state.lang = "cy"
    run_async(state.upload_attendance([Upload(CSV + b"nobody,Yes\n")]))
    assert state.att_rejected_total == 1 and state.att_rejected[0].row == 4
    # Both languages are kept, so switching language after the upload still reads right.
    assert state.att_rejected[0].reason.cy != state.att_rejected[0].reason.en
