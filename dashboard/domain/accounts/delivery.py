"""Sending the letters accounts write, through the mail connector, after the change that
made them has been committed (a rolled-back change never sends a link that does not work).
"""

from __future__ import annotations

import logging
import threading

from dashboard.connectors.mail import Letter, MailFailed, mail_configured, send

log = logging.getLogger(__name__)

__all__ = ["MailFailed", "deliver", "deliver_later", "mail_configured"]


def deliver(letter: Letter) -> None:
    """Send now (blocking: call it off the event loop); MailFailed says why it could not."""
    send(letter)


def deliver_later(letter: Letter | None) -> None:
    """Send in the background, when mail is set up. For answers that must take the same
    time whether or not an email address is known (the join form, a forgotten password):
    waiting for the mail server would tell a stranger which addresses have an account."""
    if letter is None or not mail_configured():
        return

    def run() -> None:
        try:
            send(letter)
        except MailFailed as error:
            log.warning("an account email was not sent: %s", error)

    threading.Thread(target=run, name="cymuned-mail", daemon=True).start()
