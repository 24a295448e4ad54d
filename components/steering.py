"""Small pieces the steering group's pages share: RAG ratings (text, shape and colour, never
colour alone), statuses, form fields and read-only facts."""

from __future__ import annotations

import reflex as rx

from components.cards import badge
from components.i18n import bilingual, t
from components.labels import label
from dashboard.vocabulary import ACTION_STATUSES, RAG_RATINGS

# Each rating has its own shape as well as its colour, so it reads without colour.
RAG_LOOKS = {"green": ("circle", "green"), "amber": ("triangle", "amber"),
             "red": ("square", "red")}
CONTROL_STYLE = {"min_height": "2.25rem", "padding": "0 0.5rem", "max_width": "100%",
                 "border": "1px solid var(--gray-8)", "border_radius": "var(--radius-2)",
                 "background": "var(--color-surface)", "color": "var(--gray-12)"}


def rag_badge(rag: rx.Var) -> rx.Component:
    """The RAG rating as a shape, a colour and its name ("Amber: at risk"); nothing when
    the action has none."""
    return rx.match(
        rag,
        *[(code, badge(rx.icon(shape, size=12, fill="currentColor", aria_hidden="true"),
                       t(RAG_RATINGS[code]), color_scheme=colour, variant="soft",
                       class_name=f"rag rag-{code}"))
          for code, (shape, colour) in RAG_LOOKS.items()],
        rx.fragment(),
    )


def status_badge(status: rx.Var) -> rx.Component:
    return badge(label(status, ACTION_STATUSES), variant="outline", class_name="status")


def overdue_badge(overdue: rx.Var) -> rx.Component:
    return rx.cond(overdue, badge(rx.icon("clock", size=12, aria_hidden="true"), t("Overdue"),
                                  color_scheme="red", variant="solid"))


def native_select(control_id: str, heading: str, *options: rx.Component,
                  **props) -> rx.Component:
    """A labelled native select (it works by keyboard everywhere, and on phones)."""
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.el.select(*options, id=control_id, style=CONTROL_STYLE, **props),
        spacing="1", min_width="9rem", max_width="100%",
    )


def text_field(control_id: str, name: str, heading: str, value: rx.Var, type_: str = "text",
               **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.input(name=name, id=control_id, type=type_, default_value=value, key=value,
                 width="100%", max_width="36rem", **props),
        spacing="1", width="100%",
    )


def text_box(control_id: str, name: str, heading: str, value: rx.Var, rows: str = "4",
             **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.text_area(name=name, id=control_id, default_value=value, key=value, rows=rows,
                     width="100%", max_width="36rem", **props),
        spacing="1", width="100%",
    )


def check_group(legend: str, prefix: str, choices: rx.Var, chosen: rx.Var) -> rx.Component:
    """A fieldset of checkboxes, one per choice (``key``, ``name``: Bilingual); checked
    ones are sent with the form as ``<prefix>:<key>``."""
    return rx.el.fieldset(
        rx.el.legend(t(legend), class_name="field-label"),
        rx.foreach(choices, lambda c: rx.el.label(
            rx.el.input(type="checkbox", name=prefix + ":" + c.key,
                        default_checked=chosen.contains(prefix + ":" + c.key),
                        key=prefix + c.key + chosen.join(",")),
            " ", bilingual(c.name),
            class_name="check-choice", display="flex", gap="0.5rem", align_items="baseline",
        )),
        class_name="check-group",
    )


def fact(heading: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.box(rx.el.dt(t(heading), class_name="field-label"), rx.el.dd(value),
                  class_name="fact")


def scroll_table(label: str, *header: rx.Component | str, rows: rx.Var,
                 row, size: str = "2") -> rx.Component:
    """A table that may be wider than a phone: it scrolls sideways inside its own box,
    which is a named region in the Tab order, so the keyboard can scroll it too (``label``
    is a msgid naming it). Headings are msgids or ready header cells."""
    cells = [rx.table.column_header_cell(t(h)) if isinstance(h, str) else h for h in header]
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*cells)),
            rx.table.body(rx.foreach(rows, row)),
            variant="surface", size=size, width="100%",
        ),
        class_name="table-scroll steering-scroll", tab_index=0, role="region",
        aria_label=t(label), width="100%",
    )
