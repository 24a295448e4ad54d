"""Sign-in page: signing in with a local account (signing out is on every page: AppState)."""

from __future__ import annotations

import reflex as rx

from dashboard import routes
from dashboard.domain.auth import validate_email
from dashboard.domain.errors import InvalidInput
from dashboard.domain.signing_in import sign_in
from state.base import AppState


class SignInState(AppState):

    @rx.event
    def sign_in(self, form: dict):
        """The form has ``novalidate``: these checks, in the reader's language, stand in for
        the browser's own (English-only) bubbles."""
        email = (form.get("email") or "").strip()
        password = form.get("password") or ""
        if not email or not password:
            self.problem_text = self._in_both("Enter your email address and password.")
            return
        try:
            validate_email(email)
        except InvalidInput as error:
            self.problem_text = self._in_both(error.msgid, **error.params)
            return
        with rx.session() as session:
            signed_in = sign_in(session, email, password)
            session.commit()
        if signed_in is None:
            self.problem_text = self._in_both("The email address or password is not right.")
            return
        self.session_token = signed_in.token
        self.user_name = signed_in.actor.display_name
        self.role = signed_in.actor.role.value
        self.problem_text = {}
        return rx.redirect(routes.OVERVIEW)
