"""The public join form: a request the steering group approves or declines."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.accounts import rate_limits
from dashboard.domain.accounts.delivery import deliver_later
from dashboard.domain.accounts.joining import ask_to_join
from dashboard.domain.clock import utc_now
from dashboard.domain.membership.bodies import BodyOption, registry_bodies
from dashboard.domain.membership.joining import OTHER_BODY as OTHER_BODY  # for the page
from dashboard.domain.membership.joining import JoinForm
from dashboard.i18n import normalise_language
from state.base import AppState, site_url
from state.rows import Bilingual


@dataclass(frozen=True)
class BodyChoice:
    """A body in the registry, as the join form and the directory's filter offer it."""

    id: int
    name: Bilingual


def body_choices(options: list[BodyOption]) -> list[BodyChoice]:
    return [BodyChoice(id=b.id, name=Bilingual(b.name_en, b.name_cy)) for b in options]


class JoinState(AppState):
    body_options: list[BodyChoice] = []
    organisation: str = ""  # the chosen body's id, OTHER_BODY, or nothing yet
    preferred_language: str = ""  # chosen on the form; nothing yet: the page's language
    sent: bool = False

    @rx.var
    def language_shown(self) -> str:
        """The preferred language the form offers: the one the person chose, otherwise the
        language the form is shown in (Welsh for a reader of the Welsh page)."""
        return self.preferred_language or normalise_language(self.lang)

    @rx.event
    def load(self):
        self.sent = False
        self.organisation = ""
        self.preferred_language = ""
        if not self.body_options:
            with rx.session() as session:
                self.body_options = body_choices(registry_bodies(session))

    @rx.event
    def set_organisation(self, value: str):
        self.organisation = value

    @rx.event
    def set_preferred_language(self, value: str):
        self.preferred_language = normalise_language(value)

    @rx.event
    def submit(self, form: dict):
        self._clear_notice()
        request = JoinForm(
            full_name=str(form.get("full_name", "")), email=str(form.get("email", "")),
            organisation=str(form.get("organisation", "")),
            organisation_other=str(form.get("organisation_other", "")),
            job_title=str(form.get("job_title", "")), interests=str(form.get("interests", "")),
            language=str(form.get("language") or self.language_shown),
            consent=form.get("consent") in (True, "on", "true", "1"),
        )
        if not rate_limits.allow(rate_limits.JOIN, self.router.session.client_ip):
            self._say("Too many requests from your network. Wait a few minutes and try again.",
                      error=True)
            return
        # The same answer whether or not the email is known (a known person is told by
        # email, in the background, so the answer takes no longer either).
        outcome = self._change(lambda session, actor: (ask_to_join(
            session, actor, request, utc_now(), site_url()),))
        if outcome is not None:
            deliver_later(outcome[0])
            self.sent = True
            self._say("Thank you. The steering group will look at your request and reply by email.")
