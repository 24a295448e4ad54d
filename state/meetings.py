"""Meetings page: the list (all for the steering group; meetings with published minutes for
everyone else) and the steering group's form to schedule one."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.paging import Page
from dashboard.domain.steering.meetings import (
    MeetingRow,
    list_meetings,
    meeting_input,
    save_meeting,
)
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, day, welsh_or_english

FIELDS = ("held_on", "title", "title_cy", "place", "online_url")


@dataclass(frozen=True)
class MeetingItem:
    id: int
    held: Bilingual
    title: Bilingual
    title_untranslated: bool
    place: str
    published: bool
    href: str


def meeting_item(row: MeetingRow) -> MeetingItem:
    title, untranslated = welsh_or_english(row.title, row.title_cy)
    return MeetingItem(row.id, day(row.held_on), title, untranslated,
                       row.place or row.online_url, row.published, routes.meeting_page(row.id))


class MeetingsState(PagedList, AppState):
    rows: list[MeetingItem] = []
    values: dict[str, str] = {}

    def _fetch_page(self, page: int) -> Page[MeetingItem]:
        result = self._read(lambda s, actor: list_meetings(s, actor, page))
        if result is None:
            return Page([], 0, 1, 25)
        return Page([meeting_item(r) for r in result.rows], result.total, result.page,
                    result.page_size)

    @rx.event
    def load(self):
        self.values = {name: "" for name in FIELDS}
        self.show_page(1)

    @rx.event
    def schedule(self, form: dict):
        self.values = {name: str(form.get(name, "")) for name in FIELDS}
        made = self._change(lambda s, actor: save_meeting(s, actor, None,
                                                           meeting_input(form)).id)
        if made is None:
            return None
        return rx.redirect(routes.meeting_page(made))
