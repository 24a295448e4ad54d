"""Event editor (/events/editor, /events/editor?id=N): the steering group's form for a new
event or an existing one."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard import routes
from dashboard.domain.clock import utc_now
from dashboard.domain.events.editing import EventForm, create_event, editor_start, update_event
from dashboard.domain.versions import StaleVersion
from state.base import AppState
from state.rows import Bilingual

# The form's text fields, as the browser sends them (the series, the topic and the repeat
# are selects, kept here as they change).
FORM_FIELDS = ("title", "title_cy", "description", "description_cy", "topic", "day", "start",
               "end", "location", "location_cy", "online_url", "registration_url", "speakers",
               "capacity", "repeat", "count", "except_days", "recording_url")
SELECTS = ("repeat", "topic")


@dataclass(frozen=True)
class SeriesChoice:
    id: int
    title: Bilingual


class EventEditorState(AppState):
    editing_id: int = 0  # 0: a new event
    # The event's version as opened: a save over someone else's newer one is refused, and
    # the form keeps what was typed.
    editing_version: int = 0
    # What is typed in each field, by field name (a form's values are text).
    values: dict[str, str] = {}
    series_id: int = 0  # 0: in no series
    series_options: list[SeriesChoice] = []
    topic_options: list[str] = []  # topic codes: EVENT_TOPICS', and an imported one as it is
    allowed: bool = False

    @rx.event
    def load(self):
        raw = self.router.url.query_parameters.get("id", "")
        with rx.session() as session:
            start = editor_start(session, self._actor(session),
                                 int(raw) if raw.isdigit() else None)
        self.allowed = start.allowed
        self.series_options = [SeriesChoice(s.id, Bilingual(s.title_en, s.title_cy))
                               for s in start.series]
        self.editing_id = start.event_id or 0
        self.editing_version = start.version
        self.values = {name: str(getattr(start.form, name)) for name in FORM_FIELDS}
        self.series_id = start.form.series_id or 0
        self.topic_options = list(start.topics)

    @rx.event
    def set_series_id(self, value: str):
        self.series_id = int(value) if value.isdigit() else 0

    @rx.event
    def set_repeat(self, value: str):
        self.values = {**self.values, "repeat": "" if value == "none" else value}

    @rx.event
    def set_topic(self, value: str):
        self.values = {**self.values, "topic": "" if value == "none" else value}

    @rx.event
    def save(self, data: dict):
        values = {name: str(data.get(name, self.values.get(name, ""))) for name in FORM_FIELDS}
        for name in SELECTS:
            values[name] = self.values.get(name, "")
        self.values = values
        form = EventForm(series_id=self.series_id or None, **values)
        now = utc_now()
        if self.editing_id:
            event_id, version = self.editing_id, self.editing_version

            def update(session, actor):
                try:
                    return update_event(session, actor, event_id, form, now, version).id
                except StaleVersion as stale:
                    # The notice shows theirs and yours; saving again, having seen them,
                    # goes over theirs.
                    self.editing_version = stale.theirs
                    raise

            saved = self._change(update)
        else:
            saved = self._change(lambda s, actor: create_event(s, actor, form, now).id)
        if saved is not None:
            return rx.redirect(routes.event_page(saved))
        return None
