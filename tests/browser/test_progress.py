"""The progress page and the other steering pages on a phone (390 px), in Welsh: nothing
wider than the screen, axe-core clean, no console errors or warnings."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import SteeringAction, SteeringMeeting
from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_events import phone_page, wider_than_the_screen

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(app, browser):
    yield from phone_page(app, browser)


def test_steering_pages_fit_a_phone_in_welsh(phone, demo_database):
    with Session(demo_database) as session:
        meeting = session.exec(select(SteeringMeeting.id).where(
            SteeringMeeting.minutes_published)).first()
        action = session.exec(select(SteeringAction.id)).first()
    sign_in(phone, "steering")
    open_page(phone, routes.PROGRESS)
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_role("heading", name="Cynnydd", level=1).wait_for()
    for path, heading in ((routes.PROGRESS, "Cynnydd"),
                          (routes.ACTIONS, "Camau gweithredu"),
                          (routes.ACTIONS + "?view=board", "Camau gweithredu"),
                          (routes.action_page(action), "Cam gweithredu"),
                          (routes.DECISIONS, "Penderfyniadau"),
                          (routes.MEETINGS, "Cyfarfodydd"),
                          (routes.meeting_page(meeting), "Cyfarfod")):
        open_page(phone, path)
        phone.get_by_role("heading", name=heading, level=1).wait_for()
        assert wider_than_the_screen(phone) == 0, path
        assert axe_violations(phone) == [], path
    assert phone.watcher.errors == [] and phone.warnings == []


def test_progress_shows_each_objective_and_the_matrix(page, demo_database):
    sign_in(page, "member")
    open_page(page, routes.PROGRESS)
    objectives = page.get_by_role("table").first.locator("tbody tr")
    assert [objectives.nth(n).locator("th a").inner_text() for n in range(5)] == [
        f"Objective {n}" for n in (1, 4, 5, 6, 7)]
    matrix = page.locator("#matrix ~ * table, #matrix ~ * tbody").first
    assert page.locator("#matrix").is_visible() and matrix.count() == 1
    assert page.get_by_role("rowheader", name="A prosperous Wales").is_visible()
    assert axe_violations(page) == []
