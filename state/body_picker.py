"""The body picker: a state mixin for choosing one of the registry's 2,000 bodies through
``components.combobox``, holding only the chosen body and the few that match what is typed
(a list of every body would be read and written by the state manager on every event).

    class DirectoryState(BodyPicker, PagedList, AppState):
        async def _body_chosen(self, chosen: BodyChoice | None):
            ...apply the filter; return the page's events (with self._show_chosen())

The page draws the box with ``components.combobox.body_picker``, with the element id the
state names (``body_picker_id``: ``BODY_PICKER`` unless the state names another), and
again (``body_drawn``) on a page load that changes the body, from ``body_chosen`` in the
reader's language (chosen in the browser: a computed var reading AppState's ``lang`` would
make the state manager read and write every picker's state on every event of every page).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from dashboard.domain.membership.bodies import BodyOption, find_bodies
from state.rows import Bilingual

BODY_PICKER = "filter-org"


@dataclass(frozen=True)
class BodyChoice:
    """A body in the registry, as a body picker offers it."""

    id: int
    name: Bilingual


def body_choices(options: list[BodyOption]) -> list[BodyChoice]:
    return [BodyChoice(id=b.id, name=Bilingual(b.name_en, b.name_cy)) for b in options]


class BodyPicker(rx.State, mixin=True):
    body_picker_id: ClassVar[str] = BODY_PICKER  # the box's element id on the page
    body_chosen: Bilingual = Bilingual()  # the chosen body, by name
    body_matches: list[BodyChoice] = []  # the bodies matching what is typed
    body_listing: bool = False  # the list is open
    body_searched: str = ""  # what the matches are for
    body_drawn: int = 0  # each page load draws the box again, with the chosen name
    _body_left_with: str = ""  # the box's text when the focus left it

    def _body_text(self) -> str:
        """The chosen body's name in the reader's language, as the box shows it."""
        # ``lang`` is AppState's, which every state using the picker builds on.
        welsh = self.lang == "cy"  # type: ignore[attr-defined]
        return self.body_chosen.cy if welsh else self.body_chosen.en

    async def _body_chosen(self, chosen: BodyChoice | None):
        """A body was chosen (None: the box was emptied); the state applies it."""
        raise NotImplementedError

    def _show_body(self, body: BodyOption | None) -> None:
        """On page load: the body the page's address names (None: no body). The same body
        as shown already (the page's loads run again when new data arrives) leaves the box
        alone, so what someone is typing, and the list open under it, stay."""
        chosen = Bilingual(body.name_en, body.name_cy) if body else Bilingual()
        if chosen == self.body_chosen:
            return
        self.body_chosen = chosen
        self.body_matches, self.body_listing = [], False
        self.body_drawn += 1

    def _show_chosen(self) -> str:
        """Script: the box shows the chosen body's name (the box keeps what is typed in it
        in the browser, so it is told; drawing it again would lose the keyboard focus)."""
        box_id = json.dumps(self.body_picker_id)
        return (f"(() => {{ const box = document.getElementById({box_id});"
                f" if (box) box.value = {json.dumps(self._body_text())}; }})()")

    @rx.event
    async def search_bodies(self, text: str):
        """What is typed in the box: the bodies that match; an emptied box, no body."""
        text = str(text).strip()[:100]
        if text and text == self._body_left_with:
            return None  # a search that arrives after the focus left: the list stays closed
        self._body_left_with = ""
        if not text:
            self.body_matches, self.body_listing, self.body_searched = [], False, ""
            return await self._choose(None) if self.body_chosen.en else None
        with rx.session() as session:
            self.body_matches = body_choices(find_bodies(session, text))
        self.body_listing, self.body_searched = True, text
        return None

    @rx.event
    async def choose_body(self, body_id: int):
        if not str(body_id).isdigit():
            return None
        chosen = next((b for b in self.body_matches if b.id == int(body_id)), None)
        if chosen is None:
            return None  # only a body the picker offered
        return await self._choose(chosen)

    async def _choose(self, chosen: BodyChoice | None):
        self.body_matches, self.body_listing, self.body_searched = [], False, ""
        self.body_chosen = chosen.name if chosen else Bilingual()
        return await self._body_chosen(chosen)

    @rx.event
    def close_bodies(self):
        """Escape: the list closes; what was typed stays."""
        self.body_listing = False

    @rx.event
    def leave_bodies(self, text: str):
        """The focus left the box: the list closes and the box shows the chosen body again
        (what was typed and not chosen is not a choice)."""
        self.body_listing, self.body_matches = False, []
        text = str(text).strip()
        self._body_left_with = text
        return rx.call_script(self._show_chosen()) if text != self._body_text() else None
