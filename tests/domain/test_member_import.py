"""Importing members: BOM, CRLF, UK dates, Welsh names and characters, every rejected row
with its number and all of its reasons (the shared shape of dashboard.domain.importing), all
or nothing, re-import updates."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from sqlmodel import select

from dashboard.domain.auth import Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.membership.member_import import (
    commit_import,
    parse_day,
    preview_import,
    read_table,
    suggest_mapping,
)
from dashboard.models import AuditEntry, Member, Organisation, Role
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")


pytestmark = pytest.mark.usefixtures("test_actors")
MEMBER = Actor(user_id=901, role=Role.MEMBER, label="member@example.org")


@pytest.fixture
def bodies(session):
    org = Organisation(slug="gwynedd", name_en="Gwynedd Council", name_cy="Cyngor Gwynedd",
                       body_type="local_authority", region="north")
    session.add(org)
    session.commit()
    return org


GOOD = ("Enw llawn,E-bost,Sefydliad,Teitl swydd,Iaith,Dyddiad ymuno,Cytuno\r\n"
        "Siân Ŵyn,Sian@Example.org,Cyngor Gwynedd,Rheolwr data,Cymraeg,03/02/2025,Ydw\r\n"
        "Rhys Jones,rhys@example.org,gwynedd council,Analyst,English,,yes\r\n")


def preview(session, text: str, bom: bool = True):
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    table = read_table(data, "export.csv")
    return preview_import(session, STEERING, table, suggest_mapping(table.headers))


@pytest.mark.parametrize("bom", [True, False])
def test_a_good_file_with_or_without_bom_and_crlf(session, bodies, bom):
    result = preview(session, GOOD, bom)
    assert result.rejected == () and result.ok
    sian, rhys = result.rows
    assert (sian.full_name, sian.email, sian.organisation_id, sian.language, sian.joined_on) == (
        "Siân Ŵyn", "sian@example.org", bodies.id, "cy", date(2025, 2, 3))
    assert (rhys.organisation_id, rhys.language, rhys.joined_on) == (bodies.id, "en", None)
    assert commit_import(session, STEERING, result, NOW) == (2, 0, 0)
    session.commit()
    sian = session.exec(select(Member).where(Member.email == "sian@example.org")).one()
    assert sian.status == "active"


def test_every_rejected_row_has_its_number_and_reason(session, bodies):
    text = ("Name,Email,Organisation,Consent,Joined\n"
            "Good Person,good@example.org,Gwynedd Council,yes,01/01/2025\n"
            ",noname@example.org,Gwynedd Council,yes,\n"
            "Bad Email,not-an-email,Gwynedd Council,yes,\n"
            "Dup One,GOOD @example.org,Gwynedd Council,yes,\n"
            "No Consent,nc@example.org,Gwynedd Council,,\n"
            "Unknown Body,ub@example.org,Ministry of Magic,yes,\n"
            "Bad Date,bd@example.org,Gwynedd Council,yes,31/02/2025\n")
    result = preview(session, text)
    assert [r.email for r in result.rows] == ["good@example.org"]
    assert [(r.row, p.english()) for r in result.rejected for p in r.problems] == [
        (3, "Row 3: the name is missing."),
        (4, "Row 4: 'not-an-email' is not a valid email address."),
        (5, "Row 5: good@example.org is already in row 2 of this file."),
        (6, "Row 6: there is no consent to hold the details."),
        (7, "Row 7: 'Ministry of Magic' is not a body in the registry."),
        (8, "Row 8: '31/02/2025' is not a date; use dd/mm/yyyy."),
    ]
    assert [r.row for r in result.rejected] == [3, 4, 5, 6, 7, 8]  # one line a row
    # All or nothing: one bad row and nothing is written.
    with pytest.raises(InvalidInput):
        commit_import(session, STEERING, result, NOW)
    assert session.exec(select(Member)).all() == []


def test_a_row_with_several_problems_reports_them_all(session, bodies):
    text = ("Name,Email,Organisation,Consent,Joined,Language\n"
            ",not-an-email,Ministry of Magic,,31/02/2025,Klingon\n"
            "Fine Person,fine@example.org,Gwynedd Council,yes,,\n")
    result = preview(session, text)
    [row] = result.rejected  # one rejected row, with every problem it has
    assert row.row == 2
    assert [p.english() for p in row.problems] == [
        "Row 2: the name is missing.",
        "Row 2: 'not-an-email' is not a valid email address.",
        "Row 2: there is no consent to hold the details.",
        "Row 2: 'Ministry of Magic' is not a body in the registry.",
        "Row 2: the language 'Klingon' is not English or Welsh.",
        "Row 2: '31/02/2025' is not a date; use dd/mm/yyyy.",
    ]
    assert result.accepted == 1 and not result.ok


def test_reimporting_updates_by_email_instead_of_duplicating(session, bodies):
    commit_import(session, STEERING, preview(session, GOOD), NOW)
    session.commit()
    changed = GOOD.replace("Rheolwr data", "Pennaeth data").replace("Sian@Example.org",
                                                                    " SIAN@example.ORG ")
    result = preview(session, changed)
    assert (result.to_add, result.to_update) == (0, 2)
    assert commit_import(session, STEERING, result, NOW) == (0, 1, 1)
    session.commit()
    assert len(session.exec(select(Member)).all()) == 2
    sian = session.exec(select(Member).where(Member.email == "sian@example.org")).one()
    assert sian.job_title == "Pennaeth data"
    entries = session.exec(select(AuditEntry).where(AuditEntry.entity_id == str(sian.id))).all()
    assert len(entries) == 2


def test_xlsx_with_excel_dates(session, bodies):
    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "Email address", "Body", "Consent", "Date joined"])
    sheet.append(["Gwenllïan Ŷr", "gw@example.org", "Cyngor Gwynedd", "Yes",
                  datetime(2024, 12, 25)])
    sheet.append([None, None, None, None, None])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "forms.xlsx")
    result = preview_import(session, STEERING, table, suggest_mapping(table.headers))
    assert result.rejected == ()
    assert (result.rows[0].full_name, result.rows[0].joined_on) == (
        "Gwenllïan Ŷr", date(2024, 12, 25))


def test_mapping_and_permissions(session, bodies):
    table = read_table(b"Who,Mail,Org,OK\nA,a@example.org,Gwynedd Council,yes\n", "x.csv")
    assert suggest_mapping(table.headers) == {}
    with pytest.raises(InvalidInput) as error:
        preview_import(session, STEERING, table, {})
    assert error.value.msgid == "Choose a column for: {fields}."
    mapping = {"full_name": "Who", "email": "Mail", "organisation": "Org", "consent": "OK"}
    assert preview_import(session, STEERING, table, mapping).accepted == 1
    with pytest.raises(PermissionDenied):
        preview_import(session, MEMBER, table, mapping)


def test_unreadable_files_are_explained():
    with pytest.raises(InvalidInput):
        read_table("Name\nSiân\n".encode("cp1252"), "x.csv")
    with pytest.raises(InvalidInput):
        read_table(b"not a workbook", "x.xlsx")
    with pytest.raises(InvalidInput):
        read_table(b"", "x.csv")


def test_uk_dates():
    assert parse_day("03/02/2025") == date(2025, 2, 3)
    assert parse_day("3.2.2025") == date(2025, 2, 3)
    assert parse_day("2025-02-03") == date(2025, 2, 3)
    assert parse_day("03/02/2025 10:15") == date(2025, 2, 3)
    with pytest.raises(ValueError):
        parse_day("02/13/2025")


def test_the_command_line_imports_all_or_nothing(db, tmp_path, bodies, monkeypatch, capsys):
    from dashboard import cli
    from dashboard import db as database

    good = tmp_path / "members.csv"
    good.write_bytes(("\ufeff" + GOOD).encode())
    bad = tmp_path / "bad.csv"
    bad.write_bytes((GOOD + "Bad,bad,Cyngor Gwynedd,x,Cymraeg,,ydw\r\n").encode())
    monkeypatch.setattr(database, "engine", lambda: db)
    assert cli.main(["import", "members", str(bad)]) == 1
    assert "Row 4: 'bad' is not a valid email address." in capsys.readouterr().err
    assert cli.main(["import", "members", str(good)]) == 0
    assert "2 added, 0 updated" in capsys.readouterr().out
    assert cli.main(["import", "members", str(good)]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
