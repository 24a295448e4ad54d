"""My events (/events/mine): the signed-in member's registrations."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import utc_now
from dashboard.domain.events.detail import when_text
from dashboard.domain.events.registration import MyEvent, my_events
from state.base import AppState
from state.event import occurrence_key
from state.rows import Bilingual, each_language, welsh_or_english

SHOWN = 100


@dataclass(frozen=True)
class MyEventItem:
    href: str  # a recurring event's page with the occurrence registered for chosen
    title: Bilingual
    title_untranslated: bool
    when: Bilingual  # the occurrence's, for a recurring event
    status: str  # the registration's: "registered" or "waitlisted"
    event_status: str
    event_cancelled: bool


def my_event_item(mine: MyEvent) -> MyEventItem:
    href = routes.event_page(mine.id)
    if mine.occurs_at is not None:
        href += "?" + urlencode({"on": occurrence_key(mine.occurs_at)})
    title, untranslated = welsh_or_english(mine.title, mine.title_cy)
    return MyEventItem(
        href=href, title=title, title_untranslated=untranslated,
        when=each_language(lambda lang: when_text(mine.starts_at, mine.ends_at, mine.all_day,
                                                  mine.timezone, lang)),
        status=mine.status, event_status=mine.event_status,
        event_cancelled=mine.event_status == "cancelled",
    )


class MyEventsState(AppState):
    rows: list[MyEventItem] = []

    @rx.event
    def load(self):
        self.rows = []
        if not self.signed_in:  # visitors are asked to sign in
            return
        mine = self._read(lambda session, actor: my_events(session, actor, utc_now()))
        self.rows = [my_event_item(m) for m in (mine or [])[:SHOWN]]
