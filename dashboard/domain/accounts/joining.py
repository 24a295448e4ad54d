"""The public join form's answer, which never says whether an email address is known."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from dashboard.connectors.mail import Letter
from dashboard.domain.accounts import letters
from dashboard.domain.auth import Actor
from dashboard.domain.membership.joining import AlreadyKnown, JoinForm, request_to_join


def ask_to_join(session: Session, actor: Actor, form: JoinForm, now: datetime,
                site: str) -> Letter | None:
    """Record the request (a pending member), or, when the email is already a member's or a
    request's, write nothing and return the letter that tells that person so. Either way the
    caller shows the same confirmation; a mistake in the form is still an InvalidInput."""
    try:
        request_to_join(session, actor, form, now)
    except AlreadyKnown as known:
        return letters.already_known(site, known.email, known.full_name, known.language)
    return None
