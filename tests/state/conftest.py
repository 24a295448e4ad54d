"""Helpers for testing state handlers without a browser: the state tree is built directly
and handlers are called as methods; rx.session() talks to the test database."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session

from dashboard.domain.auth import create_user, start_session
from dashboard.models import Role


def connect(state, token: str = "") -> None:
    """What a page's websocket brings: the Cookie header, after dashboard/api.py has swapped
    the HttpOnly session cookie (``token``) for its reference, as Reflex sees it; then a
    page load (AppState.load_session) reads it."""
    from reflex.constants import RouteVar
    from reflex.istate.data import RouterData

    from dashboard.api import websocket_cookie_header

    cookie = websocket_cookie_header(f"cymuned_lang=en; cymuned_session={token}" if token
                                     else "cymuned_lang=en")
    state.router = RouterData.from_router_data({RouteVar.HEADERS: {"host": "localhost:3000",
                                                                   "cookie": cookie}})
    state._session_ref = state._connection_session_ref()


@pytest.fixture
def make_state(db):
    def make(state_class, token: str = "", lang: str = "en"):
        root = rx.State(_reflex_internal_init=True)
        state = root.get_substate(state_class.get_full_name().split(".")[1:])
        connect(state, token)
        state.lang = lang
        return state

    return make


@pytest.fixture
def sign_in_as(db):
    """A session token for a new user with the given role."""

    def sign_in(role: Role, email: str | None = None) -> str:
        with Session(db) as session:
            user = create_user(session, email=email or f"{role.value}@example.org",
                               display_name=role.value.title(), role=role,
                               password="correct horse battery staple")
            token = start_session(session, user)
            session.commit()
        return token

    return sign_in
