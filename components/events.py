"""Pieces the events pages share: the back link, the cancelled badge, the select style and
a labelled file picker."""

from __future__ import annotations

import reflex as rx

from components.cards import badge
from components.i18n import t
from components.labels import label
from dashboard import routes
from dashboard.vocabulary import EVENT_STATUSES

CONTROL_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "0.9rem",
    "min_height": "2rem", "max_width": "100%",
}
ICON_LINK = {"display": "inline-flex", "align_items": "center", "gap": "0.25rem"}


def back_link() -> rx.Component:
    return rx.link(rx.icon("arrow_left", aria_hidden="true", size=16), t("All events"),
                   href=routes.EVENTS, underline="always", style=ICON_LINK)


def status_badge(status: rx.Var, **props) -> rx.Component:
    """An event's status by its name, in red (shown for cancelled events)."""
    return badge(label(status, EVENT_STATUSES), color_scheme="red", **props)


def file_picker(upload_id: str, heading: str, accept: dict) -> rx.Component:
    """A labelled file input: the label wraps the dropzone, so its (visually hidden) input
    has a name; clicking the label or pressing Enter on the zone opens the file dialog."""
    return rx.el.label(
        rx.text(t(heading), class_name="field-label"),
        rx.upload.root(
            rx.hstack(
                rx.el.span(t("Choose file"), style={
                    "padding": "0.3rem 0.75rem", "border_radius": "6px",
                    "background": "var(--gray-a3)", "color": "var(--gray-12)",
                    "font_size": "0.875rem", "font_weight": "500"}),
                rx.text(rx.cond(rx.selected_files(upload_id).length() > 0,
                                rx.selected_files(upload_id)[0], t("No file chosen")),
                        size="2"),
                align="center", spacing="2", wrap="wrap",
            ),
            id=upload_id, max_files=1, multiple=False, no_click=True, accept=accept,
            border="1px dashed var(--gray-8)", padding="0.5rem", border_radius="6px",
            margin_top="0.25rem", cursor="pointer",
        ),
        style={"display": "block", "margin": "0.5rem 0"},
    )
