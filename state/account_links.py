"""A building block for the steering group's screens that make links to set a password (the
requests to join, a member's profile): mail the link when a mail server is set up,
otherwise keep it on screen to copy and send."""

from __future__ import annotations

import asyncio

import reflex as rx

from dashboard.domain.accounts.delivery import MailFailed, deliver, mail_configured
from dashboard.domain.accounts.invitations import Decision


class LinkSharing(rx.State, mixin=True):
    """Mixin (listed before AppState, which gives it ``_say``): ``link_url`` is the link to
    show, else empty."""

    link_url: str = ""
    link_for: str = ""

    @rx.event
    def hide_link(self):
        self.link_url = self.link_for = ""

    async def _share(self, decision: Decision) -> None:
        """Say what was decided, and send the link or show it."""
        self.link_url = self.link_for = ""
        name, joined = decision.name, decision.joined
        if not decision.approved:
            self._say("The request from {name} was declined.", name=name)
            return
        if decision.letter is None:
            self._say("{name} is now a member.", name=name)
            return
        if not mail_configured():
            self.link_url, self.link_for = decision.url, name
            if joined:
                self._say("{name} is now a member. No mail server is set up: copy their link "
                          "below and send it to them yourself.", name=name)
            else:
                self._say("No mail server is set up: copy the new link for {name} below and "
                          "send it to them yourself.", name=name)
            return
        try:
            await asyncio.to_thread(deliver, decision.letter)
        except MailFailed as error:
            self.link_url, self.link_for = decision.url, name
            if joined:
                self._say("{name} is now a member, but the email with their link could not be "
                          "sent ({reason}). Copy the link below and send it to them yourself.",
                          error=True, name=name, reason=str(error))
            else:
                self._say("The email with the new link for {name} could not be sent "
                          "({reason}). Copy the link below and send it to them yourself.",
                          error=True, name=name, reason=str(error))
            return
        if joined:
            self._say("{name} is now a member. Their link to set a password has been emailed "
                      "to them.", name=name)
        else:
            self._say("A new link to set a password has been emailed to {name}.", name=name)
