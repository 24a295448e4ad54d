"""Attendance exports: column mapping, rejected rows, matching by email, anonymous counting."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from sqlmodel import select

from dashboard.domain.auth import SYSTEM, Actor
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.events.attendance_import import (
    Attendee,
    check,
    import_attendance,
    import_table,
    preview_import,
    read_table,
    source_key,
    suggest_mapping,
)
from dashboard.domain.importing import Preview, Problem, Rejected
from dashboard.models import Registration, Role, SyncRun
from tests import factories as f

NOW = f.utc(2026, 11, 26, 12, 0)


def preview(data: bytes, filename: str) -> Preview[Attendee]:
    """Every row of the file checked with the columns guessed from its headings."""
    return check(read_table(data, filename))

EVENTBRITE = (
    b"Order #,Order Date,First Name,Surname,Email,Quantity,Ticket Type,Attendee Status,Checked In\n"
    b"1001,2026-11-01,Ann,Jones,Ann.Jones@Example.org,1,General,Attending,Yes\n"
    b"1002,2026-11-01,Bob,Evans,bob@council.example,1,General,Attending,No\n"
    b"1003,2026-11-02,Cai,Rees,cai@health.example,1,General,Attending,Yes\n"
)


def test_eventbrite_export_matches_members_and_counts_others(session):
    org = f.organisation(session)
    ann = f.member(session, org, date(2026, 1, 1))
    ann.email = "ann.jones@example.org"
    e = f.event(session, f.utc(2026, 11, 20, 12))
    assert suggest_mapping(read_table(EVENTBRITE, "attendees.csv").headers) == {
        "email": "Email", "attended": "Checked In"}
    checked = preview(EVENTBRITE, "attendees.csv")
    assert checked.accepted == 3 and checked.rejected == ()
    assert checked.rows[0] == Attendee(source_key("ann.jones@example.org"),
                                       "ann.jones@example.org", True)
    result = import_attendance(session, SYSTEM, e.id, EVENTBRITE, "attendees.csv", NOW)
    assert (result.added, result.members, result.anonymous) == (3, 1, 2)
    rows = session.exec(select(Registration).order_by(Registration.id)).all()
    assert [(r.member_id, r.attended) for r in rows] == [(ann.id, True), (None, False),
                                                         (None, True)]
    assert rows[1].source_key == source_key("BOB@council.example ")
    assert all("@" not in (r.source_key or "") for r in rows)  # no email is stored
    again = import_attendance(session, SYSTEM, e.id, EVENTBRITE, "attendees.csv", NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert len(session.exec(select(SyncRun)).all()) == 2


def test_only_people_who_were_members_on_the_day_are_matched(session):
    """Bob joined after the event and Cai's request is still waiting: both count, but as
    anonymous attendees, so the month's active members never outnumber its members."""
    org = f.organisation(session)
    ann = f.member(session, org, date(2026, 11, 20))  # joined on the day
    ann.email = "ann.jones@example.org"
    bob = f.member(session, org, date(2026, 11, 21))
    bob.email = "bob@council.example"
    cai = f.member(session, org, date(2026, 11, 1), status="pending")
    cai.email = "cai@health.example"
    session.add_all([ann, bob, cai])
    e = f.event(session, f.utc(2026, 11, 20, 12))
    result = import_attendance(session, SYSTEM, e.id, EVENTBRITE, "attendees.csv", NOW)
    assert (result.members, result.anonymous) == (1, 2)
    linked = session.exec(select(Registration.member_id).where(
        Registration.member_id.is_not(None))).all()
    assert linked == [ann.id]


