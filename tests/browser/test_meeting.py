"""A steering meeting in the browser: the chair proposes the agenda and adopts it, records
minutes in both languages with a decision and a new action under an item, carries the item
over, and downloads the meeting pack, whose text is read back in Welsh and English."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.models import AgendaItem, Decision, SteeringAction, SteeringMeeting
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def next_meeting_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(SteeringMeeting.id).where(
            SteeringMeeting.held_on >= london_today(utc_now()))
            .order_by(SteeringMeeting.held_on)).first()


def test_propose_minute_carry_over_and_download_the_pack(page, demo_database):
    meeting_id = next_meeting_id(demo_database)
    sign_in(page, "steering")
    open_page(page, routes.meeting_page(meeting_id))
    page.get_by_role("button", name="Propose agenda").click()
    proposed = page.get_by_role("list", name="Proposed agenda")
    proposed.wait_for()
    assert proposed.locator("li").count() > 0
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add the proposed items to the agenda").click()
    page.get_by_text("The proposed items are on the agenda.").wait_for()
    first = page.locator(".agenda-item").first
    title = first.locator("h3").inner_text()

    first.get_by_label("Minutes (Welsh)").fill("Trafodwyd y cam; mae angen mwy o amser.")
    first.get_by_label("Minutes (English)").fill("Discussed; more time is needed.")
    first.get_by_label("Outcome").select_option("carried")
    first.get_by_role("button", name="Save minutes").click()
    page.get_by_text("Minutes saved.").wait_for()
    first = page.locator(".agenda-item").first
    first.locator("fieldset", has_text="Record a decision").get_by_label(
        "Decision", exact=True).fill("Extend the deadline by a month")
    first.locator("fieldset", has_text="Record a decision").get_by_label(
        "Decision in Welsh").fill("Ymestyn y dyddiad cau o fis")
    first.get_by_role("button", name="Record decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    first = page.locator(".agenda-item").first
    actions = first.locator("fieldset", has_text="Agree an action")
    actions.get_by_label("Title", exact=True).fill("Tell members about the new deadline")
    actions.get_by_label("Title in Welsh").fill("Dweud wrth yr aelodau am y dyddiad newydd")
    first.get_by_role("button", name="Create action").click()
    page.get_by_text("Action created.").wait_for()
    assert axe_violations(page) == []

    with Session(demo_database) as session:
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                            .order_by(AgendaItem.position)).first()
        assert item.outcome == "carried" and item.minutes_cy.startswith("Trafodwyd")
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item.id)).one()
        assert decision.text_cy == "Ymestyn y dyddiad cau o fis"
        action = session.exec(select(SteeringAction).where(
            SteeringAction.agenda_item_id == item.id)).one()
        assert action.meeting_id == meeting_id

    pack = downloaded_text(page, "Meeting pack (PDF)")
    for expected in ("Pecyn y cyfarfod / Meeting pack", "Agenda",
                     "Detholiad o'r log camau gweithredu / Action log extract",
                     "Cofnodion y cyfarfod diwethaf / Minutes of the last meeting"):
        assert expected in pack, expected
    assert title.split(". ", 1)[-1][:20] in pack
    minutes = downloaded_text(page, "Minutes (PDF)")
    for expected in ("Cofnodion / Minutes", "Trafodwyd y cam", "Discussed; more time is needed.",
                     "Ymestyn y dyddiad cau o fis", "Extend the deadline by a month"):
        assert expected in minutes, expected
    assert minutes.index("Trafodwyd y cam") < minutes.index("Discussed; more time")
    assert page.watcher.errors == []


def downloaded_text(page, link: str) -> str:
    """The text of the PDF behind a link on the page, as pypdf reads it."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
