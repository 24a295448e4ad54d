"""Asking for a link to reset a forgotten password. The answer never says whether the email
address has an account; asking is rate-limited per client address."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.accounts import rate_limits
from dashboard.domain.accounts.delivery import deliver_later, mail_configured
from dashboard.domain.accounts.links import PASSWORD_RESET, lifetime
from dashboard.domain.accounts.password_reset import request_password_reset
from dashboard.domain.auth import validate_email
from dashboard.domain.clock import utc_now
from dashboard.domain.errors import InvalidInput
from state.base import AppState, site_url


class ForgotPasswordState(AppState):
    sent: bool = False

    @rx.event
    def load(self):
        self.sent = False

    @rx.event
    def submit(self, form: dict):
        self._clear_notice()
        try:
            email = validate_email(str(form.get("email", "")))
        except InvalidInput as error:
            self._say(error.msgid, error=True, **error.params)
            return
        if not rate_limits.allow(rate_limits.PASSWORD_RESET, self.router.session.client_ip):
            self._say("Too many requests from your network. Wait a few minutes and try again.",
                      error=True)
            return
        if not mail_configured():
            self._say("This site does not send email yet. Ask the steering group to make you "
                      "a link to set a new password.", error=True)
            return
        letter = self._change(lambda session, actor: request_password_reset(
            session, actor, email, utc_now(), site_url()))
        deliver_later(letter)
        self.sent = True
        hours = int(lifetime(PASSWORD_RESET).total_seconds() // 3600)
        self._say("If {email} has an account, we have emailed it a link to choose a new "
                  "password. The link works once, for {hours} hours.", email=email, hours=hours)
