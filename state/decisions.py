"""Decisions page: the steering group's decisions log (search, filter, paged), recording a
decision, and superseding or reversing one (never deleting)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page
from dashboard.domain.steering.action_editing import parse_day
from dashboard.domain.steering.actions import action_choices, open_action_choices
from dashboard.domain.steering.decisions import (
    DecisionInput,
    DecisionQuery,
    DecisionRow,
    record_decision,
    reverse_decision,
    search_decisions,
    supersede_decision,
)
from dashboard.models import Role
from state.actions import ChoiceItem, choice_items
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, day, welsh_or_english

TEXT_FIELDS = ("text", "text_cy", "rationale", "rationale_cy", "options", "options_cy",
               "decided_on", "decided_by", "review_on")


@dataclass(frozen=True)
class DecisionItem:
    id: int
    version: int
    reference: str
    decided: Bilingual
    text: Bilingual
    text_untranslated: bool
    rationale: Bilingual
    decided_by: str
    review: Bilingual
    status: str
    superseded_by: str
    active: bool


def decision_item(row: DecisionRow) -> DecisionItem:
    text, untranslated = welsh_or_english(row.text, row.text_cy)
    rationale, _ = welsh_or_english(row.rationale, row.rationale_cy)
    return DecisionItem(row.id, row.version, row.reference, day(row.decided_on), text,
                        untranslated, rationale, row.decided_by, day(row.review_on),
                        row.status, row.superseded_by, row.status == "active")


def decision_input(form: dict) -> DecisionInput:
    """The form's fields as a DecisionInput (dates checked by the domain's parser)."""
    return DecisionInput(
        text=str(form.get("text", "")), text_cy=str(form.get("text_cy", "")),
        rationale=str(form.get("rationale", "")), rationale_cy=str(form.get("rationale_cy", "")),
        options=str(form.get("options", "")), options_cy=str(form.get("options_cy", "")),
        decided_on=parse_day(str(form.get("decided_on", "")), "decided"),
        decided_by=str(form.get("decided_by", "")),
        review_on=parse_day(str(form.get("review_on", "")), "review"),
        objectives=tuple(sorted(k.split(":", 1)[1] for k, v in form.items()
                                if k.startswith("objective:") and v)),
        action_ids=tuple(sorted(int(k.split(":", 1)[1]) for k, v in form.items()
                                if k.startswith("action:") and k[7:].isdigit() and v)))


class DecisionsState(PagedList, AppState):
    rows: list[DecisionItem] = []
    search: str = ""
    status: str = ""
    allowed: bool = False
    values: dict[str, str] = {}
    chosen: list[str] = []
    objective_options: list[ChoiceItem] = []
    action_options: list[ChoiceItem] = []  # open actions a new decision can lead to

    def _query(self) -> DecisionQuery:
        return DecisionQuery(search=self.search, status=self.status, page=self.page)

    def _fetch_page(self, page: int) -> Page[DecisionItem]:
        query = self._query().with_changes(page=page)
        result = self._read(lambda s, actor: search_decisions(s, actor, query)) \
            if self.allowed else None
        if result is None:
            return Page([], 0, 1, DEFAULT_PAGE_SIZE)
        return Page([decision_item(r) for r in result.rows], result.total, result.page,
                    result.page_size)

    @rx.event
    def load(self):
        query = DecisionQuery.from_params(self.router.url.query_parameters)
        self.search, self.status, self.page = query.search, query.status, query.page
        self.allowed = self._has_role(Role.STEERING)
        self.values = {name: "" for name in TEXT_FIELDS}
        if not self.allowed:
            self.problem_text = self._in_both("You do not have permission to do that.")
            return
        if not self.objective_options:
            choices = self._read(lambda session, actor: action_choices(session)) or {}
            self.objective_options = choice_items(choices.get("objectives", []))
        self.action_options = choice_items(
            self._read(lambda session, actor: open_action_choices(session)) or [])
        self.show_page(self.page)

    async def _apply(self, query: DecisionQuery):
        self.search, self.status = query.search, query.status
        self.show_page(query.page)
        params = query.with_changes(page=self.page).to_params()
        url = routes.DECISIONS + ("?" + urlencode(params) if params else "")
        return rx.call_script(f"window.history.replaceState(null, '', {json.dumps(url)})")

    @rx.event
    async def search_submit(self, form: dict):
        search = str(form.get("q", "")).strip()[:100]
        return await self._apply(self._query().with_changes(search=search, page=1))

    @rx.event
    async def set_status(self, value: str):
        return await self._apply(DecisionQuery.from_params(
            {"q": self.search, "status": value}))

    @rx.event
    async def previous_page(self):
        return await self._apply(self._query().with_changes(page=max(1, self.page - 1)))

    @rx.event
    async def next_page(self):
        return await self._apply(self._query().with_changes(page=self.page + 1))

    @rx.event
    def record(self, form: dict):
        self.values = {name: str(form.get(name, "")) for name in TEXT_FIELDS}
        self.chosen = sorted(k for k, v in form.items() if ":" in k and v)
        today = london_today(utc_now())
        made = self._change(lambda s, actor: record_decision(
            s, actor, decision_input(form), today).reference)
        if made is None:
            return
        self._say("Decision {reference} recorded.", reference=made)
        self.values, self.chosen = {name: "" for name in TEXT_FIELDS}, []
        self.show_page(1)

    @rx.event
    def supersede(self, form: dict):
        decision_id, version = int(form.get("id", 0) or 0), int(form.get("version", 0) or 0)
        replacement = str(form.get("replacement", ""))
        done = self._change(lambda s, actor: supersede_decision(
            s, actor, decision_id, version, replacement).reference)
        if done is not None:
            self._say("Decision {reference} superseded.", reference=done)
        self.show_page(self.page)

    @rx.event
    def reverse(self, decision_id: int, version: int):
        done = self._change(lambda s, actor: reverse_decision(
            s, actor, int(decision_id), int(version)).reference)
        if done is not None:
            self._say("Decision {reference} reversed.", reference=done)
        self.show_page(self.page)