def test_teams_report_utf16_tsv_with_repeated_joins(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    report = ("Full Name\tUser Action\tTimestamp\tParticipant ID (UPN)\n"
              "Ann Jones\tJoined\t20/11/2026, 12:01:00\tann@example.org\n"
              "Ann Jones\tLeft\t20/11/2026, 12:30:00\tann@example.org\n"
              "Ann Jones\tJoined\t20/11/2026, 12:35:00\tann@example.org\n"
              "Dai Price\tJoined\t20/11/2026, 12:02:00\tdai@example.org\n").encode("utf-16")
    result = import_attendance(session, SYSTEM, e.id, report, "report.csv", NOW)
    assert (result.added, result.anonymous) == (2, 2)
    assert session.exec(select(Registration.attended)).all() == [True, True]


def test_xlsx_with_a_chosen_mapping(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    buffer = io.BytesIO()
    pd.DataFrame({"Who": ["x@example.org", "y@example.org"], "There?": ["yes", "no"]}).to_excel(
        buffer, index=False)
    data = buffer.getvalue()
    with pytest.raises(InvalidInput) as raised:
        preview(data, "list.xlsx")
    assert raised.value.msgid == "Choose which column holds the email address."
    result = import_attendance(session, SYSTEM, e.id, data, "list.xlsx", NOW,
                               email_column="Who", attended_column="There?")
    assert result.added == 2
    assert sorted(session.exec(select(Registration.attended)).all()) == [False, True]


def test_rejected_rows_are_listed_and_nothing_is_imported(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    bad = EVENTBRITE + b"1004,2026-11-02,Dee,Lloyd,not-an-email,1,General,Attending,Yes\n" \
        + b"1005,2026-11-02,Eve,Ward,eve@example.org,1,General,Attending,maybe\n"
    checked = preview(bad, "attendees.csv")
    # In the shape every import shares: a row, all of its problems.
    assert checked.rejected == (
        Rejected(5, (Problem("{value} is not an email address.", {"value": "not-an-email"}),)),
        Rejected(6, (Problem("{value} in {column} is not yes or no.",
                             {"value": "maybe", "column": "Checked In"}),)),
    )
    assert checked.accepted == 3 and not checked.ok
    with pytest.raises(InvalidInput) as raised:
        import_attendance(session, SYSTEM, e.id, bad, "attendees.csv", NOW)
    assert raised.value.params["n"] == 2
    assert session.exec(select(Registration)).all() == []


def test_only_the_steering_group_imports_attendance(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    member = Actor(user_id=None, role=Role.MEMBER, label="m")
    with pytest.raises(PermissionDenied):
        import_attendance(session, member, e.id, EVENTBRITE, "attendees.csv", NOW)
    assert session.exec(select(Registration)).all() == []


def test_unreadable_file(session):
    with pytest.raises(InvalidInput):
        preview(b"\x00\x01PK garbage", "list.xlsx")
    with pytest.raises(InvalidInput):
        preview(b"", "empty.csv")


def test_teams_report_with_sections_uses_the_participants_table(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    report = (
        "1. Summary\n"
        "Meeting title\tCommunity meetup\n"
        "Attended participants\t2\n"
        "Start time\t20/11/2026, 12:00:00\n"
        "\n"
        "2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Ann Jones\t20/11/2026, 12:01:00\t20/11/2026, 12:58:00\t57m\tann@example.org\t"
        "ann@example.org\tOrganiser\n"
        "Dai Price\t20/11/2026, 12:02:00\t20/11/2026, 12:40:00\t38m\tdai@example.org\t"
        "dai@example.org\tAttendee\n"
        "\n"
        "3. In-Meeting Activities\n"
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
        "Ann Jones\t20/11/2026, 12:01:00\t20/11/2026, 12:58:00\t57m\tann@example.org\tOrganiser\n"
    ).encode("utf-16")
    table = read_table(report, "meetingAttendanceReport.csv")
    assert suggest_mapping(table.headers)["email"] == "Email"
    assert check(table).accepted == 2
    result = import_attendance(session, SYSTEM, e.id, report, "report.csv", NOW)
    assert (result.added, result.anonymous) == (2, 2)


def test_a_row_with_several_problems_reports_them_all():
    checked = preview(EVENTBRITE + b"1004,2026-11-02,Dee,Lloyd,,1,General,Attending,maybe\n",
                      "attendees.csv")
    assert checked.rejected == (Rejected(5, (
        Problem("No email address."),
        Problem("{value} in {column} is not yes or no.",
                {"value": "maybe", "column": "Checked In"}),
    )),)


def test_a_table_already_read_imports_like_the_file(session):
    """The import wizard keeps the table it read and imports it with the chosen columns."""
    e = f.event(session, f.utc(2026, 11, 20, 12))
    table = read_table(EVENTBRITE, "attendees.csv")
    assert check(table, "Email", "").accepted == 3  # no attended column: all came
    result = import_table(session, SYSTEM, e.id, table, "attendees.csv", NOW, "Email", "")
    assert result.added == 3
    assert session.exec(select(Registration.attended)).all() == [True, True, True]
    member = Actor(user_id=None, role=Role.MEMBER, label="m")
    with pytest.raises(PermissionDenied):
        import_table(session, member, e.id, table, "attendees.csv", NOW)


def test_the_preview_is_for_the_steering_group_and_an_event_that_exists(session):
    e = f.event(session, f.utc(2026, 11, 20, 12))
    table = read_table(EVENTBRITE, "attendees.csv")
    assert preview_import(session, SYSTEM, e.id, table, "Email", "Checked In").accepted == 3
    member = Actor(user_id=None, role=Role.MEMBER, label="m")
    with pytest.raises(PermissionDenied):
        preview_import(session, member, e.id, table)
    with pytest.raises(NotFound):
        preview_import(session, SYSTEM, e.id + 1000, table)


def test_a_person_listed_twice_attended_if_any_row_says_so():
    checked = preview(b"Email,Attended\nann@example.org,no\nANN@example.org,yes\n"
                      b"bob@example.org,no\n", "x.csv")
    assert [(a.email, a.attended) for a in checked.rows] == [("ann@example.org", True),
                                                            ("bob@example.org", False)]
