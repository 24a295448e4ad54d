"""The steering group's event editor: a new event, or changes to an existing one."""

from __future__ import annotations

import reflex as rx

from components.events import CONTROL_STYLE
from components.i18n import bilingual, t
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.event_editor import EventEditorState as S


def field(name: str, heading: str, type_: str = "text", hint: str | None = None,
          **props) -> rx.Component:
    control_id = f"event-{name.replace('_', '-')}"
    if hint:
        props["aria_describedby"] = f"{control_id}-hint"
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.text(t(hint), size="1", class_name="muted", id=f"{control_id}-hint") if hint
        else rx.fragment(),
        rx.input(name=name, id=control_id, type=type_, default_value=S.values[name],
                 key=S.values[name], width="100%", max_width="32rem", **props),
        spacing="1", width="100%",
    )


def description() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Description (Markdown)"), html_for="event-description",
                    class_name="field-label"),
        rx.text_area(name="description", id="event-description",
                     default_value=S.values["description"], key=S.values["description"],
                     width="100%", max_width="32rem", rows="5"),
        spacing="1", width="100%",
    )


def series_choice() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Series"), html_for="event-series", class_name="field-label"),
        rx.el.select(
            rx.el.option(t("None"), value="none"),
            rx.foreach(S.series_options, lambda s: rx.el.option(
                bilingual(s.title), value=s.id.to_string())),
            id="event-series", name="series_choice",
            value=rx.cond(S.series_id == 0, "none", S.series_id.to_string()),
            on_change=S.set_series_id, style=CONTROL_STYLE,
        ),
        spacing="1",
    )


def repeats() -> rx.Component:
    return rx.fragment(
        rx.vstack(
            rx.el.label(t("Repeats"), html_for="event-repeat", class_name="field-label"),
            rx.el.select(
                rx.el.option(t("Does not repeat"), value="none"),
                rx.el.option(t("Weekly"), value="weekly"),
                rx.el.option(t("Monthly"), value="monthly"),
                id="event-repeat", name="repeat_choice",
                value=rx.cond(S.values["repeat"] == "", "none", S.values["repeat"]),
                on_change=S.set_repeat, style=CONTROL_STYLE,
            ),
            spacing="1",
        ),
        rx.cond(
            S.values["repeat"] != "",
            rx.vstack(
                field("count", "Occurrences", "number", min=2, max=200),
                field("except_days", "Except on",
                      hint="Dates it does not happen, like 2026-12-22, 2026-12-29"),
                width="100%",
            ),
        ),
    )


@routed(routes.EVENT_EDITOR, "Event editor", on_load=S.load)
def event_editor() -> rx.Component:
    return page(
        "Event editor",
        rx.cond(
            S.allowed,
            rx.form(
                rx.vstack(
                    rx.heading(rx.cond(S.editing_id > 0, t("Edit event"), t("New event")),
                               as_="h2", size="5"),
                    field("title", "Title", required=True, max_length=300),
                    description(),
                    series_choice(),
                    field("topic", "Topic", max_length=100),
                    rx.hstack(
                        field("day", "Date", "date", required=True),
                        field("start", "Starts (UK time)", "time", required=True),
                        field("end", "Ends (UK time)", "time", required=True),
                        spacing="3", wrap="wrap", width="100%",
                    ),
                    repeats(),
                    field("location", "Venue (leave empty if online only)", max_length=300),
                    field("online_url", "Online link", "url", max_length=500),
                    field("registration_url", "Registration link", "url", max_length=500),
                    field("speakers", "Speakers", max_length=500),
                    field("capacity", "Capacity (places)", "number", min=1),
                    field("recording_url", "Recording link", "url", max_length=500),
                    rx.hstack(
                        rx.button(t("Save"), type="submit", size="3"),
                        rx.link(t("Cancel"), href=routes.EVENTS, underline="always"),
                        spacing="4", align="center",
                    ),
                    spacing="3", width="100%",
                ),
                on_submit=S.save,
                reset_on_submit=False,
            ),
            rx.text(t("Only the steering group can add or change events."), role="alert"),
        ),
    )
