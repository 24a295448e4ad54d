"""The invitation page: the person sets a password and their member account is made."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.accounts.invitations import accept_invitation, open_invitation
from dashboard.domain.clock import utc_now
from state.base import AppState


class InvitationState(AppState):
    name: str = ""
    email: str = ""
    has_account: bool = False  # an account with this email exists: its password links it
    done: bool = False

    @rx.event
    def load(self):
        self.done = False
        view = self._read(lambda session, actor: open_invitation(session, self._url_part(),
                                                                 utc_now()))
        self.name, self.email, self.has_account = (
            (view.name, view.email, view.has_account) if view else ("", "", False))

    @rx.event
    def submit(self, form: dict):
        self._clear_notice()
        password, confirm = str(form.get("password", "")), str(form.get("confirm", ""))
        email = self._change(lambda session, actor: accept_invitation(
            session, self._url_part(), password, confirm, utc_now()))
        if email is not None:
            self.done = True
            self._say("Your account is ready. Sign in with {email} and your password.",
                      email=email)
