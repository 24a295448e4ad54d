"""The state every page builds on: language, who is signed in, and the change guard.

Page states subclass AppState directly (one level, kept flat) so they can read the language
and resolve the actor. Data-changing handlers go through ``AppState._change``: it resolves
the actor from the database on every call (never from client-side vars), runs the domain
function in one transaction, and turns a domain error into a message in the user's language.

Who is signed in comes from the Cookie header of the page's websocket connection, in which
dashboard/api.py has replaced the HttpOnly session cookie with its reference: the state
never holds the token itself (Reflex keeps these headers on disk or in Redis). Signing in
and out happen on backend routes (dashboard/endpoints/signing_in.py), which set the cookie;
a page loaded afterwards opens a new connection that carries it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from dashboard.domain.auth import (
    SESSION_REF_COOKIE,
    Actor,
    actor_for_session_ref,
    cookie_value,
    has_role,
    keep_session_alive,
)
from dashboard.domain.dataset import is_demo_data
from dashboard.domain.errors import DomainError
from dashboard.i18n import in_both, normalise_language, translate
from dashboard.models import Role
from state.live import forget_cached_figures

ONE_YEAR = 365 * 24 * 3600
log = logging.getLogger(__name__)
T = TypeVar("T")


def backend_url() -> str:
    """Where the backend serves its own routes (feeds, exports), without a trailing slash."""
    from reflex.config import get_config

    return get_config().api_url.rstrip("/")


def site_url() -> str:
    """The site's own address (REFLEX_DEPLOY_URL), for links in emails and invitations: never
    a request's Host header, which a stranger could choose."""
    from reflex.config import get_config

    return get_config().deploy_url.rstrip("/")


def show_address(url: str, then: str = "") -> rx.event.EventSpec:
    """Put ``url`` in the address bar after a view changed in place (``components.in_page``,
    the Members page's filters), so it can be shared or reloaded; ``then``: more script to
    run. It replaces the entry: a new one would be one React Router never saw, and Back to
    it would change the address without the view."""
    script = f"window.history.replaceState(null, '', {json.dumps(url)})"
    return rx.call_script(script + (f"; {then}" if then else ""))


class AppState(rx.State):
    lang: str = rx.Cookie("en", name="cymuned_lang", max_age=ONE_YEAR, same_site="lax")
    user_name: str = ""
    role: str = Role.VISITOR.value
    is_demo: bool = False
    # The last message for the user, e.g. why a change was refused; and a page's standing
    # message, e.g. why it has nothing to show. Both kept in English and Welsh, so they
    # follow the language switch.
    notice_text: dict[str, str] = {}
    notice_is_error: bool = False
    problem_text: dict[str, str] = {}
    # Who is signed in: the session's reference (never its token), read from the connection
    # on every page load. Backend only: never sent to the browser.
    _session_ref: str = ""
    # Whether this tab's session was read (``_load_session``): False in a state the server
    # lost (expired, or Redis restarted), which an open page's check-in then loads again.
    _session_checked: bool = False

    @rx.var
    def is_welsh(self) -> bool:
        return self.lang == "cy"

    @rx.var
    def notice(self) -> str:
        return self.notice_text.get(normalise_language(self.lang), "")

    @rx.var
    def problem(self) -> str:
        return self.problem_text.get(normalise_language(self.lang), "")

    @rx.var
    def signed_in(self) -> bool:
        return self.role != Role.VISITOR.value

    @rx.var
    def can_steer(self) -> bool:
        return self.role in (Role.STEERING.value, Role.ADMIN.value)

    @rx.event
    def set_language(self, lang: str):
        self.lang = normalise_language(lang)

    @rx.event
    def load_session(self):
        """Refresh who is signed in (a page load does this in its one event, see
        state/page_load.py; kept as an event for tests and callers outside a page load)."""
        self._load_session()

    def _load_session(self) -> None:
        """Who is signed in, from the connection's cookie, checked against the database (on
        every page load, which also counts as activity for the session's idle timeout)."""
        self.notice_text, self.problem_text = {}, {}
        if self.router.headers.host:
            # A real connection always names its host; a router without headers (a test
            # that sets only the URL) says nothing about the session, so it is kept.
            self._session_ref = self._connection_session_ref()
        with rx.session() as session:
            self.is_demo = is_demo_data(session)
            keep_session_alive(session, self._session_ref)
            session.commit()
            actor = self._actor(session)
        self.user_name = actor.display_name
        self.role = actor.role.value
        self._session_checked = True

    def _connection_session_ref(self) -> str:
        """The session's reference from the connection's cookies ("" for a visitor)."""
        return cookie_value(self.router.headers.cookie, SESSION_REF_COOKIE)

    def _actor(self, session: Session) -> Actor:
        return actor_for_session_ref(session, self._session_ref)

    def _t(self, msgid: str, **params: Any) -> str:
        return translate(msgid, normalise_language(self.lang), **params)

    def _in_both(self, msgid: str, **params: Any) -> dict[str, str]:
        """A server message in English and Welsh ({"en": ..., "cy": ...}), for text that
        stays on screen: the language switch works in the browser, so a list translated
        once, on the server, would stay in the language it was made in."""
        return in_both(msgid, **params)

    def _say(self, msgid: str, error: bool = False, **params: Any) -> None:
        self.notice_text = self._in_both(msgid, **params)
        self.notice_is_error = error

    def _clear_notice(self) -> None:
        self.notice_text = {}

    def _change(self, operation: Callable[[Session, Actor], T]) -> T | None:
        """Run one data-changing domain operation for the current actor, in one transaction.

        The domain operation itself calls ``require_role`` (the guard) and writes the audit
        entry; a DomainError rolls everything back and becomes the notice.
        """
        with rx.session() as session:
            try:
                actor = self._actor(session)
                result = operation(session, actor)
                session.commit()
                forget_cached_figures()
            except DomainError as error:
                session.rollback()
                self._say(error.msgid, error=True, **error.params)
                return None
            except SQLAlchemyError:
                # A database failure (locked, disconnected, a constraint): nothing was
                # committed; the person gets a message, the log gets the details.
                log.exception("A change failed in the database")
                session.rollback()
                self._say("Something went wrong while saving. Nothing was changed. "
                          "Please try again.", error=True)
                return None
        return result

    def _read(self, fetch: Callable[[Session, Actor], T]) -> T | None:
        """Run one read-only domain function for the current actor.

        A DomainError (no such record, not allowed to see it) becomes the page's standing
        problem, in both languages, and the result is None: a page shows the message, never
        a stack trace. Pair with ``dashboard.domain.errors.parse_id`` for ids from the URL.
        """
        if self.problem_text:  # an assignment marks AppState changed: written and sent again
            self.problem_text = {}
        with rx.session() as session:
            try:
                actor = self._actor(session)
                return fetch(session, actor)
            except DomainError as error:
                self.problem_text = self._in_both(error.msgid, **error.params)
                return None
            except SQLAlchemyError:
                log.exception("A read failed in the database")
                session.rollback()
                self._say("Something went wrong while reading from the database. Please "
                          "try again.", error=True)
                return None

    def _url_part(self) -> str:
        """The last part of the page's path, e.g. the id in /events/<id> (router.page, with
        its params, is deprecated)."""
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    def _has_role(self, minimum: Role) -> bool:
        with rx.session() as session:
            return has_role(self._actor(session), minimum)
