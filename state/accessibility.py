"""The accessibility statement: its dates and the contact address."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.accounts.statements import (
    ACCESSIBILITY_PREPARED,
    ACCESSIBILITY_REVIEWED,
    contact_email,
)
from state.base import AppState
from state.rows import Bilingual, day


class AccessibilityState(AppState):
    prepared: Bilingual = Bilingual("", "")
    reviewed: Bilingual = Bilingual("", "")
    contact_email: str = ""

    @rx.event
    def load(self):
        self.prepared, self.reviewed = day(ACCESSIBILITY_PREPARED), day(ACCESSIBILITY_REVIEWED)
        self.contact_email = contact_email()
