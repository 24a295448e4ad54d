"""The privacy notice: its periods are read from the settings the service applies."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.accounts.statements import privacy_facts
from state.base import AppState


class PrivacyState(AppState):
    retention_days: int = 730
    invitation_days: int = 7
    reset_hours: int = 2
    session_idle_minutes: int = 60
    session_hours: int = 12
    contact_email: str = ""

    @rx.event
    def load(self):
        facts = self._read(lambda session, actor: privacy_facts(session))
        if facts is not None:
            self.retention_days, self.invitation_days = facts.retention_days, facts.invitation_days
            self.reset_hours = facts.reset_hours
            self.session_idle_minutes = facts.session_idle_minutes
            self.session_hours = facts.session_hours
            self.contact_email = facts.contact_email
