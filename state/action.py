"""One action (/actions/<id>, /actions/new): the steering group's form (create, edit,
reassign, close), progress notes, and the history from the audit log. A stale save is
refused: the form keeps what was typed and the stored version is shown beside it."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.errors import parse_id
from dashboard.domain.steering.action_editing import (
    ActionDetail,
    action_detail,
    action_history,
    action_input,
    add_note,
    save_action,
)
from dashboard.domain.steering.actions import action_choices
from state.actions import ChoiceItem, choice_items
from state.base import AppState
from state.rows import Bilingual, day, moment

TEXT_FIELDS = ("title", "title_cy", "description", "description_cy", "owner", "starts_on",
               "due_on", "status", "rag", "rag_reason")


@dataclass(frozen=True)
class NoteItem:
    author: str
    when: Bilingual
    text: str


@dataclass(frozen=True)
class HistoryItem:
    when: Bilingual
    actor: str
    action: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class CompareItem:
    """One field of the stored version beside what the reader typed (after a stale save)."""

    field: str
    theirs: str
    yours: str


def form_values(detail: ActionDetail | None) -> dict[str, str]:
    if detail is None:
        return {name: "" for name in TEXT_FIELDS} | {"status": "open"}
    return {
        "title": detail.title, "title_cy": detail.title_cy, "description": detail.description,
        "description_cy": detail.description_cy,
        "owner": str(detail.owner_member_id or ""),
        "starts_on": detail.starts_on.isoformat() if detail.starts_on else "",
        "due_on": detail.due_on.isoformat() if detail.due_on else "",
        "status": detail.status, "rag": detail.rag, "rag_reason": detail.rag_reason,
    }


def chosen_codes(detail: ActionDetail | None) -> list[str]:
    if detail is None:
        return []
    return ([f"objective:{c}" for c in detail.objectives] + [f"goal:{c}" for c in detail.goals]
            + [f"way:{c}" for c in detail.ways])


class ActionState(AppState):
    action_id: int = 0  # 0: a new action
    found: bool = False
    version: int = 0
    values: dict[str, str] = {}
    chosen: list[str] = []  # "objective:cdps-1", "goal:prosperous", "way:long-term"
    owner_name: str = ""
    due: Bilingual = Bilingual()
    starts: Bilingual = Bilingual()
    notes: list[NoteItem] = []
    history: list[HistoryItem] = []
    stale: list[CompareItem] = []
    objective_options: list[ChoiceItem] = []
    goal_options: list[ChoiceItem] = []
    way_options: list[ChoiceItem] = []
    owner_options: list[ChoiceItem] = []

    @rx.event
    def load(self):
        self.stale = []
        part = self._url_part()
        self.action_id = 0 if part == "new" else -1
        if self.action_id == -1:
            found = self._read(lambda s, actor: action_detail(
                s, actor, parse_id(part, "There is no action with that number.")))
        else:
            found = None if self._has_steering() else self._refuse()
        if found is None and self.action_id != 0:
            self.found = False
            return
        self._show(found)
        if not self.goal_options:
            choices = self._read(lambda session, actor: action_choices(session)) or {}
            self.objective_options = choice_items(choices.get("objectives", []))
            self.goal_options = choice_items(choices.get("goals", []))
            self.way_options = choice_items(choices.get("ways", []))
            self.owner_options = choice_items(choices.get("owners", []))
        self._keep_owner_choosable(found)

    def _keep_owner_choosable(self, detail: ActionDetail | None) -> None:
        """The current owner is always one of the choices (they may not be in the steering
        group), so saving the form never drops them unasked."""
        if detail is None or detail.owner_member_id is None:
            return
        key = str(detail.owner_member_id)
        if all(choice.key != key for choice in self.owner_options):
            self.owner_options = [*self.owner_options,
                                  ChoiceItem(key, Bilingual(detail.owner, detail.owner))]

    def _has_steering(self) -> bool:
        from dashboard.models import Role

        return self._has_role(Role.STEERING)

    def _refuse(self) -> None:
        self.problem_text = self._in_both("You do not have permission to do that.")
        self.action_id = -1
        return None

    def _show(self, detail: ActionDetail | None) -> None:
        self.found = True
        self.action_id = detail.id if detail else 0
        self.version = detail.version if detail else 0
        self.values = form_values(detail)
        self.chosen = chosen_codes(detail)
        self.owner_name = detail.owner if detail else ""
        self.due = day(detail.due_on if detail else None)
        self.starts = day(detail.starts_on if detail else None)
        self.notes = [NoteItem(n.author, moment(n.at), n.text) for n in detail.notes] \
            if detail else []
        self._load_history()

    def _load_history(self) -> None:
        if not self.action_id:
            self.history = []
            return
        action_id = self.action_id
        entries = self._read(lambda s, actor: action_history(s, actor, action_id)) or []
        self.history = [HistoryItem(moment(e.at), e.actor, e.action, c.field, c.before,
                                    c.after)
                        for e in entries for c in (e.changes or [])]

    @rx.event
    def save(self, form: dict):
        typed = {name: str(form.get(name, "")) for name in TEXT_FIELDS}
        self.values = typed
        self.chosen = sorted(key for key, value in form.items() if ":" in key and value)
        action_id, version = self.action_id or None, self.version
        today = london_today(utc_now())
        saved = self._change(lambda s, actor: save_action(
            s, actor, action_id, action_input(form, version), today).id)
        if saved is None:
            self._compare_with_stored(typed)
            return None
        self._say("Action saved.")
        if action_id is None:
            return rx.redirect(routes.action_page(saved))
        found = self._read(lambda s, actor: action_detail(s, actor, saved))
        if found is not None:
            self._show(found)
        return None

    def _compare_with_stored(self, typed: dict[str, str]) -> None:
        """After a refused save: if the action changed meanwhile, show both versions."""
        if not self.action_id:
            return
        action_id = self.action_id
        stored = self._read(lambda s, actor: action_detail(s, actor, action_id))
        if stored is None or stored.version == self.version:
            self.stale = []
            return
        theirs = form_values(stored)
        self.stale = [CompareItem(name, theirs[name], typed[name]) for name in TEXT_FIELDS
                      if theirs[name] != typed[name]]
        self.version = stored.version  # saving again now overwrites, knowingly

    @rx.event
    def add_note(self, form: dict):
        text, action_id = str(form.get("note", "")), self.action_id
        added = self._change(lambda s, actor: add_note(s, actor, action_id, text).id)
        if added is None:
            return None
        self._say("Note added.")
        found = self._read(lambda s, actor: action_detail(s, actor, action_id))
        if found is not None:
            self.notes = [NoteItem(n.author, moment(n.at), n.text) for n in found.notes]
            self._load_history()
        return None
