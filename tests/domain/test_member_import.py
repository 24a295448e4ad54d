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
            "No Body,nb@example.org,,yes,\n"
            "No Consent,nc@example.org,Gwynedd Council,,\n"
            "Unknown Body,ub@example.org,Ministry of Magic,yes,\n"
            "Bad Date,bd@example.org,Gwynedd Council,yes,31/02/2025\n")
    result = preview(session, text)
    assert [r.email for r in result.rows] == ["good@example.org"]
    assert [(r.row, p.english()) for r in result.rejected for p in r.problems] == [
        (3, "Row 3: the name is missing."),
        (4, "Row 4: 'not-an-email' is not a valid email address."),
        (5, "Row 5: the organisation is missing."),
        (6, "Row 6: there is no consent to hold the details."),
        (7, "Row 7: 'Ministry of Magic' is not a body in the registry."),
        (8, "Row 8: '31/02/2025' is not a date; use dd/mm/yyyy."),
    ]
    assert [r.row for r in result.rejected] == [3, 4, 5, 6, 7, 8]  # one line a row
    # All or nothing: one bad row and nothing is written.
    with pytest.raises(InvalidInput):
        commit_import(session, STEERING, result, NOW)
    assert session.exec(select(Member)).all() == []


def test_two_rows_for_one_email_become_one_member_reported_as_merged(session, bodies):
    """Someone who sent the form twice: case and spaces aside, one email is one person, the
    later answers winning, blanks filled from the earlier, the earlier date of joining."""
    text = ("Name,Email,Organisation,Job title,Language,Consent,Joined\n"
            "Nia Ben,nia@example.org,Gwynedd Council,Analyst,Cymraeg,yes,01/03/2025\n"
            "Other Person,other@example.org,Gwynedd Council,,,yes,\n"
            "Nia Ben-Jones, NIA@Example.org ,Cyngor Gwynedd,,,yes,05/04/2025\n")
    result = preview(session, text)
    assert result.rejected == () and result.ok
    assert [(r.row, r.email) for r in result.rows] == [(2, "nia@example.org"),
                                                       (3, "other@example.org")]
    [nia] = result.merged
    assert (nia.row, nia.merged_rows) == (2, (4,))
    assert (nia.full_name, nia.job_title, nia.language, nia.joined_on) == (
        "Nia Ben-Jones", "Analyst", "cy", date(2025, 3, 1))
    assert (result.accepted, result.to_add, result.to_update) == (2, 2, 0)
    assert commit_import(session, STEERING, result, NOW) == (2, 0, 0)
    session.commit()
    assert session.exec(select(Member.full_name).where(Member.email == "nia@example.org")
                        ).all() == ["Nia Ben-Jones"]


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


def registry_ids(session) -> dict[str, int]:
    return dict(session.exec(select(Organisation.slug, Organisation.id)).all())


def test_bodies_are_matched_in_either_language_both_by_other_names_and_by_code(reference):
    session = reference
    ids = registry_ids(session)
    written = {
        "Swansea Council": "swansea",  # its common name
        "City and County of Swansea Council": "swansea",
        "Cyngor Dinas a Sir Abertawe": "swansea",
        "Cyngor Gwynedd / Gwynedd Council": "gwynedd",  # Welsh / English
        "Gwynedd Council / Cyngor Gwynedd": "gwynedd",  # English / Welsh
        "cyngor  sir ynys MON": "isle-of-anglesey",  # case, accents and spacing aside
        "w06000011": "swansea",  # its ONS code
        "Snowdonia National Park Authority": "eryri-npa",  # its former name
        "Bwrdd Iechyd Prifysgol Caerdydd a’r Fro": "cardiff-and-vale-uhb",
        "Cardiff & Vale University Health Board": "cardiff-and-vale-uhb",
    }
    text = "Name,Email,Organisation,Consent\n" + "".join(
        f'Person {i},p{i}@example.org,"{body}",yes\n' for i, body in enumerate(written))
    result = preview(session, text)
    assert result.rejected == ()
    assert [r.organisation_id for r in result.rows] == [ids[slug] for slug in written.values()]


