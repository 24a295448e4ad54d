"""One meeting (/meetings/<id>): details, attendance, the agenda (proposed, then edited by
the chair), minutes per item in both languages, decisions and actions made under an item,
carry-over, publishing, and the pack and minutes as PDF. Visitors and members read the
published minutes only."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.errors import parse_id
from dashboard.domain.importing import N_
from dashboard.domain.steering.action_editing import ActionInput, parse_day
from dashboard.domain.steering.agenda import (
    action_from_item,
    add_item,
    adopt_proposal,
    decision_from_item,
    move_item,
    propose_agenda,
    remove_item,
    save_minutes,
    set_item_time,
)
from dashboard.domain.steering.decisions import DecisionInput
from dashboard.domain.steering.meetings import (
    group_members,
    meeting_input,
    save_meeting,
    set_attendance,
    set_published,
)
from dashboard.domain.steering.minutes import MeetingView, meeting_view
from state.base import AppState, backend_url
from state.rows import Bilingual, day, welsh_or_english


@dataclass(frozen=True)
class ItemRow:
    id: int
    number: int
    title: Bilingual
    title_untranslated: bool
    source: str
    minutes_allowed: int
    minutes_en: str
    minutes_cy: str
    minutes: Bilingual
    outcome: str
    decisions: list[Bilingual]
    actions: list[Bilingual]
    first: bool
    last: bool


@dataclass(frozen=True)
class ProposalRow:
    source: str
    title: Bilingual


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    attendance: str  # "", "present" or "apologies"


def _outputs(outputs) -> list[Bilingual]:
    return [Bilingual(f"{o.key}: {o.text}", f"{o.key}: {o.text_cy or o.text}") for o in outputs]


def item_rows(view: MeetingView) -> list[ItemRow]:
    rows = []
    for n, i in enumerate(view.items):
        title, untranslated = welsh_or_english(i.title, i.title_cy)
        minutes, _ = welsh_or_english(i.minutes, i.minutes_cy)
        rows.append(ItemRow(i.id, i.position, title, untranslated, i.source, i.minutes_allowed,
                            i.minutes, i.minutes_cy, minutes, i.outcome, _outputs(i.decisions),
                            _outputs(i.actions), n == 0, n == len(view.items) - 1))
    return rows


class MeetingState(AppState):
    meeting_id: int = 0
    found: bool = False
    version: int = 0
    title: Bilingual = Bilingual()
    held: Bilingual = Bilingual()
    place: str = ""
    online_url: str = ""
    published: bool = False
    present: list[str] = []
    apologies: list[str] = []
    items: list[ItemRow] = []
    total_minutes: int = 0
    proposal: list[ProposalRow] = []
    proposed: bool = False
    people: list[Person] = []
    unsaved: dict[str, str] = {}  # text a refused save did not keep, by "<item>:<language>"
    pack_url: str = ""
    minutes_url: str = ""
    details: dict[str, str] = {}  # the details form: held_on, title, title_cy, place, online_url

    @rx.event
    def load(self):
        self.proposal, self.proposed, self.unsaved = [], False, {}
        part = self._url_part()
        view = self._read(lambda s, actor: meeting_view(
            s, actor, parse_id(part, "There is no meeting with that number.")))
        self._show(view)

    def _reload(self) -> None:
        meeting_id = self.meeting_id
        self._show(self._read(lambda s, actor: meeting_view(s, actor, meeting_id)))

    def _show(self, view: MeetingView | None) -> None:
        self.found = view is not None
        if view is None:
            return
        self.meeting_id, self.version = view.id, view.version
        self.title, _ = welsh_or_english(view.title, view.title_cy)
        self.held, self.place, self.online_url = day(view.held_on), view.place, view.online_url
        self.details = {"held_on": view.held_on.isoformat(), "title": view.title,
                        "title_cy": view.title_cy, "place": view.place,
                        "online_url": view.online_url}
        self.published = view.published
        self.present, self.apologies = view.present, view.apologies
        self.items = item_rows(view)
        self.total_minutes = sum(i.minutes_allowed for i in view.items)
        api = backend_url()
        self.pack_url = api + routes.meeting_pdf(view.id, "pack")
        self.minutes_url = api + routes.meeting_pdf(view.id, "minutes")
        if self._has_steering():
            members = self._read(lambda s, actor: group_members(s)) or []
            self.people = [Person(str(i), name, "present" if name in view.present else
                                  "apologies" if name in view.apologies else "")
                           for i, name in members]

    def _has_steering(self) -> bool:
        from dashboard.models import Role

        return self._has_role(Role.STEERING)

    def _act(self, operation, done: str) -> bool:
        result = self._change(operation)
        if result is None:
            self._reload()  # the stored version (someone else's change, if any)
            return False
        self._say(done)
        self._reload()
        return True

    @rx.event
    def propose(self):
        meeting_id = self.meeting_id
        found = self._read(lambda s, actor: propose_agenda(s, actor, meeting_id)) or []
        self.proposal = [ProposalRow(p.source, welsh_or_english(p.title, p.title_cy)[0])
                         for p in found]
        self.proposed = True

    @rx.event
    def adopt(self):
        meeting_id, version = self.meeting_id, self.version
        if self._act(lambda s, a: adopt_proposal(s, a, meeting_id, version),
                     N_("The proposed items are on the agenda.")):
            self.proposal, self.proposed = [], False

    @rx.event
    def add_item(self, form: dict):
        meeting_id, version = self.meeting_id, self.version
        self._act(lambda s, a: add_item(s, a, meeting_id, version, str(form.get("title", "")),
                                        str(form.get("title_cy", "")),
                                        str(form.get("minutes_allowed", "10"))),
                  N_("Item added."))

    @rx.event
    def move(self, item_id: int, steps: int):
        version = self.version
        self._act(lambda s, a: move_item(s, a, int(item_id), version, int(steps)),
                  N_("Item moved."))

    @rx.event
    def remove(self, item_id: int):
        version = self.version
        self._act(lambda s, a: remove_item(s, a, int(item_id), version), N_("Item removed."))

    @rx.event
    def set_time(self, form: dict):
        item_id, version = int(form.get("id", 0) or 0), self.version
        self._act(lambda s, a: set_item_time(s, a, item_id, version,
                                             str(form.get("minutes_allowed", ""))),
                  N_("Time changed."))

    @rx.event
    def save_minutes(self, form: dict):
        item_id, version = int(form.get("id", 0) or 0), self.version
        english, welsh = str(form.get("minutes", "")), str(form.get("minutes_cy", ""))
        outcome = str(form.get("outcome", "open"))
        saved = self._act(lambda s, a: save_minutes(s, a, item_id, version, english, welsh,
                                                    outcome), N_("Minutes saved."))
        kept = {k: v for k, v in self.unsaved.items() if not k.startswith(f"{item_id}:")}
        if not saved:  # keep what was typed, shown beside the item, so nothing is lost
            kept.update({f"{item_id}:en": english[:200_000], f"{item_id}:cy": welsh[:200_000]})
        self.unsaved = kept

    @rx.event
    def decide(self, form: dict):
        item_id, version = int(form.get("id", 0) or 0), self.version
        today = london_today(utc_now())
        data = DecisionInput(text=str(form.get("text", "")), text_cy=str(form.get("text_cy", "")),
                             rationale=str(form.get("rationale", "")),
                             review_on=None)
        self._act(lambda s, a: decision_from_item(s, a, item_id, version, data, today),
                  N_("Decision recorded."))

    @rx.event
    def new_action(self, form: dict):
        item_id, version = int(form.get("id", 0) or 0), self.version
        today = london_today(utc_now())

        def create(s, a):
            data = ActionInput(title=str(form.get("title", "")),
                               title_cy=str(form.get("title_cy", "")),
                               due_on=parse_day(str(form.get("due_on", "")), "due"))
            return action_from_item(s, a, item_id, version, data, today)

        self._act(create, N_("Action created."))

    @rx.event
    def save_attendance(self, form: dict):
        chosen = {k.split(":", 1)[1]: v for k, v in form.items() if k.startswith("att:")}
        present = [int(k) for k, v in chosen.items() if v == "present" and k.isdigit()]
        apologies = [int(k) for k, v in chosen.items() if v == "apologies" and k.isdigit()]
        meeting_id, version = self.meeting_id, self.version
        self._act(lambda s, a: set_attendance(s, a, meeting_id, present, apologies, version),
                  N_("Attendance saved."))

    @rx.event
    def save_details(self, form: dict):
        meeting_id, version = self.meeting_id, self.version
        typed = {name: str(form.get(name, "")) for name in self.details}

        def save(s, a):
            return save_meeting(s, a, meeting_id, meeting_input(form), version)

        if not self._act(save, N_("Meeting details saved.")):
            self.details = typed  # what was typed stays in the form

    @rx.event
    def set_published(self, value: bool):
        meeting_id, version = self.meeting_id, self.version
        self._act(lambda s, a: set_published(s, a, meeting_id, bool(value), version),
                  N_("Minutes published.") if value else N_("Minutes no longer published."))
