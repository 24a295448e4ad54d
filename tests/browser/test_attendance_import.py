"""The steering group importing an event's attendance in the browser, through the import
wizard: upload, match the columns, check (a rejected row imports nothing), import."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from dashboard.domain.clock import utc_now
from dashboard.models import Event
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def test_steering_imports_attendance_for_its_own_event(page, demo_database, tmp_path):
    with Session(demo_database) as session:
        starts = utc_now() - timedelta(days=400)
        event = Event(uid=f"browser-attendance-{starts.timestamp()}@test",
                      title="Browser attendance test", starts_at=starts,
                      ends_at=starts + timedelta(hours=1))
        session.add(event)
        session.commit()
        event_id = event.id
    export = tmp_path / "attendees.csv"
    export.write_text("First Name,Email,Checked In\nAnn,ann@example.org,Yes\n"
                      "Bob,bob@example.org,No\nCai,not-an-email,maybe\n")
    sign_in(page, "steering")
    open_page(page, "/events")
    assert axe_violations(page) == []  # with the steering group's tools
    open_page(page, f"/events/{event_id}")

    def upload(path):
        page.get_by_label("Attendance file (CSV or Excel)").set_input_files(str(path))
        page.get_by_text(path.name).wait_for()
        page.get_by_role("button", name="Upload and map columns").click()
        page.get_by_role("heading", name="2. Match the columns").wait_for()

    upload(export)
    assert page.get_by_label("Email column").input_value() == "Email"
    assert page.get_by_label("Attended column (yes/no)").input_value() == "Checked In"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the rows").click()
    # The rejected row, with both of its problems.
    reasons = page.get_by_role("cell", name="not-an-email is not an email address.")
    reasons.wait_for()
    assert "maybe in Checked In is not yes or no." in reasons.inner_text()
    assert page.get_by_role("row").filter(has=reasons).get_by_role("rowheader") \
        .inner_text() == "4"
    assert page.get_by_test_id("import-summary").inner_text() == "2 people ready to import."
    page.get_by_text("Rows that would be rejected: 1.").wait_for()
    assert page.get_by_role("button", name="Import attendance").is_disabled()
    assert axe_violations(page) == []

    fixed = tmp_path / "attendees-fixed.csv"
    fixed.write_text("First Name,Email,Checked In\nAnn,ann@example.org,Yes\n"
                     "Bob,bob@example.org,No\n")
    upload(fixed)
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_text("2 people ready to import.").wait_for()
    page.get_by_role("button", name="Import attendance").click()
    page.get_by_text("Attendance imported: 2 added").wait_for()
    # The event's figures reload in an event of their own, after the notice.
    page.get_by_text("1 attended").wait_for()
    assert page.watcher.errors == []
