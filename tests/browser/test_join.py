"""The join form in the browser, in both languages, and a request through to the steering
group's approval on the members page."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Member, Organisation
from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_members import rows

pytestmark = pytest.mark.browser


def test_join_page_opens_in_both_languages_and_passes_axe(page):
    open_page(page, routes.JOIN)
    assert page.locator("main h1").inner_text() == "Join the community"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Ymuno â’r gymuned").wait_for()
    assert page.get_by_label("Enw llawn").is_visible()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_a_join_request_through_to_approval(page, demo_database):
    with Session(demo_database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    tag = uuid.uuid4().hex[:8]
    name, email = f"Siôn Prawf {tag}", f"sion.{tag}@example.org"

    open_page(page, routes.JOIN)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)
    page.get_by_label("Organisation").select_option(str(body.id))
    page.get_by_label("Job title").fill("Data lead")
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("alert").get_by_text(
        "To join, agree to the community holding your details.").wait_for()
    page.get_by_label("I agree to the community holding these details").check()
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("status").get_by_text("Thank you.", exact=False).wait_for()
    with Session(demo_database) as session:
        assert session.exec(select(Member.status).where(Member.email == email)).one() == "pending"

    # Not public: a visitor sees no names on the members page.
    open_page(page, routes.MEMBERS)
    assert page.get_by_text(name).count() == 0

    sign_in(page, "steering")
    open_page(page, routes.MEMBERS)
    page.get_by_role("button", name=f"Approve {name}").click()
    page.get_by_text(f"{name} is now a member.").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Search by name, organisation, job title or email").fill(email)
    page.get_by_role("button", name="Search").click()
    rows(page).filter(has_text=name).first.wait_for()
    assert page.watcher.errors == []


def test_the_preferred_language_follows_the_language_of_the_page(page):
    """Welsh when the form is shown in Welsh, English in English; the person's own choice
    stays."""
    open_page(page, routes.JOIN)
    assert page.get_by_label("Preferred language").input_value() == "en"
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Ymuno â’r gymuned").wait_for()
    choice = page.get_by_label("Dewis iaith")
    page.wait_for_function("document.getElementById('join-language').value === 'cy'")
    assert choice.input_value() == "cy"
    open_page(page, routes.JOIN)  # a new visit, in Welsh from the start
    assert page.get_by_label("Dewis iaith").input_value() == "cy"
    page.get_by_label("Dewis iaith").select_option("en")
    page.get_by_role("button", name="English").click()
    page.locator("main h1", has_text="Join the community").wait_for()
    assert page.get_by_label("Preferred language").input_value() == "en"
    page.get_by_label("Preferred language").select_option("cy")
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Ymuno â’r gymuned").wait_for()
    assert page.get_by_label("Dewis iaith").input_value() == "cy"
    assert page.watcher.errors == []


def test_the_join_form_answers_in_welsh_not_with_the_browsers_bubbles(page):
    open_page(page, routes.JOIN)
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("heading", level=1).filter(has_text="Ymuno").first.wait_for()
    assert page.locator("form").first.get_attribute("novalidate") is not None
    page.get_by_label("Enw llawn").fill("Nia Rowlands")
    page.get_by_label("Cyfeiriad e-bost gwaith").fill("nid-cyfeiriad")
    page.get_by_role("button", name="Gofyn i ymuno").click()
    page.get_by_text("Rhowch gyfeiriad e-bost yn y fformat cywir", exact=False).wait_for()
    assert page.watcher.errors == []
