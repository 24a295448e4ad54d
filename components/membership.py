"""Small pieces the membership pages share: labelled form fields and selects, filters that
apply at once, and download links for a list's view."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.config import get_config

from components.i18n import bilingual, t, t_count
from components.tables import data_table

# A native select in a filter bar, and in a form.
CONTROL_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "0.9rem",
    "min_height": "2rem", "max_width": "100%",
}
SELECT_STYLE = {
    "padding": "0.4rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "max_width": "100%",
}


def field(control_id: str, heading: str, control: rx.Component,
          hint: str | None = None) -> rx.Component:
    """A form control with its label (a msgid) above it, and an optional hint (a msgid,
    with the id ``<control_id>-hint`` for ``aria_describedby``)."""
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, font_weight="600"),
        (rx.text(t(hint), size="2", class_name="muted", id=f"{control_id}-hint") if hint
         else rx.fragment()),
        control,
        spacing="1",
        width="100%",
    )


def select_filter(name: str, heading: str, options: list[tuple[str, str]], value: rx.Var,
                  on_change: Callable, control_id: str = "") -> rx.Component:
    """A labelled native select that applies at once: ``on_change(name, chosen)``. The first
    option, 'All', means no filter; ``options`` are (code, msgid) pairs."""
    control_id = control_id or f"filter-{name}"
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, font_size="0.85rem", font_weight="500"),
        rx.el.select(
            rx.el.option(t("All"), value=""),
            *[rx.el.option(t(text), value=code) for code, text in options],
            id=control_id,
            value=value,
            on_change=lambda chosen: on_change(name, chosen),
            style=CONTROL_STYLE,
        ),
        spacing="1",
        min_width="8rem",
    )


def download_links(label, link: Callable[[str], str], query_string: rx.Var,
                   *more: rx.Component) -> rx.Component:
    """'Download this list: CSV, Excel (XLSX)': ``link(fmt)`` is the backend route (from
    ``dashboard.routes``), followed by the view's query string."""
    api = get_config().api_url.rstrip("/")
    return rx.hstack(
        rx.text(label, size="2"),
        rx.link(t("CSV"), href=api + link("csv") + "?" + query_string, underline="always",
                size="2"),
        rx.link(t("Excel (XLSX)"), href=api + link("xlsx") + "?" + query_string,
                underline="always", size="2"),
        *more,
        spacing="3",
        align="center",
        wrap="wrap",
    )


def checkbox_filter(control_id: str, heading: str, checked: rx.Var,
                    on_change: Callable) -> rx.Component:
    """A labelled checkbox that applies at once."""
    return rx.el.label(
        rx.hstack(
            rx.checkbox(checked=checked, on_change=on_change, id=control_id),
            rx.text(t(heading), size="2"),
            align="center",
            spacing="2",
        ),
        html_for=control_id,
        class_name="filter",
    )


def sort_header(list_state: type[rx.State], column: str, heading: str) -> rx.Component:
    """A column heading that sorts a list by ``column`` (again: the other way round); the
    list's state has ``sort``, ``descending`` and ``sort_by(column)``."""
    active = list_state.sort == column
    descending = list_state.descending
    return rx.table.column_header_cell(
        rx.button(
            t(heading),
            rx.cond(active,
                    rx.cond(descending, rx.icon("arrow_down", size=14, aria_hidden="true"),
                            rx.icon("arrow_up", size=14, aria_hidden="true")),
                    rx.icon("arrow_up_down", size=14, aria_hidden="true", opacity="0.5")),
            on_click=list_state.sort_by(column),
            variant="ghost",
            high_contrast=True,
            size="2",
        ),
        aria_sort=rx.cond(active, rx.cond(descending, "descending", "ascending"), "none"),
    )


def number_headers(*headings: str) -> list[rx.Component]:
    """Headings (msgids) of columns of numbers, aligned right like the numbers."""
    return [rx.table.column_header_cell(t(h), text_align="right") for h in headings]


def coverage_table(rows: rx.Var, heading: str, show_outreach: Callable) -> rx.Component:
    """Coverage by type of body or by region (``state.members.CoverageItem`` rows): the count
    of bodies without a member is a button, ``show_outreach(key)``, that lists them."""

    def coverage_row(row: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(bilingual(row.label)),
            rx.table.cell(t("{n} of {total}", n=row.represented, total=row.total),
                          text_align="right"),
            rx.table.cell(row.percent, "%", text_align="right"),
            rx.table.cell(
                rx.cond(
                    row.missing == 0,
                    rx.el.span("0", style={"padding_right": "0.4rem"}),  # as the buttons' text
                    rx.button(
                        row.missing, on_click=show_outreach(row.key),
                        variant="ghost", size="1", high_contrast=True,
                        aria_label=t_count(row.missing,
                                           "Show the {n} body without a member: {group}",
                                           "Show the {n} bodies without a member: {group}",
                                           n=row.missing, group=bilingual(row.label)),
                        class_name="link-button",
                    ),
                ),
                text_align="right",
            ),
        )

    return data_table(
        rx.table.column_header_cell(t(heading)),
        *number_headers("Bodies with a member", "Share", "Without a member"),
        rows=rows,
        row=coverage_row,
        size="1",
    )


def search_form(control_id: str, label: rx.Var | str, value: rx.Var,
                on_submit: Callable) -> rx.Component:
    """A search box (``q``, at most 100 characters) with its label and a Search button;
    ``value`` is the search shown, and the box is drawn again when it changes."""
    return rx.form(
        rx.vstack(
            rx.el.label(label, html_for=control_id, font_size="0.85rem", font_weight="500"),
            rx.hstack(
                rx.input(name="q", id=control_id, default_value=value, type="search", key=value,
                         max_length=100, width="18rem", max_width="100%"),
                rx.button(rx.icon("search", aria_hidden="true", size=16), t("Search"),
                          type="submit", size="2"),
                spacing="2",
                wrap="wrap",
            ),
            spacing="1",
        ),
        on_submit=on_submit,
        role="search",
    )
