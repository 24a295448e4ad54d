"""The mail connector against a real SMTP server on 127.0.0.1 (aiosmtpd), and the letters
that invitations and resets send through it."""

from __future__ import annotations

import email
import socket
import threading
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from dashboard.connectors.mail import Letter, MailFailed, MailSettings, mail_configured, send
from dashboard.domain.accounts import delivery

# The test server takes a login without TLS (it is on this machine); it warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        self.arrived.set()
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"cymuned" and auth_data.password == b"mail secret"
    return AuthResult(success=ok)


def start_server(monkeypatch, auth_required: bool = False):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_required=auth_required, auth_require_tls=False)
    controller.start()
    monkeypatch.setenv("CYMUNED_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CYMUNED_SMTP_PORT", str(port))
    monkeypatch.setenv("CYMUNED_SMTP_STARTTLS", "false")
    monkeypatch.setenv("CYMUNED_SMTP_FROM", "Cymuned <cymuned@example.org>")
    return inbox, controller


@pytest.fixture
def smtp(monkeypatch):
    inbox, controller = start_server(monkeypatch)
    yield inbox
    controller.stop()


@pytest.fixture
def smtp_with_login(monkeypatch):
    inbox, controller = start_server(monkeypatch, auth_required=True)
    yield inbox
    controller.stop()


LETTER = Letter(to="siân@example.org", subject="Eich gwahoddiad i Cymuned",
                body="Annwyl Siân,\n\nhttps://cymuned.example/invitation/abc", language="cy")


def test_a_letter_arrives_with_its_language_and_welsh_text(smtp):
    assert mail_configured()
    send(LETTER)
    message = smtp.messages[-1]
    assert message["To"] == "siân@example.org"
    assert message["From"] == "Cymuned <cymuned@example.org>"
    assert message["Subject"] == "Eich gwahoddiad i Cymuned"
    assert message["Content-Language"] == "cy"
    assert "Annwyl Siân" in message.get_content()


def test_it_logs_in_when_a_user_is_set(smtp_with_login, monkeypatch):
    with pytest.raises(MailFailed, match="could not be sent"):  # the server wants a login
        send(LETTER)
    monkeypatch.setenv("CYMUNED_SMTP_USER", "cymuned")
    monkeypatch.setenv("CYMUNED_SMTP_PASSWORD", "mail secret")
    send(LETTER)
    assert len(smtp_with_login.messages) == 1


def test_a_password_is_never_sent_unencrypted_across_a_network():
    settings = MailSettings(host="smtp.example.org", port=25, sender="a@example.org",
                            user="cymuned", password="secret", starttls=False)
    with pytest.raises(MailFailed, match="unencrypted"):
        send(LETTER, settings)


def test_an_unreachable_server_is_a_clear_failure(monkeypatch):
    # Nothing listens on that port.
    settings = MailSettings(host="127.0.0.1", port=free_port(), sender="a@example.org",
                            starttls=False)
    with pytest.raises(MailFailed, match="could not be sent"):
        send(LETTER, settings)


def test_settings_default_to_starttls_on_587(monkeypatch):
    monkeypatch.delenv("CYMUNED_SMTP_HOST", raising=False)
    assert MailSettings.from_environment() is None and not mail_configured()
    monkeypatch.setenv("CYMUNED_SMTP_HOST", "smtp.example.org")
    settings = MailSettings.from_environment()
    assert (settings.port, settings.starttls, settings.sender) == (
        587, True, "cymuned@smtp.example.org")


def test_deliver_later_sends_in_the_background(smtp):
    delivery.deliver_later(LETTER)
    assert smtp.arrived.wait(timeout=10)
    assert smtp.messages[-1]["To"] == "siân@example.org"
