"""The sign-in page's state, and who a page sees as signed in: from the websocket's cookie
header (the session's reference), never the token (the form itself posts to the backend:
tests/domain/test_signing_in_endpoints.py)."""

from __future__ import annotations

import pickle

from sqlmodel import Session

from dashboard.domain.auth import create_user, session_ref, start_session
from dashboard.domain.signing_in import demo_account_key
from dashboard.models import Role, Setting
from state.base import AppState
from state.sign_in import SignInState
from tests.state.conftest import connect


def sign_in_page(make_state, query: str, lang: str = "en") -> SignInState:
    state = make_state(SignInState, lang=lang)
    state.router = type(state.router)(
        headers=state.router.headers,
        url=type(state.router.url)(f"http://localhost/sign-in?{query}"))
    state.load()
    return state


def test_a_refusal_comes_back_as_a_code_and_is_shown_in_both_languages(db, make_state):
    state = sign_in_page(make_state, "problem=wrong&next=/events/3")
    assert state.problem == "The email address or password is not right."
    assert state.next_page == "/events/3"
    state.lang = "cy"
    assert state.problem == "Mae'r cyfeiriad e-bost neu'r cyfrinair yn anghywir."


def test_too_many_attempts_says_how_long_to_wait_in_both_languages(db, make_state):
    state = sign_in_page(make_state, "problem=throttled&minutes=14")
    assert state.problem == "Too many attempts to sign in. Try again in 14 minutes."
    state.lang = "cy"
    assert state.problem == ("Gormod o ymdrechion i fewngofnodi. Rhowch gynnig arall ymhen "
                             "14 munud.")
    # Only codes the site knows, with a number of minutes, become messages.
    assert sign_in_page(make_state, "problem=throttled&minutes=soon").problem == ""
    assert sign_in_page(make_state, "problem=<script>").problem == ""


def test_going_back_after_signing_in_stays_on_this_site(db, make_state):
    for unsafe in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "/sign-in"):
        assert sign_in_page(make_state, f"next={unsafe}").next_page == "/"


def test_a_page_sees_the_user_from_the_cookie_and_reflex_never_holds_the_token(
        db, make_state, sign_in_as):
    token = sign_in_as(Role.STEERING)
    page = make_state(AppState, token=token)
    page.load_session()
    assert page.role == "steering" and page.user_name == "Steering" and page.signed_in
    # What Reflex persists (its state manager pickles the state, router headers included)
    # has the session's reference, which signs no one in, and not the token.
    stored = pickle.dumps(page.parent_state or page) + pickle.dumps(page)
    assert token.encode() not in stored
    assert session_ref(token).encode() in stored


def test_a_reference_cookie_made_up_by_the_browser_signs_no_one_in(db, make_state, sign_in_as):
    """Someone holding a copy of the database has the references: sending one as a cookie
    of their own gets them nowhere (dashboard/api.py drops it)."""
    ref = session_ref(sign_in_as(Role.ADMIN))
    page = make_state(AppState)
    from reflex.constants import RouteVar
    from reflex.istate.data import RouterData

    from dashboard.api import websocket_cookie_header

    page.router = RouterData.from_router_data({RouteVar.HEADERS: {
        "host": "localhost:3000",
        "cookie": websocket_cookie_header(f"cymuned_session_ref={ref}")}})
    page.load_session()
    assert page.role == "visitor" and not page.signed_in


def test_a_new_connection_without_the_cookie_is_a_visitor(db, make_state, sign_in_as):
    page = make_state(AppState, token=sign_in_as(Role.MEMBER))
    page.load_session()
    assert page.role == "member"
    connect(page)  # signed out: the next page load's connection has no session cookie
    page.load_session()
    assert page.role == "visitor" and page.user_name == ""


def test_demo_roles_are_offered_only_with_the_demo_data(db, make_state):
    with Session(db) as session:
        user = create_user(session, email="demo@example.org", display_name="Demo",
                           role=Role.MEMBER)
        session.add(Setting(key=demo_account_key(Role.MEMBER), value=str(user.id)))
        session.commit()
    assert sign_in_page(make_state, "").demo_roles == []
    with Session(db) as session:
        session.add(Setting(key="dataset", value="demo"))
        session.commit()
    assert sign_in_page(make_state, "").demo_roles == ["member"]


def test_signing_out_everywhere_is_confirmed(db, make_state):
    state = sign_in_page(make_state, "done=everywhere")
    assert state.notice == "You are signed out on every device and browser."


def test_organisation_sign_in_shows_only_when_configured(db, make_state, monkeypatch):
    assert sign_in_page(make_state, "").organisation_sign_in is False
    for name, value in {"CLIENT_ID": "app", "CLIENT_SECRET": "secret",
                        "AUTHORITY": "https://login.example/organizations/v2.0",
                        "ALLOWED_TENANTS": "tenant-a"}.items():
        monkeypatch.setenv(f"CYMUNED_OIDC_{name}", value)
    assert sign_in_page(make_state, "").organisation_sign_in is True


def test_an_expired_session_is_a_visitor(db, make_state, monkeypatch):
    from datetime import timedelta

    from dashboard.models import User, utcnow

    with Session(db) as session:
        user = create_user(session, email="old@example.org", display_name="Old",
                           role=Role.MEMBER)
        token = start_session(session, user, now=utcnow() - timedelta(hours=2))
        session.commit()
        assert session.get(User, user.id)
    page = make_state(AppState, token=token)
    page.load_session()
    assert page.role == "visitor"  # idle for 2 hours, more than the default 60 minutes
    monkeypatch.setenv("CYMUNED_SESSION_IDLE_MINUTES", "180")
    page.load_session()
    assert page.role == "member"
