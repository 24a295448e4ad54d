"""The whole member journey in the browser: join, the steering group approves, the
invitation link, a password, sign in, register for an event, and 'My events' shows it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.clock import utc_now
from dashboard.models import Event, Organisation
from tests.browser.conftest import axe_violations, choose_organisation, open_page, sign_in

pytestmark = pytest.mark.browser
NEW_PASSWORD = "my own long password 7"


@pytest.fixture
def coming_event(demo_database) -> tuple[int, str]:
    with Session(demo_database) as session:
        starts = utc_now() + timedelta(days=320)  # far ahead: not in others' 'next events'
        title = f"Invitation meetup {uuid.uuid4().hex[:6]}"
        event = Event(uid=f"browser-invitation-{starts.timestamp()}@test", title=title,
                      starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=10)
        session.add(event)
        session.commit()
        return event.id, title


def test_from_joining_to_my_events(page, app, demo_database, coming_event):
    event_id, title = coming_event
    with Session(demo_database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    tag = uuid.uuid4().hex[:8]
    name, email = f"Elin Prawf {tag}", f"elin.{tag}@example.org"

    open_page(page, routes.JOIN)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)
    choose_organisation(page, body.name_en)
    page.get_by_label("I agree to the community holding these details").check()
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("status").get_by_text("Thank you.", exact=False).wait_for()

    # No mail server in the tests: the steering group is shown the link to send.
    sign_in(page, "steering")
    open_page(page, routes.MEMBERS)
    page.get_by_role("button", name=f"Approve {name}").click()
    link = page.get_by_label(f"Link for {name}")
    link.wait_for()
    url = link.input_value()
    assert url.startswith(app.frontend_url.rstrip("/") + "/invitation/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()

    open_page(page, url)
    assert page.locator("main h1").inner_text() == "Set your password"
    assert page.get_by_text(f"Welcome to the community, {name}.").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_text("Your account is ready.", exact=False).wait_for()

    # Signing in is the sign-in page's own: its email and password fields.
    page.get_by_role("link", name="Go to the sign-in page").click()
    page.get_by_label("Email address").wait_for()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()

    open_page(page, routes.event_page(event_id))
    page.get_by_role("button", name="Register").click()
    page.get_by_test_id("my-registration").wait_for()
    open_page(page, routes.MY_EVENTS)
    page.get_by_role("link", name=title).wait_for()

    # The link is used up, and says so in either language.
    open_page(page, url)
    page.get_by_role("alert").get_by_text("This link has already been used.",
                                          exact=False).wait_for()
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_text("Mae’r ddolen hon wedi’i defnyddio’n barod.", exact=False).wait_for()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_forgot_password_is_reached_from_the_sign_in_page(page):
    open_page(page, routes.SIGN_IN)
    page.get_by_role("link", name="Forgot your password?").click()
    page.locator("main h1", has_text="Forgot your password?").wait_for()
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Send me a link").click()
    # No mail server in the tests: the same answer for every address.
    page.get_by_text("This site does not send email yet.", exact=False).wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Wedi anghofio eich cyfrinair?").wait_for()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


@pytest.mark.parametrize("link,english,welsh", [
    ("Accessibility statement", "Accessibility statement", "Datganiad hygyrchedd"),
    ("Privacy notice", "Privacy notice", "Hysbysiad preifatrwydd"),
])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_statements_are_linked_from_every_footer(page, link, english, welsh, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, routes.EVENTS)
    page.get_by_role("contentinfo").get_by_role("link", name=link).click()
    page.locator("main h1", has_text=english).wait_for()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text=welsh).wait_for()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_a_new_link_from_a_profile_resets_a_password(page, demo_database):
    from dashboard.domain.auth import create_user
    from dashboard.models import Member, Role
    from tests.browser.conftest import PASSWORD

    tag = uuid.uuid4().hex[:8]
    name, email = f"Rhys Prawf {tag}", f"rhys.{tag}@example.org"
    with Session(demo_database) as session:
        person = Member(full_name=name, email=email)
        session.add(person)
        session.flush()
        create_user(session, email=email, display_name=name, role=Role.MEMBER,
                    password=PASSWORD, member_id=person.id)
        session.commit()
        member_id = person.id

    sign_in(page, "steering")
    open_page(page, routes.member_page(member_id))
    page.get_by_role("button", name="Make a new link").click()
    link = page.get_by_label(f"Link for {name}")
    link.wait_for()
    url = link.input_value()
    assert "/reset-password/" in url
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()

    page.set_viewport_size({"width": 390, "height": 800})
    open_page(page, url)
    assert page.locator("main h1").inner_text() == "Choose a new password"
    assert page.get_by_label("Email address").input_value() == email
    assert axe_violations(page) == []
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change my password").click()
    page.get_by_text("Your password has been changed", exact=False).wait_for()
    page.get_by_role("link", name="Go to the sign-in page").click()
    page.get_by_label("Email address").wait_for()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.watcher.errors == []
