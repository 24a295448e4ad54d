"""Actions page: the steering group's actions; the steering group changes their status."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import format_day, london_today, utc_now
from dashboard.domain.steering.actions import list_actions, set_action_status
from state.base import AppState


class ActionsState(AppState):
    actions: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    total: int = 0
    open_only: bool = True

    @rx.event
    def load(self):
        self._reload()

    def _reload(self):
        today = london_today(utc_now())
        with rx.session() as session:
            result = list_actions(session, today, self.page, self.open_only)
        self.actions = [
            {"id": str(a.id), "title": a.title, "owner": a.owner if self.signed_in else "",
             "due_en": format_day(a.due_on, "en"), "due_cy": format_day(a.due_on, "cy"),
             "status": a.status, "overdue": "1" if a.overdue else ""}
            for a in result.rows
        ]
        self.page, self.pages, self.total = result.page, result.pages, result.total

    @rx.event
    def set_open_only(self, value: bool):
        self.open_only = value
        self.page = 1
        self._reload()

    @rx.event
    def previous_page(self):
        self.page -= 1
        self._reload()

    @rx.event
    def next_page(self):
        self.page += 1
        self._reload()

    @rx.event
    def change_status(self, action_id: str, status: str):
        """Steering group only: the domain function checks the role and audits the change."""
        today = london_today(utc_now())
        changed = self._change(
            lambda session, actor: set_action_status(session, actor, int(action_id), status, today)
        )
        if changed is not None:
            self._say("Action updated.")
        self._reload()
