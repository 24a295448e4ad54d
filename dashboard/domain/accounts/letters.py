"""The emails accounts send, each in the person's own language (plain text)."""

from __future__ import annotations

from datetime import datetime

from dashboard import routes
from dashboard.connectors.mail import Letter
from dashboard.domain.accounts.links import IssuedLink
from dashboard.domain.clock import BABEL_LOCALES, to_local
from dashboard.i18n import normalise_language, translate


def link_url(site: str, link: IssuedLink) -> str:
    """The full address of a link, on the site's own address (never a request's Host
    header, which a stranger could choose)."""
    page = routes.invitation_page if link.purpose == "invitation" else routes.reset_password_page
    return site.rstrip("/") + page(link.token)


def _until(moment: datetime, lang: str) -> str:
    from babel.dates import format_datetime

    return format_datetime(to_local(moment), "d MMMM yyyy, HH:mm", locale=BABEL_LOCALES[lang])


def invitation(site: str, to: str, name: str, lang: str, link: IssuedLink) -> Letter:
    lang = normalise_language(lang)
    body = translate(
        "Dear {name},\n\nWelcome to Cymuned, the Welsh public sector's automation and AI "
        "community of practice: the steering group has approved your request to join.\n\n"
        "Set a password for your account with this link (it works once, until {until}):\n"
        "{url}\n\nThen sign in with your email address and that password to register for "
        "events.\n\nIf you did not ask to join, you can ignore this email.",
        lang, name=name, until=_until(link.expires_at, lang), url=link_url(site, link))
    return Letter(to=to, subject=translate("Your invitation to Cymuned", lang), body=body,
                  language=lang)


def password_reset(site: str, to: str, name: str, lang: str, link: IssuedLink) -> Letter:
    lang = normalise_language(lang)
    body = translate(
        "Dear {name},\n\nSomeone, we hope you, asked to reset the password of your Cymuned "
        "account. Choose a new password with this link (it works once, until {until}):\n"
        "{url}\n\nWhen you do, you are signed out everywhere.\n\nIf you did not ask, you can "
        "ignore this email: your password stays as it is.",
        lang, name=name, until=_until(link.expires_at, lang), url=link_url(site, link))
    return Letter(to=to, subject=translate("Reset your Cymuned password", lang), body=body,
                  language=lang)


def already_known(site: str, to: str, name: str, lang: str) -> Letter:
    lang = normalise_language(lang)
    site = site.rstrip("/")
    body = translate(
        "Dear {name},\n\nSomeone, we hope you, asked to join Cymuned with this email address. "
        "We already have a membership or a request to join for it, so we made no new "
        "request.\n\nIf you have an account, sign in at {sign_in}\nIf you have forgotten your "
        "password, ask for a new one at {forgot}\n\nIf it was not you, you can ignore this "
        "email.",
        lang, name=name, sign_in=site + routes.SIGN_IN, forgot=site + routes.FORGOT_PASSWORD)
    return Letter(to=to, subject=translate("Your request to join Cymuned", lang), body=body,
                  language=lang)
