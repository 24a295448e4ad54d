"""The decisions log in the browser: the steering group records a decision, supersedes an
older one with it, and a circle of supersessions is refused with a message in Welsh."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Decision
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def test_record_supersede_and_refuse_a_circle(page, demo_database):
    sign_in(page, "steering")
    open_page(page, routes.DECISIONS)
    page.get_by_label("Decision", exact=True).fill("Browser test: meet every four weeks")
    page.get_by_label("Decision in Welsh").fill("Prawf porwr: cwrdd bob pedair wythnos")
    page.get_by_label("Decided by").fill("Chair and vice-chair")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("recorded.").wait_for()
    with Session(demo_database) as session:
        newest = session.exec(select(Decision).order_by(Decision.id.desc())).first()
        older = session.exec(select(Decision).where(Decision.status == "active")
                             .order_by(Decision.id)).first()
    row = page.locator("tbody tr", has_text=older.reference)
    if row.count() == 0:  # on a later page: search for it
        page.get_by_label("Search decisions").fill(older.reference)
        page.get_by_role("button", name="Search").click()
        page.locator("tbody tr").nth(1).wait_for(state="detached")
        row = page.locator("tbody tr", has_text=older.reference)
    row.get_by_label(f"Superseded by (reference) for {older.reference}").fill(newest.reference)
    row.get_by_role("button", name="Supersede").click()
    page.get_by_text(f"Decision {older.reference} superseded.").wait_for()

    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("heading", name="Penderfyniadau", level=1).wait_for()
    page.get_by_label("Chwilio'r penderfyniadau").fill(newest.reference)
    page.get_by_role("button", name="Chwilio").click()
    page.locator("tbody tr").nth(1).wait_for(state="detached")  # the search has applied
    row = page.locator("tbody tr", has_text=newest.reference)
    row.get_by_role("textbox").fill(older.reference)
    row.get_by_role("button", name="Disodli").click()
    page.get_by_text(f"Ni all {older.reference} ddisodli {newest.reference}").wait_for()
    assert axe_violations(page) == []
    with Session(demo_database) as session:
        assert session.get(Decision, newest.id).status == "active"
        assert session.get(Decision, older.id).superseded_by_id == newest.id
    assert page.watcher.errors == []
