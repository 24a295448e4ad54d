"""The actions list in the browser: a member sees only the actions they own (and, on the
Meetings page, only published minutes); the board by status works by keyboard."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Member, SteeringAction, SteeringMeeting, User
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def member_with_an_action(demo_database):
    """The member account linked to a person who owns one action; undone afterwards."""
    with Session(demo_database) as session:
        person = Member(full_name="Browser Test Owner", status="active")
        session.add(person)
        session.flush()
        user = session.exec(select(User).where(User.email == "member@cymuned.example")).one()
        user.member_id = person.id
        action = SteeringAction(title="Browser test: the member's own action",
                                owner_member_id=person.id)
        session.add_all([user, action])
        session.commit()
        ids = (person.id, user.id, action.id)
    yield ids
    with Session(demo_database) as session:
        user = session.get(User, ids[1])
        user.member_id = None
        session.add(user)
        session.delete(session.get(SteeringAction, ids[2]))
        session.commit()
        session.delete(session.get(Member, ids[0]))
        session.commit()


def test_a_member_sees_only_their_actions_and_published_minutes(page, demo_database,
                                                                member_with_an_action):
    sign_in(page, "member")
    open_page(page, routes.ACTIONS)
    rows = page.locator("tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    assert rows.first.get_by_text("Browser test: the member's own action").is_visible()
    assert page.locator("tbody select").count() == 0  # no status controls
    assert axe_violations(page) == []
    with Session(demo_database) as session:
        published = len(session.exec(select(SteeringMeeting).where(
            SteeringMeeting.minutes_published)).all())
        unpublished = session.exec(select(SteeringMeeting).where(
            ~SteeringMeeting.minutes_published)).first()
    open_page(page, routes.MEETINGS)
    assert page.locator("tbody tr").count() == published
    assert page.get_by_text("Not published").count() == 0
    open_page(page, routes.meeting_page(unpublished.id))
    page.get_by_text("There is no meeting with that number.").wait_for()
    assert page.watcher.errors == []


def test_the_board_moves_a_card_by_keyboard(page, demo_database):
    sign_in(page, "steering")
    open_page(page, routes.ACTIONS + "?view=board")
    blocked = page.get_by_role("region", name="Blocked")
    before = int(blocked.locator("h2").inner_text().split("(")[-1].rstrip(")"))
    card = page.get_by_role("region", name="Not started").locator("li").first
    title = card.locator("a").first.inner_text()
    select_box = card.get_by_role("combobox")
    select_box.focus()
    select_box.select_option("blocked")  # what the arrow keys and Enter do in a native select
    page.get_by_text("Action updated.").wait_for()
    blocked.get_by_text(title).first.wait_for()
    assert int(blocked.locator("h2").inner_text().split("(")[-1].rstrip(")")) == before + 1
    assert axe_violations(page) == []
    assert page.watcher.errors == []
