"""Signing in and out in the browser: the HttpOnly cookie, back to the page you were on,
the demo's "Try as ...", "Sign out everywhere", and signing in with one's organisation
against the local OpenID provider."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.models import Member, User
from tests.browser.conftest import PASSWORD, axe_violations, open_page
from tests.openid_provider import OpenIdProvider

pytestmark = pytest.mark.browser


def session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "cymuned_session"), None)


def test_signing_in_keeps_the_token_from_scripts_and_returns_to_the_page(page):
    open_page(page, routes.ACTIONS)
    page.get_by_role("banner").get_by_role("link", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(r"/sign-in\?next=/actions/?$"))
    page.get_by_role("heading", name="Sign in").wait_for()
    page.mouse.move(0, 0)  # not hovering the link just followed
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    page.get_by_label("Email address").fill("steering@cymuned.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()
    assert page.url.rstrip("/").endswith(routes.ACTIONS)
    assert page.get_by_text("Steering group", exact=True).first.is_visible()
    cookie = session_cookie(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert "cymuned_session" not in page.evaluate("document.cookie")
    # Signing out clears the cookie, on the backend.
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.get_by_role("banner").get_by_role("link", name="Sign in", exact=True).wait_for()
    assert session_cookie(page) is None
    assert page.watcher.errors == []


def test_sign_out_everywhere_ends_the_other_browsers_session(page, browser, app):
    other = browser.new_context(base_url=app.frontend_url).new_page()
    for tab in (page, other):
        open_page(tab, routes.SIGN_IN)
        tab.get_by_label("Email address").fill("member@cymuned.example")
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Sign in", exact=True).click()
        tab.get_by_role("button", name="Sign out", exact=True).wait_for()
    open_page(page, routes.SIGN_IN)
    page.get_by_text("You are signed in as").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out everywhere").click()
    page.get_by_text("You are signed out on every device and browser.").wait_for()
    open_page(other, routes.MEMBERS)
    other.get_by_role("banner").get_by_role("link", name="Sign in", exact=True).wait_for()
    assert other.get_by_role("button", name="Sign out").count() == 0
    other.context.close()
    assert page.watcher.errors == []


def test_the_demo_can_be_tried_as_each_role_in_both_languages(page):
    open_page(page, routes.SIGN_IN)
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("button", name="Rhoi cynnig arni fel y grŵp llywio").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Try as the steering group").click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()
    assert page.get_by_text("Steering group", exact=True).first.is_visible()
    assert session_cookie(page)["httpOnly"]
    # On a phone: the header (name, role, Sign out) and the account's page fit the width.
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, routes.SIGN_IN)
    page.get_by_role("button", name="Sign out everywhere").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    assert page.watcher.errors == []


@pytest.fixture
def provider(monkeypatch):
    """The local provider, and the app told about it (the backend runs in this process and
    reads CYMUNED_OIDC_* on each request)."""
    running = OpenIdProvider().start()
    for name, value in running.settings().items():
        monkeypatch.setenv(name, value)
    yield running
    running.stop()


def test_a_member_signs_in_with_their_organisation(page, provider, demo_database):
    with Session(demo_database) as session:
        accounts = {u.member_id for u in session.exec(select(User))}
        member = next(m for m in session.exec(select(Member).where(
            Member.status == "active", Member.email.is_not(None)).order_by(Member.id))
            if m.id not in accounts)
        name, email = member.full_name, member.email
    provider.sign_in_as(email.upper(), name=name)
    open_page(page, routes.SIGN_IN)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Continue with your Microsoft work account").click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()
    assert page.get_by_role("link", name=name).is_visible()
    assert page.get_by_text("Member", exact=True).first.is_visible()
    assert session_cookie(page)["httpOnly"]
    assert page.watcher.errors == []


def test_a_tenant_that_is_not_allowed_is_told_so(page, provider):
    from tests.openid_provider import OTHER_TENANT

    provider.sign_in_as("someone@elsewhere.example", tenant=OTHER_TENANT)
    open_page(page, routes.SIGN_IN)
    page.get_by_role("button", name="Continue with your Microsoft work account").click()
    page.get_by_role("alert").get_by_text(
        "Your organisation cannot sign in here with its own accounts yet.").wait_for()
    assert session_cookie(page) is None
    assert page.watcher.errors == []
