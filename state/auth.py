"""Signing in and out with a local account."""

from __future__ import annotations

import reflex as rx

from dashboard import routes
from dashboard.domain.audit import record
from dashboard.domain.auth import Actor, authenticate, end_session, start_session
from dashboard.models import Role
from state.base import AppState


class SignInState(AppState):

    @rx.event
    def sign_in(self, form: dict):
        email = (form.get("email") or "").strip()
        password = form.get("password") or ""
        if not email or not password:
            self.problem_text = self._in_both("Enter your email address and password.")
            return
        with rx.session() as session:
            user = authenticate(session, email, password)
            if user is None:
                session.commit()
                self.problem_text = self._in_both("The email address or password is not right.")
                return
            self.session_token = start_session(session, user)
            record(session, Actor(user.id, Role(user.role), user.email), "sign_in", "user", user.id)
            session.commit()
            self.user_name = user.display_name
            self.role = user.role
        self.problem_text = {}
        return rx.redirect(routes.OVERVIEW)

    @rx.event
    def sign_out(self):
        with rx.session() as session:
            end_session(session, self.session_token)
            session.commit()
        self.session_token = ""
        self.user_name = ""
        self.role = Role.VISITOR.value
        return rx.redirect(routes.OVERVIEW)
