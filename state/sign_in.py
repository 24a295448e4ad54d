"""Sign-in page: what to show around the form, which posts to the backend itself
(dashboard/endpoints/signing_in.py) and comes back here with a problem code when it fails."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.organisation_sign_in import OrganisationSignInSettings
from dashboard.domain.signing_in import PROBLEMS, demo_roles, safe_next
from state.base import AppState


class SignInState(AppState):
    # Where to go back to once signed in (a path on this site).
    next_page: str = "/"
    # Shown only when CYMUNED_OIDC_* are set.
    organisation_sign_in: bool = False
    # "member", "steering", "admin": offered only while the demo data is loaded.
    demo_roles: list[str] = []

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        self.next_page = safe_next(params.get("next"))
        self.organisation_sign_in = OrganisationSignInSettings.from_environ() is not None
        self.demo_roles = self._read(lambda session, actor: demo_roles(session)) or []
        msgid = PROBLEMS.get(params.get("problem", ""))
        minutes = params.get("minutes", "")
        if msgid and ("{minutes}" not in msgid or minutes.isdigit()):
            self.problem_text = self._in_both(msgid, minutes=int(minutes or 0))
        if params.get("done") == "everywhere":
            self._say("You are signed out on every device and browser.")
