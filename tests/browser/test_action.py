"""An action in the browser: the steering group creates one linked to an objective and a
well-being goal, rates it red with a reason, and finds it on the progress page; a second
editor's stale save is refused with both versions shown and their input kept."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import SteeringAction
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser
TITLE = "Browser test: pilot Welsh speech recognition"


def test_create_rate_and_see_it_on_the_progress_page(page, demo_database):
    sign_in(page, "steering")
    open_page(page, routes.action_page("new"))
    assert axe_violations(page) == []
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Title in Welsh").fill("Prawf porwr: treialu adnabod lleferydd Cymraeg")
    page.get_by_label("Due").fill("2030-01-31")
    page.get_by_role("checkbox", name="7. ").check()  # CDPS objective 7
    page.get_by_role("checkbox", name="A more equal Wales").check()
    page.get_by_role("button", name="Save action").click()
    page.wait_for_url(re.compile(r"/actions/\d+$"))
    page.get_by_role("button", name="Save action").wait_for()
    page.get_by_label("RAG rating", exact=True).select_option("red")
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("Say in words why the action is rated red.").wait_for()
    page.get_by_label("Reason for the RAG rating").fill("No supplier supports Welsh yet")
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("Action saved.").wait_for()
    history = page.locator("#history ~ *").first
    history.get_by_text("No supplier supports Welsh yet").wait_for()
    with Session(demo_database) as session:
        action = session.exec(select(SteeringAction).where(SteeringAction.title == TITLE)).one()
        assert (action.rag, action.version) == ("red", 2)

    open_page(page, routes.ACTIONS + "?objective=cdps-7&rag=red")
    row = page.locator("tbody tr", has_text=TITLE)
    assert row.get_by_text("Red: off track").is_visible()
    open_page(page, routes.PROGRESS)
    objective = page.locator("tbody tr", has_text="Objective 7")
    assert objective.count() == 1
    assert axe_violations(page) == []
    objective.get_by_role("link", name="Objective 7").click()
    page.locator("tbody tr", has_text=TITLE).wait_for()
    assert page.watcher.errors == []


def test_a_stale_edit_is_refused_with_both_versions(page, browser, app, demo_database):
    with Session(demo_database) as session:
        action_id = session.exec(select(SteeringAction.id).order_by(SteeringAction.id)).first()
    other = browser.new_context(viewport={"width": 1280, "height": 900},
                                base_url=app.frontend_url).new_page()
    try:
        for each in (page, other):
            sign_in(each, "steering")
            open_page(each, routes.action_page(action_id))
        other.get_by_label("Title", exact=True).fill("Changed by the other editor")
        other.get_by_role("button", name="Save action").click()
        other.get_by_text("Action saved.").wait_for()
        page.get_by_label("Title", exact=True).fill("Changed by me, later")
        page.get_by_role("button", name="Save action").click()
        page.get_by_text("Someone else saved this action").wait_for()
        both = page.get_by_role("region", name="Both versions")
        assert both.get_by_text("Changed by the other editor").is_visible()
        assert both.get_by_text("Changed by me, later").is_visible()
        assert page.get_by_label("Title", exact=True).input_value() == "Changed by me, later"
        assert axe_violations(page) == []
        assert page.watcher.errors == []
    finally:
        other.context.close()


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_an_action_read_without_the_steering_role_passes_axe(page, demo_database, role):
    """What a member or a visitor sees of an action (its summary, or why not), with the link
    back to all actions underlined (it sat in a block of text, told apart by colour alone)."""
    with Session(demo_database) as session:
        action_id = session.exec(select(SteeringAction.id)).first()
    if role != "visitor":
        sign_in(page, role)
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, routes.ACTION.replace("[action_id]", str(action_id)))
    assert page.get_by_role("link", name="All actions").is_visible()
    assert axe_violations(page) == []
