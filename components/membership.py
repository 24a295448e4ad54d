"""Small pieces the membership pages share: labelled form fields and selects, filters that
apply at once, download links for a list's view, long names that wrap, and the steering
group's queue of requests to join."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from components.i18n import bilingual, t, t_count
from components.tables import data_table
from state.base import backend_url

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


_LONG_TEXT = {("8rem", "22rem"): "long-text", ("6rem", "22rem"): "long-text long-text-6",
              ("12rem", "22rem"): "long-text long-text-12",
              ("4rem", "28rem"): "long-text long-text-4 long-text-wide"}


def long_text(content: rx.Component | rx.Var | str, min_width: str = "8rem",
              max_width: str = "22rem") -> rx.Component:
    """A name (of a person, a body, an email...) that may be very long: it wraps between
    words, or anywhere when a word alone is too long (200 letters with no space), within a
    column ``min_width`` to ``max_width`` wide, so it never pushes the rest of a row off
    the screen. All of it stays on screen. (Classes in assets/cymuned.css, not a style per
    element: lists draw it in every row.)"""
    return rx.el.div(content, class_name=_LONG_TEXT[(min_width, max_width)])


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
    api = backend_url()
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


def join_queue(requests: type[rx.State]) -> rx.Component:
    """The requests to join (``state.members.JoinRequestsState``), one item each: who, their
    email, body, job title and when they asked, then Approve and Decline. The details wrap
    and the buttons go below them on a narrow screen, so however long a name is, the
    buttons stay on screen."""

    def detail(heading: str, value: rx.Component | rx.Var) -> rx.Component:
        return rx.box(rx.el.dt(t(heading), class_name="muted", font_size="0.85rem"),
                      rx.el.dd(value, margin_left="0", overflow_wrap="anywhere"),
                      min_width="0")

    def item(request: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.flex(
                rx.box(
                    rx.text(request.name, weight="bold", overflow_wrap="anywhere"),
                    rx.el.dl(
                        detail("Email", request.email),
                        detail("Body", bilingual(request.organisation)),
                        rx.cond(request.job != "", detail("Job title", request.job)),
                        detail("Asked on", bilingual(request.requested)),
                        display="grid", gap="0.25rem 1rem", margin="0.25rem 0 0 0",
                        grid_template_columns="repeat(auto-fit, minmax(12rem, 1fr))",
                    ),
                    flex="1 1 20rem", min_width="0",
                ),
                rx.hstack(
                    rx.button(t("Approve"), on_click=requests.decide(request.id, True),
                              size="2", aria_label=t("Approve {name}", name=request.name)),
                    rx.button(t("Decline"), on_click=requests.decide(request.id, False),
                              size="2", variant="soft", color_scheme="red", high_contrast=True,
                              aria_label=t("Decline {name}", name=request.name)),
                    spacing="2", flex="0 0 auto",
                ),
                gap="0.75rem 1.5rem", wrap="wrap", align="start", justify="between",
            ),
            padding="0.75rem 0", border_bottom="1px solid var(--gray-5)",
        )

    return rx.el.ul(rx.foreach(requests.rows, item), list_style="none", padding="0",
                    margin="0", border_top="1px solid var(--gray-5)", width="100%")
