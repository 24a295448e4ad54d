"""Choosing a new password with a reset link; every session of the account then ends."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.accounts.password_reset import open_reset, reset_password
from dashboard.domain.clock import utc_now
from state.base import AppState


class ResetPasswordState(AppState):
    email: str = ""
    done: bool = False

    @rx.event
    def load(self):
        self.done = False
        email = self._read(lambda session, actor: open_reset(session, self._url_part(),
                                                             utc_now()))
        self.email = email or ""

    @rx.event
    def submit(self, form: dict):
        self._clear_notice()
        password, confirm = str(form.get("password", "")), str(form.get("confirm", ""))
        email = self._change(lambda session, actor: reset_password(
            session, self._url_part(), password, confirm, utc_now()))
        if email is not None:
            self.done = True
            self._say("Your password has been changed, and you have been signed out "
                      "everywhere. Sign in with {email} and your new password.", email=email)
