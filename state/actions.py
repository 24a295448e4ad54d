"""Actions page: the list (filters and sorting in the URL, paged on the server) and the
board by status. Members see the actions they own; the steering group sees and changes all."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.importing import N_
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page
from dashboard.domain.steering.action_editing import set_action_status
from dashboard.domain.steering.actions import (
    ActionQuery,
    ActionRow,
    Choice,
    action_board,
    action_choices,
    search_actions,
)
from dashboard.models import Role
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, day, welsh_or_english

FILTERS = ("status", "owner", "objective", "goal", "rag")


@dataclass(frozen=True)
class ActionItem:
    id: int
    title: Bilingual
    title_untranslated: bool  # no Welsh yet: the Welsh shows the English
    description: Bilingual  # empty when there is none
    description_untranslated: bool
    owner: str
    due: Bilingual
    status: str
    overdue: bool
    rag: str = ""
    rag_reason: str = ""
    objectives: str = ""  # "1, 4": the CDPS objectives' numbers
    href: str = ""
    version: int = 0  # as shown: a status change from an older one is refused


@dataclass(frozen=True)
class ChoiceItem:
    key: str
    name: Bilingual


@dataclass(frozen=True)
class BoardColumnItem:
    status: str
    total: int
    cards: list[ActionItem]


def action_item(row: ActionRow, signed_in: bool = True) -> ActionItem:
    title, title_untranslated = welsh_or_english(row.title, row.title_cy)
    description, description_untranslated = welsh_or_english(row.description,
                                                             row.description_cy)
    return ActionItem(id=row.id, title=title, title_untranslated=title_untranslated,
                      description=description,
                      description_untranslated=description_untranslated,
                      owner=row.owner if signed_in else "", due=day(row.due_on),
                      status=row.status, overdue=row.overdue, rag=row.rag,
                      rag_reason=row.rag_reason,
                      objectives=", ".join(str(n) for n in row.objectives),
                      href=routes.action_page(row.id), version=row.version)


def choice_items(choices: list[Choice]) -> list[ChoiceItem]:
    return [ChoiceItem(c.key, Bilingual(c.name_en, c.name_cy)) for c in choices]


class ActionsState(PagedList, AppState):
    rows: list[ActionItem] = []
    board: list[BoardColumnItem] = []
    filters: dict[str, str] = {name: "" for name in FILTERS}
    overdue: bool = False
    open_only: bool = False
    mine: bool = False
    sort: str = "due"
    descending: bool = False
    view: str = "list"
    allowed: bool = False  # signed in: a member (their own actions) or the steering group
    objective_options: list[ChoiceItem] = []
    goal_options: list[ChoiceItem] = []
    owner_options: list[ChoiceItem] = []

    def _query(self) -> ActionQuery:
        params = {name: value for name, value in self.filters.items() if value}
        params.update(overdue="1" if self.overdue else "", open="1" if self.open_only else "",
                      mine="1" if self.mine else "", sort=self.sort,
                      dir="desc" if self.descending else "", view=self.view,
                      page=str(self.page))
        return ActionQuery.from_params(params)

    def _show(self, query: ActionQuery) -> None:
        params = query.to_params()
        self.filters = {name: params.get(name, "") for name in FILTERS}
        self.overdue, self.open_only, self.mine = query.overdue, query.open_only, query.mine
        self.sort, self.descending, self.view = query.sort, query.descending, query.view
        self.page = query.page

    def _fetch_page(self, page: int) -> Page[ActionItem]:
        query = self._query().with_changes(page=page)
        today = london_today(utc_now())
        result = (self._read(lambda session, actor: search_actions(session, actor, query, today))
                  if self.allowed else None)
        if result is None:
            return Page([], 0, 1, DEFAULT_PAGE_SIZE)
        return Page([action_item(r) for r in result.rows], result.total, result.page,
                    result.page_size)

    def _refresh(self) -> None:
        self.show_page(self.page)
        if self.view == "board" and self.allowed:
            today = london_today(utc_now())
            query = self._query()
            columns = self._read(lambda s, actor: action_board(s, actor, query, today)) or []
            self.board = [BoardColumnItem(c.status, c.total, [action_item(r) for r in c.cards])
                          for c in columns]
        else:
            self.board = []

    @rx.event
    def load(self):
        self._show(ActionQuery.from_params(self.router.url.query_parameters))
        self.allowed = self._has_role(Role.MEMBER)
        if self.allowed and not self.goal_options:
            choices = self._read(lambda session, actor: action_choices(session)) or {}
            self.objective_options = choice_items(choices.get("objectives", []))
            self.goal_options = choice_items(choices.get("goals", []))
            self.owner_options = choice_items(choices.get("owners", []))
        if not self.allowed:
            self.problem_text = self._in_both(N_(
                "Sign in to see actions: members see the actions they own, the steering "
                "group all of them."))
        self._refresh()

    async def _apply(self, query: ActionQuery):
        """Show ``query`` and put it in the address bar, so the view can be shared."""
        self._show(query)
        self._refresh()
        params = query.to_params()
        url = routes.ACTIONS + ("?" + urlencode(params) if params else "")
        return rx.call_script(f"window.history.replaceState(null, '', {json.dumps(url)})")

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name not in FILTERS:
            return None
        self.filters = {**self.filters, name: value}
        return await self._apply(self._query().with_changes(page=1))

    @rx.event
    async def set_flag(self, name: str, value: bool):
        if name not in ("overdue", "open_only", "mine"):
            return None
        return await self._apply(self._query().with_changes(**{name: bool(value)}, page=1))

    @rx.event
    async def set_view(self, view: str):
        return await self._apply(self._query().with_changes(view=view, page=1))

    @rx.event
    async def clear_filters(self):
        return await self._apply(ActionQuery(sort=self.sort, descending=self.descending,
                                             view=self.view))

    @rx.event
    async def sort_by(self, column: str):
        query = self._query()
        descending = not query.descending if query.sort == column else False
        return await self._apply(query.with_changes(sort=column, descending=descending, page=1))

    @rx.event
    async def previous_page(self):
        return await self._apply(self._query().with_changes(page=max(1, self.page - 1)))

    @rx.event
    async def next_page(self):
        return await self._apply(self._query().with_changes(page=self.page + 1))

    @rx.event
    def change_status(self, action_id: int, status: str):
        """Steering group only: the domain function checks the role and audits the change."""
        today = london_today(utc_now())
        shown = [*self.rows, *(card for column in self.board for card in column.cards)]
        version = next((item.version for item in shown if item.id == int(action_id)), None)
        changed = self._change(lambda session, actor: set_action_status(
            session, actor, int(action_id), status, today, version))
        if changed is not None:
            self._say("Action updated.")
        self._refresh()
