"""Pieces the events pages share: the back link, the status badges, the select style, a
labelled file picker, text from the data in the reader's language, and a page whose
heading and browser tab name the event or series shown."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from components.cards import badge
from components.i18n import bilingual, number, t
from components.labels import label
from components.shell import from_the_data, page
from dashboard import routes
from dashboard.vocabulary import EVENT_STATUSES, EVENT_TOPICS
from state.base import AppState

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


def places_badges(full: rx.Var, waitlisted: rx.Var | None = None) -> rx.Component:
    """Whether every place is taken, and (``waitlisted``) how many wait for one."""
    return rx.fragment(
        rx.cond(full, badge(t("Full"), color_scheme="amber")),
        rx.cond(waitlisted > 0, badge(t("{n} on the waiting list", n=number(waitlisted)),
                                      color_scheme="amber")) if waitlisted is not None
        else rx.fragment(),
    )


def topic_name(topic: rx.Var) -> rx.Var:
    """A topic by its name in the reader's language (an imported topic not on the list, as
    it is)."""
    return label(topic, EVENT_TOPICS)


def data_text(text: rx.Var, untranslated: rx.Var) -> rx.Component:
    """An event's own text in the reader's language; its English where the Welsh is
    missing, marked "not yet translated" for the steering group."""
    return from_the_data(text, untranslated)


def untranslated_marker(untranslated: rx.Var) -> rx.Component:
    """The "not yet translated" marker on its own, for text shown elsewhere (a heading, a
    description): the steering group sees it on the Welsh page."""
    return rx.cond(AppState.is_welsh & untranslated & AppState.can_steer,
                   badge(t("not yet translated"), color_scheme="amber", size="1"))


def named_page(fallback: str, name: rx.Var, tab: rx.Var, found: rx.Var,
               *children: rx.Component, untranslated: rx.Var | bool = False,
               test_id: str | None = None) -> rx.Component:
    """The shell's page with its heading and browser tab naming what it shows: ``name`` and
    the tab's title ``tab`` (Bilingual) once ``found``, else the ``fallback`` msgid. The
    tab's title is fixed when the app is built (the fallback, in both languages); once the
    page has its data, and whenever the reader switches language, it becomes ``tab``.
    ``untranslated``: the name's Welsh is missing, so the Welsh page shows the English."""
    heading = rx.cond(
        found,
        rx.el.span(bilingual(name), data_testid=test_id,
                   lang=rx.cond(AppState.is_welsh & untranslated, "en", AppState.lang)),
        t(fallback))
    shell = page(fallback, rx.cond(found, tab_title(bilingual(tab))), *children)
    if not _rename_heading(shell, heading):
        raise ValueError("The shell's page has no h1 to name.")
    return shell


def tab_title(title: rx.Var) -> rx.Component:
    """Sets the browser tab's title to ``title`` (a string Var): an empty element whose
    on_mount sets it, mounted afresh whenever the title changes (the key is on a wrapper:
    Reflex memoises the element with its mount effect)."""
    code = Var(_js_expr=f"('document.title = ' + JSON.stringify({title!s}))", _var_type=str,
               _var_data=title._get_all_var_data())
    return rx.el.span(rx.el.span(on_mount=rx.call_script(code)), key=title, hidden=True)


def _rename_heading(component: rx.Component, heading: rx.Component | rx.Var) -> bool:
    for child in getattr(component, "children", []):
        as_ = getattr(child, "as_", None)
        if as_ is not None and str(as_) == '"h1"':
            child.children = [heading if isinstance(heading, rx.Component)
                              else rx.fragment(heading)]
            return True
        if _rename_heading(child, heading):
            return True
    return False


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