def test_an_unknown_body_is_offered_the_closest_and_can_be_kept_as_other(reference):
    session = reference
    ids = registry_ids(session)
    text = ("Name,Email,Organisation,Consent\n"
            "Ann Hughes,ann@example.org,Swansea Concil,yes\n"
            "Bryn Owen,bryn@example.org,Prifysgol Bangor,yes\n"
            "Cai Rees,cai@example.org,prifysgol  bangor,yes\n")
    table = read_table(text.encode(), "x.csv")
    mapping = suggest_mapping(table.headers, table.rows)
    result = preview_import(session, STEERING, table, mapping)
    assert [r.row for r in result.rejected] == [2, 3, 4] and not result.ok
    swansea, bangor = result.unmatched  # one entry a name, however it was spaced
    assert (swansea.name, swansea.rows) == ("Swansea Concil", (2,))
    assert swansea.closest[0].id == ids["swansea"] and len(swansea.closest) <= 3
    assert (bangor.name, bangor.rows) == ("Prifysgol Bangor", (3, 4))
    # The person importing chooses: the suggested body for one, "other" for the other.
    choices = {swansea.key: str(ids["swansea"]), bangor.key: "other"}
    result = preview_import(session, STEERING, table, mapping, choices)
    assert result.rejected == () and result.unmatched == (swansea, bangor)  # still listed
    assert [(r.organisation_id, r.organisation_other) for r in result.rows] == [
        (ids["swansea"], None), (None, "Prifysgol Bangor"), (None, "prifysgol bangor")]
    assert commit_import(session, STEERING, result, NOW) == (3, 0, 0)
    session.commit()
    bryn = session.exec(select(Member).where(Member.email == "bryn@example.org")).one()
    assert (bryn.organisation_id, bryn.organisation_other) == (None, "Prifysgol Bangor")
    # A choice of a body that is not in the registry counts for nothing.
    assert preview_import(session, STEERING, table, mapping, {swansea.key: "999999"}
                          ).rejected[0].row == 2


FORMS_JOIN = [  # a Microsoft Forms export of a public ("anyone can respond") join form
    "ID", "Start time", "Completion time", "Email", "Name", "Full name",
    "Work email address", "Organisation / Sefydliad", "Job title / Teitl swydd",
    "Preferred language / Dewis iaith",
    "I agree to my details being held by the community to run it and contact me about it.",
]


def test_a_microsoft_forms_join_export_is_mapped_from_headings_and_values(session, bodies):
    rows = [
        [1, "03/02/2025 10:15", "03/02/2025 10:19", "anonymous", "", "Siân Ŵyn",
         "sian@example.org", "Cyngor Gwynedd", "Rheolwr data", "Cymraeg", "I agree"],
        [2, "04/02/2025 09:01", "04/02/2025 09:03", "anonymous", "", "Rhys Jones",
         "rhys@example.org", "Gwynedd Council", "", "English", "Yes"],
    ]
    book = Workbook()
    for row in [FORMS_JOIN, *rows]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "Join the community(1-2).xlsx")
    mapping = suggest_mapping(table.headers, table.rows)
    assert mapping == {
        "full_name": "Full name",  # not the empty "Name"
        "email": "Work email address",  # not "Email", which says "anonymous"
        "organisation": "Organisation / Sefydliad",
        "job_title": "Job title / Teitl swydd",
        "language": "Preferred language / Dewis iaith",
        "joined_on": "Start time",
        "consent": FORMS_JOIN[-1],
    }
    result = preview_import(session, STEERING, table, mapping)
    assert result.rejected == ()
    assert [(r.full_name, r.email, r.language, r.joined_on) for r in result.rows] == [
        ("Siân Ŵyn", "sian@example.org", "cy", date(2025, 2, 3)),
        ("Rhys Jones", "rhys@example.org", "en", date(2025, 2, 4))]


def test_columns_are_guessed_from_values_when_the_headings_say_nothing(session, bodies):
    headers = ["Respondent", "Contact", "Where do you work?", "OK?"]
    rows = [["Nia Ben", "nia@example.org", "Gwynedd Council", "yes"],
            ["Aled Rees", "aled@example.org", "Cyngor Gwynedd", "yes"]]
    assert suggest_mapping(headers, rows) == {"email": "Contact"}
    # An empty name column is left for the person to choose; by its heading alone (no rows
    # to look at) it would be taken.
    assert suggest_mapping(["Name", "Email"], [["", "a@example.org"]]) == {"email": "Email"}
    assert suggest_mapping(["Name", "Email"]) == {"full_name": "Name", "email": "Email"}
