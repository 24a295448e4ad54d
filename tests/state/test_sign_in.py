"""Signing in and out through the handlers."""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.models import AuditEntry, Role, UserSession
from state.base import AppState
from state.sign_in import SignInState


def test_wrong_password_is_refused_without_saying_which_part(db, make_state, sign_in_as):
    sign_in_as(Role.MEMBER, email="siân@example.org")
    state = make_state(SignInState)
    state.sign_in({"email": "siân@example.org", "password": "not the password"})
    assert state.problem == "The email address or password is not right."
    assert state.session_token == ""
    state.sign_in({"email": "nobody@example.org", "password": "not the password"})
    assert state.problem == "The email address or password is not right."


def test_empty_form_says_what_is_missing(db, make_state):
    state = make_state(SignInState)
    state.sign_in({"email": " ", "password": ""})
    assert state.problem == "Enter your email address and password."
    # The message follows the language switch, made after it was shown.
    state.lang = "cy"
    assert state.problem not in ("", "Enter your email address and password.")


def test_sign_in_then_out(db, make_state, sign_in_as):
    sign_in_as(Role.STEERING, email="rhys@example.org")
    state = make_state(SignInState)
    # Email matched however it is typed: spaces and capitals.
    state.sign_in({"email": " Rhys@Example.org ", "password": "correct horse battery staple"})
    assert state.problem == "" and state.session_token and state.role == "steering"
    token = state.session_token

    page = make_state(AppState, token=token)
    page.load_session()
    assert page.role == "steering" and page.user_name == "Steering"

    def sessions() -> int:
        with Session(db) as session:
            return len(session.exec(select(UserSession)).all())

    before = sessions()
    state.sign_out()  # AppState's, from the shell on every page
    assert state.session_token == "" and state.role == "visitor"
    assert sessions() == before - 1
    page.load_session()
    assert page.role == "visitor" and page.session_token == ""
    with Session(db) as session:
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-2:] == ["sign_in", "sign_out"]


def test_an_email_address_in_the_wrong_format_is_named_in_both_languages(db, make_state):
    """The form has ``novalidate``: the server's message replaces the browser's bubble."""
    state = make_state(SignInState)
    state.sign_in({"email": "rhys.example.org", "password": "a password"})
    assert state.problem == "Enter an email address in the correct format, like name@example.org"
    state.lang = "cy"
    assert state.problem == "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org"
    with Session(db) as session:
        assert session.exec(select(AuditEntry)).all() == []
