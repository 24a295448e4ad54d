"""The self-assessment in the browser: an assessor completes and submits their body's
assessment, then the steering group returns it with a comment.

``add_assessor_body`` is shared with the review page's tests."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.auth import create_user
from dashboard.models import Assessment, Member, Organisation, Role
from tests.browser.conftest import PASSWORD, axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def choose(card, value):
    """Pick a level (or 'na'): the choice is kept on the server, so wait for it to show."""
    radio = card.locator(f"button[role=radio][value='{value}']")
    radio.click()
    page_ = card.page
    page_.wait_for_function("el => el.getAttribute('aria-checked') === 'true'",
                            arg=radio.element_handle(), timeout=10_000)


def add_assessor_body(engine) -> int:
    """A body of its own with an assessor account, so shared demo data stays as it was."""
    with Session(engine) as session:
        org = session.exec(
            select(Organisation).where(Organisation.slug == "browser-test-body")).first()
        if org is None:
            org = Organisation(slug="browser-test-body", name_en="Browser Test Body",
                               name_cy="Corff Prawf Porwr", body_type="other", region="mid",
                               in_registry=False)
            session.add(org)
            session.flush()
            member = Member(full_name="Ada Assessor", email="ada.assessor@example.org",
                            organisation_id=org.id, assessor=True)
            session.add(member)
            session.flush()
            create_user(session, email="assessor@cymuned.example", display_name="Ada Assessor",
                        role=Role.MEMBER, password=PASSWORD, member_id=member.id)
            session.commit()
        return org.id


@pytest.fixture
def assessor(demo_database):
    return add_assessor_body(demo_database)


def test_assessor_completes_and_submits_then_steering_returns_it(page, browser, app, assessor,
                                                                 demo_database):
    sign_in(page, "assessor")
    open_page(page, routes.MATURITY_ASSESS)
    cards = page.locator("[data-testid^=dimension-]")
    cards.nth(7).wait_for()  # the framework loads after the page
    assert cards.count() == 8
    # Answer half, save a draft, then try to submit: the missing ones are named.
    for i in range(4):
        choose(cards.nth(i), 3)
    cards.nth(0).get_by_label("How confident are you?").select_option("high")
    cards.nth(0).get_by_label("Evidence notes").fill("Strategy approved by cabinet in 2025.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("status").get_by_text("Draft saved.").wait_for()
    page.get_by_role("button", name="Submit to the steering group").click()
    page.get_by_role("alert").get_by_text("Still to answer", exact=False).wait_for()
    for i in range(4, 8):
        choose(cards.nth(i), "na" if i == 7 else 2)
    page.get_by_role("button", name="Submit to the steering group").click()
    page.get_by_text("Assessment submitted to the steering group.").wait_for()
    assert axe_violations(page) == []
    assert page.get_by_test_id("assessment-status").inner_text() == "Submitted"
    with Session(demo_database) as session:
        assessment = session.exec(select(Assessment).where(
            Assessment.organisation_id == assessor)).one()
        assert assessment.status == "submitted"
    assert page.watcher.errors == []

    # The steering group returns it with a comment (accepting would change shared figures).
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=app.frontend_url)
    steering = context.new_page()
    sign_in(steering, "steering")
    open_page(steering, routes.MATURITY_REVIEW)
    row = steering.locator("tbody tr", has=steering.locator("th", has_text="Browser Test Body"))
    row.get_by_label("Comment for the body").fill("Please add evidence for data foundations.")
    row.get_by_role("button", name="Return with this comment").click()
    steering.get_by_text("Assessment returned to the body with your comment.").wait_for()
    assert axe_violations(steering) == []
    context.close()
    with Session(demo_database) as session:
        assert session.get(Assessment, assessment.id).status == "returned"
