"""The join form in the browser, in both languages and at phone and desktop widths: the
organisation chosen with the body picker by keyboard, or named when it is not in the list,
and a request through to the steering group's approval on the members page."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Member, Organisation
from tests.browser.conftest import axe_violations, choose_organisation, open_page, sign_in
from tests.browser.test_members import rows, wait_for_matches

pytestmark = pytest.mark.browser


NOT_LISTED = "My organisation is not in the list"


def first_body(engine) -> Organisation:
    """The registry body first by name: no other registry body's name that begins with
    part of its name comes before it in the picker's list."""
    with Session(engine) as session:
        return session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def start_request(page, width: int, name: str, email: str) -> None:
    """The join form at this width, with the person's name and email filled in."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, routes.JOIN)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)


@pytest.mark.parametrize("width", [390, 1280])
def test_join_page_opens_in_both_languages_and_passes_axe(page, demo_database, width):
    body = first_body(demo_database)
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, routes.JOIN)
    assert page.locator("main h1").inner_text() == "Join the community"
    assert fits_the_screen(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Ymuno â’r gymuned").wait_for()
    assert page.get_by_label("Enw llawn").is_visible()
    # The picker in Welsh: its label, the Welsh names, and what to do when none matches.
    box = page.get_by_role("combobox", name="Sefydliad")
    box.fill(body.name_cy[:-1])
    page.get_by_role("listbox", name="Sefydliad").get_by_role(
        "option", name=body.name_cy, exact=True).wait_for()
    assert fits_the_screen(page)
    assert axe_violations(page) == []  # the list open
    box.fill("zzqx")
    page.get_by_role("status").filter(
        has_text="Does dim sefydliad yn y rhestr ag enw sy’n cynnwys “zzqx”. Os nad yw eich un "
                 "chi yno, ticiwch ‘Nid yw fy sefydliad yn y rhestr’.").wait_for()
    page.get_by_label("Nid yw fy sefydliad yn y rhestr").click()  # the server ticks it
    page.get_by_label("Enw eich sefydliad").wait_for()
    assert box.input_value() == ""
    assert axe_violations(page) == []
    assert page.watcher.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_joining_with_the_body_picker_by_keyboard(page, demo_database, width):
    """Type part of the body's name, Down, Enter: the box shows its name and the request
    names it. With none chosen, the form says which field is missing."""
    body = first_body(demo_database)
    tag = uuid.uuid4().hex[:8]
    email = f"picker.{tag}@example.org"
    start_request(page, width, f"Siân Dewis {tag}", email)
    page.get_by_label("I agree to the community holding these details").check()
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("alert").get_by_text(
        "Choose your organisation from the list, or tick ‘My organisation is not in the "
        "list’.").wait_for()

    box = page.get_by_role("combobox", name="Organisation")
    options = page.get_by_role("listbox", name="Organisation").get_by_role("option")
    box.focus()
    page.keyboard.type(body.name_en[:-1].lower())
    wait_for_matches(page, demo_database, "Organisation", body.name_en[:-1].lower())
    assert box.get_attribute("aria-expanded") == "true"
    page.get_by_role("status").filter(has_text=re.compile(r"\d+ bod(y|ies) found")).wait_for()
    page.keyboard.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.inner_text() == body.name_en
    page.keyboard.press("Enter")
    page.wait_for_function("([id, name]) => document.getElementById(id).value === name",
                           arg=["join-body", body.name_en])
    options.first.wait_for(state="hidden")
    assert box.get_attribute("aria-expanded") == "false"
    assert focused_id(page) == "join-body"  # the focus stays in the box
    page.keyboard.press("Tab")  # next: "not in the list", left unticked
    assert focused_id(page) == "join-not-listed"
    assert page.get_by_label(NOT_LISTED).get_attribute("aria-checked") == "false"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ask to join").press("Enter")
    page.get_by_role("status").get_by_text("Thank you.", exact=False).wait_for()
    with Session(demo_database) as session:
        member = session.exec(select(Member).where(Member.email == email)).one()
        assert (member.status, member.organisation_id) == ("pending", body.id)
    assert page.watcher.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_joining_for_an_organisation_not_in_the_list_by_keyboard(page, demo_database, width):
    """Nothing matches: the status line says to tick "not in the list"; Tab, Space, and the
    organisation's name is asked for. A body chosen afterwards unticks it again."""
    body = first_body(demo_database)
    tag = uuid.uuid4().hex[:8]
    email = f"other.{tag}@example.org"
    start_request(page, width, f"Owain Glyn {tag}", email)
    box = page.get_by_role("combobox", name="Organisation")
    box.focus()
    page.keyboard.type("zzqx")
    page.get_by_role("status").filter(
        has_text="No organisation in the list has “zzqx” in its name. If yours is not there, "
                 f"tick ‘{NOT_LISTED}’.").wait_for()
    page.keyboard.press("Tab")
    assert focused_id(page) == "join-not-listed"
    page.keyboard.press("Space")
    other = page.get_by_label("Name of your organisation")
    other.wait_for()
    assert page.get_by_label(NOT_LISTED).get_attribute("aria-checked") == "true"
    assert box.input_value() == ""  # what was typed is not a choice
    assert axe_violations(page) == []

    # Changing one's mind: a body chosen unticks it, and unticking asks for none.
    box.focus()
    page.keyboard.type(body.name_en[:-1])
    wait_for_matches(page, demo_database, "Organisation", body.name_en[:-1])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    other.wait_for(state="detached")
    assert page.get_by_label(NOT_LISTED).get_attribute("aria-checked") == "false"
    page.get_by_label(NOT_LISTED).focus()
    page.keyboard.press("Space")
    other.wait_for()
    assert box.input_value() == ""

    page.keyboard.press("Tab")
    assert focused_id(page) == "join-other"
    page.keyboard.type("Menter Iaith Prawf")
    page.get_by_label("I agree to the community holding these details").check()
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("status").get_by_text("Thank you.", exact=False).wait_for()
    with Session(demo_database) as session:
        member = session.exec(select(Member).where(Member.email == email)).one()
        assert (member.organisation_id, member.organisation_other) == (None,
                                                                       "Menter Iaith Prawf")
    assert page.watcher.errors == []


def test_a_join_request_through_to_approval(page, demo_database):
    body = first_body(demo_database)
    tag = uuid.uuid4().hex[:8]
    name, email = f"Siôn Prawf {tag}", f"sion.{tag}@example.org"

    open_page(page, routes.JOIN)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)
    choose_organisation(page, body.name_en)  # by mouse
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
