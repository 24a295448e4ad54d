"""Actions page: the steering group's actions; the steering group changes their status."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.paging import Page
from dashboard.domain.steering.actions import ActionRow, list_actions, set_action_status
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, day, welsh_or_english


@dataclass(frozen=True)
class ActionItem:
    id: int
    title: Bilingual
    title_untranslated: bool  # no Welsh yet: the Welsh shows the English
    description: Bilingual  # empty when there is none
    description_untranslated: bool
    owner: str  # empty for visitors
    due: Bilingual
    status: str
    overdue: bool
    version: int = 0


def action_item(row: ActionRow, signed_in: bool) -> ActionItem:
    title, title_untranslated = welsh_or_english(row.title, row.title_cy)
    description, description_untranslated = welsh_or_english(row.description,
                                                             row.description_cy)
    return ActionItem(id=row.id, title=title, title_untranslated=title_untranslated,
                      description=description,
                      description_untranslated=description_untranslated,
                      owner=row.owner if signed_in else "", due=day(row.due_on),
                      status=row.status, overdue=row.overdue, version=row.version)


class ActionsState(PagedList, AppState):
    rows: list[ActionItem] = []
    open_only: bool = True

    def _fetch_page(self, page: int) -> Page[ActionItem]:
        today = london_today(utc_now())
        with rx.session() as session:
            result = list_actions(session, today, page, self.open_only)
        items = [action_item(row, self.signed_in) for row in result.rows]
        return Page(items, result.total, result.page, result.page_size)

    @rx.event
    def load(self):
        self.show_page(self.page)

    @rx.event
    def set_open_only(self, value: bool):
        self.open_only = value
        self.show_page(1)

    @rx.event
    def change_status(self, action_id: int, status: str):
        """Steering group only: the domain function checks the role and audits the change."""
        today = london_today(utc_now())
        # The version this page listed: a change over a newer one is refused.
        version = next((row.version for row in self.rows if row.id == int(action_id)), None)
        changed = self._change(
            lambda session, actor: set_action_status(session, actor, int(action_id), status, today,
                                                     version)
        )
        if changed is not None:
            self._say("Action updated.")
        self.show_page(self.page)
