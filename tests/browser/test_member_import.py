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
