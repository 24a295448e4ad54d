"""Exporting the filtered directory: personal fields only for the steering group."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from dashboard.domain.auth import VISITOR, Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.membership.bodies import BodyQuery
from dashboard.domain.membership.directory import DirectoryQuery
from dashboard.domain.membership.member_export import export_bodies, export_members
from dashboard.models import AuditEntry, Role
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
MEMBER = Actor(user_id=901, role=Role.MEMBER, label="member@example.org")
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")


pytestmark = pytest.mark.usefixtures("test_actors")


@pytest.fixture
def people(session):
    north = f.organisation(session, "gwynedd", region="north")
    mid = f.organisation(session, "powys", region="mid")
    f.member(session, north, date(2025, 1, 2), name="Ffion Ŵyn")
    f.member(session, mid, date(2025, 1, 3), name="Rhys Môn")
    f.member(session, mid, date(2025, 1, 4), status="pending", name="Not Yet")
    session.commit()


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_member_exports_without_personal_fields(session, people):
    rows = read_csv(export_members(session, MEMBER, DirectoryQuery(), NOW, "csv"))
    assert "Email" not in rows[0] and "Interests" not in rows[0]
    assert [r[0] for r in rows[1:]] == ["Ffion Ŵyn", "Rhys Môn"]
    assert rows[1][rows[0].index("Joined")] == "02/01/2025"
    assert not any("@" in cell for row in rows for cell in row)


def test_the_steering_group_gets_emails_and_filters_apply(session, people):
    rows = read_csv(export_members(session, STEERING, DirectoryQuery(region="mid"), NOW, "csv"))
    assert rows[0][-2:] == ["Email", "Interests"]
    assert [r[0] for r in rows[1:]] == ["Rhys Môn"]
    assert rows[1][-2].endswith("@example.org")
    entry = session.exec(select(AuditEntry)).one()
    assert entry.action == "export_members" and entry.after["rows"] == 1


def test_xlsx_export_keeps_welsh_characters(session, people):
    query = DirectoryQuery(sort="name", descending=True)
    data = export_members(session, MEMBER, query, NOW, "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [v[0] for v in values] == ["Name", "Rhys Môn", "Ffion Ŵyn"]


def test_visitors_cannot_export_and_formats_are_checked(session, people):
    with pytest.raises(PermissionDenied):
        export_members(session, VISITOR, DirectoryQuery(), NOW, "csv")
    with pytest.raises(InvalidInput):
        export_members(session, MEMBER, DirectoryQuery(), NOW, "pdf")


def test_the_outreach_list_downloads_with_names_in_both_languages(session):
    gwynedd = f.organisation(session, "gwynedd", body_type="local_authority", region="north")
    f.organisation(session, "powys", body_type="local_authority", region="mid")
    f.organisation(session, "betsi", body_type="health_board", region="north")
    f.member(session, gwynedd, date(2025, 1, 1))
    session.commit()
    data = export_bodies(session, BodyQuery(region="north", outreach=True), "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Body", "Body (Welsh)", "Type of body", "Region", "Members"],
                    ["Betsi", "betsi (cy)", "Health board", "North Wales", "0"]]
    book = load_workbook(io.BytesIO(export_bodies(session, BodyQuery(), "xlsx")))
    sheet = book["Bodies"]
    assert [c.value for c in sheet[2]] == ["Gwynedd", "gwynedd (cy)", "Local authority",
                                           "North Wales", "1"]
    assert sheet.max_row == 4
    with pytest.raises(InvalidInput):
        export_bodies(session, BodyQuery(), "pdf")


def test_the_bodies_list_in_welsh_has_welsh_headings_and_labels(session):
    f.organisation(session, "betsi", body_type="health_board", region="north")
    session.commit()
    rows = read_csv(export_bodies(session, BodyQuery(), "csv", lang="cy"))
    assert rows == [["Corff", "Corff (Cymraeg)", "Math o gorff", "Rhanbarth", "Aelodau"],
                    ["Betsi", "betsi (cy)", "Bwrdd iechyd", "Gogledd Cymru", "0"]]


LABELLED = ("Type of body", "Region", "Community role", "Engagement", "Preferred language")


def labelled(rows: list[list[str]], headings: tuple[str, ...]) -> list[list[str]]:
    return [[row[rows[0].index(h)] for h in headings] for row in rows[1:]]


def test_the_member_export_names_codes_as_people_read_them(session, people):
    rows = read_csv(export_members(session, STEERING, DirectoryQuery(), NOW, "csv"))
    assert labelled(rows, LABELLED) == [
        ["Local authority", "North Wales", "Member", "Inactive", "English"],
        ["Local authority", "Mid Wales", "Member", "Inactive", "English"],
    ]


def test_the_member_export_in_welsh_has_welsh_headings_and_labels(session, people):
    rows = read_csv(export_members(session, STEERING, DirectoryQuery(), NOW, "csv", lang="cy"))
    assert rows[0] == ["Enw", "Sefydliad", "Sefydliad (Cymraeg)", "Math o gorff", "Rhanbarth",
                       "Teitl swydd", "Rôl yn y gymuned", "Ymgysylltu", "Dewis iaith",
                       "Dyddiad ymuno", "E-bost", "Diddordebau"]
    welsh = ("Math o gorff", "Rhanbarth", "Rôl yn y gymuned", "Ymgysylltu", "Dewis iaith")
    assert labelled(rows, welsh) == [
        ["Awdurdod lleol", "Gogledd Cymru", "Aelod", "Anweithgar", "Saesneg"],
        ["Awdurdod lleol", "Canolbarth Cymru", "Aelod", "Anweithgar", "Saesneg"],
    ]
    assert rows[1][0] == "Ffion Ŵyn" and rows[1][-3] == "02/01/2025"
    book = load_workbook(io.BytesIO(
        export_members(session, MEMBER, DirectoryQuery(), NOW, "xlsx", lang="cy")))
    sheet = book.active
    assert sheet.title == "Aelodau"
    assert [c.value for c in sheet[1]][:4] == ["Enw", "Sefydliad", "Sefydliad (Cymraeg)",
                                               "Math o gorff"]
