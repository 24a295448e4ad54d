"""The facts the public-sector statements state: the privacy notice's periods come from the
settings the code applies, so the notice cannot drift from what the service does."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard.domain.accounts.links import INVITATION, PASSWORD_RESET, lifetime
from dashboard.domain.auth import SessionPolicy
from dashboard.domain.membership.lifecycle import retention_days

# When the accessibility statement was prepared and last reviewed (update on each review).
ACCESSIBILITY_PREPARED = date(2026, 12, 2)
ACCESSIBILITY_REVIEWED = date(2026, 12, 2)
CONTACT_SETTING = "CYMUNED_CONTACT_EMAIL"


def contact_email() -> str:
    """Where people write about accessibility and their data (unset: the page says to
    contact the steering group)."""
    return os.environ.get(CONTACT_SETTING, "").strip()


@dataclass(frozen=True)
class PrivacyFacts:
    retention_days: int
    invitation_days: int
    reset_hours: int
    session_idle_minutes: int
    session_hours: int
    contact_email: str


def privacy_facts(session: Session) -> PrivacyFacts:
    policy = SessionPolicy.from_environ()
    return PrivacyFacts(
        retention_days=retention_days(session),
        invitation_days=lifetime(INVITATION).days,
        reset_hours=int(lifetime(PASSWORD_RESET).total_seconds() // 3600),
        session_idle_minutes=int(policy.idle.total_seconds() // 60),
        session_hours=int(policy.lifetime.total_seconds() // 3600),
        contact_email=contact_email(),
    )
