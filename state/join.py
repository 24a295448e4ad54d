"""The public join form: a request the steering group approves or declines.

The organisation is a body picker (``state.body_picker``): the state holds the chosen body
and the few that match what is typed, never the registry's 2,000 bodies (which the state
manager would read and write on every event). A body not in the registry is "not in the
list" (``OTHER_BODY``), named in a field of its own.
"""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from dashboard.domain.accounts import rate_limits
from dashboard.domain.accounts.delivery import deliver_later
from dashboard.domain.accounts.joining import ask_to_join
from dashboard.domain.clock import utc_now
from dashboard.domain.membership.joining import OTHER_BODY as OTHER_BODY  # for the page
from dashboard.domain.membership.joining import JoinForm
from dashboard.i18n import normalise_language
from state.base import AppState, site_url
from state.body_picker import BodyChoice, BodyPicker

JOIN_BODY_PICKER = "join-body"


class JoinState(BodyPicker, AppState):
    body_picker_id: ClassVar[str] = JOIN_BODY_PICKER
    organisation: str = ""  # the chosen body's id, OTHER_BODY, or nothing yet
    preferred_language: str = ""  # chosen on the form; nothing yet: the page's language
    sent: bool = False

    def _language_shown(self) -> str:
        """The preferred language the form offers: the one the person chose, otherwise the
        language the form is shown in (Welsh for a reader of the Welsh page). The page
        works it out in the browser (``pages.join``): a computed var reading AppState's
        ``lang`` would make the state manager read and write this state on every event of
        every page."""
        return self.preferred_language or normalise_language(self.lang)

    @rx.event
    def load(self):
        self.sent = False
        self.organisation = ""
        self.preferred_language = ""
        self._show_body(None)

    async def _body_chosen(self, chosen: BodyChoice | None):
        """The body picker chose a body (None: the box was emptied)."""
        self.organisation = str(chosen.id) if chosen else ""
        return rx.call_script(self._show_chosen())

    @rx.event
    async def set_not_listed(self, ticked: bool):
        """"My organisation is not in the list": ticked, the body chosen in the box (if any)
        goes and the page asks for the organisation's name; unticked, none is chosen yet."""
        emptied = await self._choose(None)
        self.organisation = OTHER_BODY if ticked is True else ""
        return emptied

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
            language=str(form.get("language") or self._language_shown()),
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
