"""The steering group's event editor: a new event, or changes to an existing one."""

from __future__ import annotations

import reflex as rx

from components.events import CONTROL_STYLE, topic_name
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


WELSH_HINT = "Leave empty until it is translated: readers of the Welsh page see the English."


def description(name: str, heading: str, hint: str | None = None) -> rx.Component:
    control_id = f"event-{name.replace('_', '-')}"
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.text(t(hint), size="1", class_name="muted", id=f"{control_id}-hint") if hint
        else rx.fragment(),
        rx.text_area(name=name, id=control_id, default_value=S.values[name],
                     key=S.values[name], width="100%", max_width="32rem", rows="5",
                     aria_describedby=f"{control_id}-hint" if hint else None),
        spacing="1", width="100%",
    )


def choice(control_id: str, heading: str, *options: rx.Component, **props) -> rx.Component:
    """A labelled select as wide as the text fields at most (a long name is cut short in
    the box; the list shows it in full)."""
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.el.select(*options, id=control_id, style=CONTROL_STYLE, class_name="events-select",
                     **props),
        spacing="1", width="100%", max_width="32rem", class_name="events-filter",
    )


def series_choice() -> rx.Component:
    return choice(
        "event-series", "Series",
        rx.el.option(t("None"), value="none"),
        rx.foreach(S.series_options, lambda s: rx.el.option(
            bilingual(s.title), value=s.id.to_string(), title=bilingual(s.title))),
        name="series_choice",
        value=rx.cond(S.series_id == 0, "none", S.series_id.to_string()),
        on_change=S.set_series_id,
    )


def topic_choice() -> rx.Component:
    return choice(
        "event-topic", "Topic",
        rx.el.option(t("None"), value="none"),
        rx.foreach(S.topic_options, lambda code: rx.el.option(topic_name(code), value=code)),
        name="topic_choice",
        value=rx.cond(S.values["topic"] == "", "none", S.values["topic"]),
        on_change=S.set_topic,
    )


def in_welsh() -> rx.Component:
    """The event's own text in Welsh, beside the English."""
    return rx.el.fieldset(
        rx.el.legend(t("In Welsh"), class_name="field-label"),
        rx.text(t(WELSH_HINT), size="1", class_name="muted"),
        rx.vstack(
            field("title_cy", "Title in Welsh", max_length=300),
            description("description_cy", "Description in Welsh (Markdown)"),
            field("location_cy", "Venue in Welsh", max_length=300),
            spacing="3", width="100%",
        ),
        class_name="events-welsh",
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
                    description("description", "Description (Markdown)"),
                    series_choice(),
                    topic_choice(),
                    rx.hstack(
                        field("day", "Date", "date", required=True),
                        field("start", "Starts (UK time)", "time", required=True),
                        field("end", "Ends (UK time)", "time", required=True),
                        spacing="3", wrap="wrap", width="100%",
                    ),
                    repeats(),
                    field("location", "Venue (leave empty if online only)", max_length=300),
                    in_welsh(),
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
                # The server checks every field and answers in the reader's language; the
                # browser's own bubbles would speak the browser's language instead.
                no_validate=True,
            ),
            rx.text(t("Only the steering group can add or change events."), role="alert"),
        ),
    )
