"""The member import in the browser: upload, map the columns, check, import all or nothing,
with the rejected rows' reasons following the language switch."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Member, Organisation
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def test_an_import_with_a_bad_row_imports_nothing_then_a_good_one_does(page, demo_database):
    with Session(demo_database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    tag = uuid.uuid4().hex[:8]
    email = f"mererid.{tag}@example.org"
    good_row = f"Mererid Ôl {tag},{email},{body.name_cy},Ydw,01/03/2025\r\n"
    bad = ("\ufeffEnw,E-bost,Sefydliad,Cytuno,Dyddiad ymuno\r\n" + good_row
           + f"Bad Row,not-an-email,{body.name_en},no,\r\n").encode()
    sign_in(page, "steering")
    open_page(page, routes.MEMBER_IMPORT)
    assert page.locator("main h1").inner_text() == "Import members"
    assert axe_violations(page) == []

    def upload(data: bytes):
        page.locator("#member-file input[type=file]").set_input_files(
            files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": data}])
        page.get_by_role("button", name="Upload and map columns").click()
        page.get_by_role("heading", name="2. Match the columns").wait_for()

    upload(bad)
    assert page.get_by_label("Email").input_value() == "E-bost"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the rows").click()
    # Both of the row's problems, in one line of the table.
    reasons = page.get_by_role("cell", name="Row 3: 'not-an-email' is not a valid email address.")
    reasons.wait_for()
    assert "Row 3: there is no consent to hold the details." in reasons.inner_text()
    assert page.get_by_test_id("import-summary").inner_text().endswith("Rows rejected: 1.")
    assert page.get_by_role("button", name="Import 1 member").is_disabled()
    assert axe_violations(page) == []
    # Switching language afterwards translates the reasons too, not only the page around them.
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("cell", name="Rhes 3: nid yw 'not-an-email' yn gyfeiriad e-bost dilys.") \
        .wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    reasons.wait_for()
    with Session(demo_database) as session:
        assert session.exec(select(Member).where(Member.email == email)).first() is None

    upload(("Enw,E-bost,Sefydliad,Cytuno,Dyddiad ymuno\n" + good_row).encode())
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("button", name="Import 1 member").click()
    page.get_by_text("Members imported: 1 added, 0 updated, 0 unchanged.").wait_for()
    with Session(demo_database) as session:
        member = session.exec(select(Member).where(Member.email == email)).one()
        assert (member.full_name, member.organisation_id) == (f"Mererid Ôl {tag}", body.id)
    assert page.watcher.errors == []


def test_only_the_steering_group_sees_the_import(page):
    sign_in(page, "member")
    open_page(page, routes.MEMBER_IMPORT)
    page.get_by_text("Only the steering group can import members.").wait_for()
    assert page.get_by_role("button", name="Upload and map columns").count() == 0
    assert page.watcher.errors == []


def test_a_forms_export_with_an_unknown_body_and_a_repeated_email(page, demo_database):
    """The columns of a Microsoft Forms join export are chosen from what they hold; a body
    the registry does not know is given a registry body or kept as written; two rows for
    one email are one member, shown as merged."""
    with Session(demo_database) as session:
        swansea = session.exec(select(Organisation).where(Organisation.slug == "swansea")).one()
    tag = uuid.uuid4().hex[:8]
    text = ("ID,Start time,Email,Name,Full name,Work email address,Organisation / Sefydliad,"
            "I agree to my details being held by the community\r\n"
            f"1,03/02/2025 10:15,anonymous,,Ffion Ôl {tag},ffion.{tag}@example.org,"
            "Swansea Concil,I agree\r\n"
            f"2,04/02/2025 11:00,anonymous,,Ffion Ôl-Rees {tag}, FFION.{tag}@example.org ,"
            "Swansea Concil,I agree\r\n"
            f"3,05/02/2025 12:00,anonymous,,Gruff Huws {tag},gruff.{tag}@example.org,"
            f"Menter Iaith {tag},I agree\r\n")
    sign_in(page, "steering")
    open_page(page, routes.MEMBER_IMPORT)
    page.locator("#member-file input[type=file]").set_input_files(
        files=[{"name": "Join.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    page.get_by_role("button", name="Upload and map columns").click()
    page.get_by_role("heading", name="2. Match the columns").wait_for()
    assert page.get_by_label("Full name").input_value() == "Full name"
    assert page.get_by_label("Email").input_value() == "Work email address"
    assert page.get_by_label("Organisation").input_value() == "Organisation / Sefydliad"
    assert page.get_by_label("Consent").input_value().startswith("I agree")
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("heading", name="Bodies not in the registry").wait_for()
    assert page.get_by_test_id("import-summary").inner_text().endswith("Rows rejected: 3.")
    assert axe_violations(page) == []
    page.get_by_label("'Swansea Concil', in rows 2, 3").select_option(str(swansea.id))
    page.get_by_test_id("import-summary").get_by_text("Rows rejected: 1.").wait_for()
    page.get_by_role("rowheader", name="2, 3", exact=True).wait_for()  # merged: one member
    assert axe_violations(page) == []
    page.get_by_role("button", name="Keep every name not yet chosen as written").click()
    page.get_by_test_id("import-summary").get_by_text("Rows rejected: 0.").wait_for()
    page.get_by_role("button", name="Import 2 members").click()
    page.get_by_text("Members imported: 2 added, 0 updated, 0 unchanged.").wait_for()
    with Session(demo_database) as session:
        imported = {m.email: (m.full_name, m.organisation_id, m.organisation_other)
                    for m in session.exec(select(Member).where(Member.email.contains(tag)))}
    assert imported == {
        f"ffion.{tag}@example.org": (f"Ffion Ôl-Rees {tag}", swansea.id, None),
        f"gruff.{tag}@example.org": (f"Gruff Huws {tag}", None, f"Menter Iaith {tag}")}
    assert page.watcher.errors == []
