"""Sending email through the installation's mail server (SMTP), with the standard library.

Configured by environment; with no ``CYMUNED_SMTP_HOST`` nothing is sent and the app shows
the steering group the links it would have mailed (``mail_configured()`` says which).

    CYMUNED_SMTP_HOST       the server (unset: no mail)
    CYMUNED_SMTP_PORT       default 587 with STARTTLS, else 25
    CYMUNED_SMTP_USER       with CYMUNED_SMTP_PASSWORD: log in (only after STARTTLS, unless
    CYMUNED_SMTP_PASSWORD   the server is on this machine)
    CYMUNED_SMTP_FROM       the From address, e.g. "Cymuned <cymuned@example.gov.wales>"
    CYMUNED_SMTP_STARTTLS   "true" (default) or "false"
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from dashboard.errors import MessageError

TIMEOUT_SECONDS = 15
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class MailFailed(MessageError):
    """The mail server could not be reached or refused the message."""


@dataclass(frozen=True)
class Letter:
    """One plain-text email to one person."""

    to: str
    subject: str
    body: str
    language: str = "en"


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    user: str = ""
    password: str = ""
    starttls: bool = True

    @classmethod
    def from_environment(cls) -> MailSettings | None:
        host = os.environ.get("CYMUNED_SMTP_HOST", "").strip()
        if not host:
            return None
        starttls = os.environ.get("CYMUNED_SMTP_STARTTLS", "true").strip().lower() not in (
            "false", "0", "no", "off")
        port = os.environ.get("CYMUNED_SMTP_PORT", "").strip()
        return cls(
            host=host, port=int(port) if port.isdigit() else (587 if starttls else 25),
            sender=os.environ.get("CYMUNED_SMTP_FROM", "").strip() or f"cymuned@{host}",
            user=os.environ.get("CYMUNED_SMTP_USER", ""),
            password=os.environ.get("CYMUNED_SMTP_PASSWORD", ""),
            starttls=starttls,
        )


def mail_configured() -> bool:
    return MailSettings.from_environment() is not None


def compose(letter: Letter, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = letter.to
    message["Subject"] = letter.subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    message.set_content(letter.body)
    message["Content-Language"] = letter.language  # after set_content, which resets Content-*
    return message


def send(letter: Letter, settings: MailSettings | None = None) -> None:
    """Send one letter; MailFailed with the reason when it cannot be sent. Blocking: call it
    off the event loop."""
    settings = settings or MailSettings.from_environment()
    if settings is None:
        raise MailFailed("No mail server is set up.")
    if settings.user and not settings.starttls and settings.host not in LOCAL_HOSTS:
        # A password is never sent in clear text across a network.
        raise MailFailed("The mail server's password would be sent unencrypted: turn on "
                         "STARTTLS.")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password)
            smtp.send_message(compose(letter, settings.sender))
    except (OSError, smtplib.SMTPException) as error:
        raise MailFailed("The email could not be sent: {reason}",
                         reason=str(error) or type(error).__name__) from error
