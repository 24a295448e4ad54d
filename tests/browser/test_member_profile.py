"""A member's profile in the browser: contact details for the steering group only, editing
one's own profile, and erasure."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, select

from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Member
from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_members import a_member

pytestmark = pytest.mark.browser


def test_a_profile_shows_contact_details_only_to_the_steering_group(page, demo_database):
    person = a_member(demo_database)
    sign_in(page, "member")
    open_page(page, f"/members/{person.id}")
    page.get_by_role("heading", name=person.full_name).wait_for()
    assert page.get_by_text(person.email).count() == 0
    assert axe_violations(page) == []
    with page.expect_navigation():  # the backend clears the cookie and sends the page back
        page.get_by_role("button", name="Sign out").click()
    sign_in(page, "steering")
    open_page(page, f"/members/{person.id}")
    page.get_by_role("link", name=person.email).wait_for()
    assert page.watcher.errors == []


def test_a_member_edits_their_own_profile_and_the_steering_group_erases(page, demo_database):
    from dashboard.models import User

    tag = uuid.uuid4().hex[:8]
    with Session(demo_database) as session:
        person = Member(full_name=f"Tomos {tag}", email=f"tomos.{tag}@example.org",
                        joined_on=london_today(utc_now()), last_active_on=london_today(utc_now()))
        session.add(person)
        session.flush()
        user = session.exec(select(User).where(User.email == "member@cymuned.example")).one()
        previous_link, user.member_id = user.member_id, person.id
        session.add(user)
        session.commit()
        person_id = person.id
    try:
        sign_in(page, "member")
        open_page(page, f"/members/{person_id}")
        page.get_by_role("button", name="Edit profile").click()
        page.get_by_label("Job title").fill("Swyddog data")
        assert page.get_by_label("Community role").count() == 0
        assert axe_violations(page) == []
        page.get_by_role("button", name="Save").click()
        page.get_by_text("The profile was saved.").wait_for()
        page.get_by_text("Swyddog data").wait_for()
    finally:
        with Session(demo_database) as session:
            user = session.exec(select(User).where(User.email == "member@cymuned.example")).one()
            user.member_id = previous_link
            session.add(user)
            session.commit()

    with page.expect_navigation():  # the backend clears the cookie and sends the page back
        page.get_by_role("button", name="Sign out").click()
    sign_in(page, "steering")
    open_page(page, f"/members/{person_id}")
    page.get_by_role("button", name="Erase personal data").click()
    page.get_by_role("button", name="Yes, erase this person's data").click()
    page.get_by_text("The member's personal data was erased.", exact=False).wait_for()
    with Session(demo_database) as session:
        erased = session.get(Member, person_id)
        assert (erased.status, erased.email, erased.full_name) == ("erased", None, "Erased member")
    assert page.watcher.errors == []
