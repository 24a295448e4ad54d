"""Actions: what the steering group has agreed to do, and where each action stands; as a
list (filters and sorting in the URL) or a board by status."""

from __future__ import annotations

import reflex as rx

from components.cards import empty_state
from components.i18n import bilingual, t
from components.membership import checkbox_filter, sort_header
from components.pager import pager
from components.shell import from_the_data, page
from components.steering import (
    CONTROL_STYLE,
    native_select,
    overdue_badge,
    rag_badge,
    scroll_table,
    status_badge,
)
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import ACTION_STATUSES, RAG_RATINGS
from state.actions import ActionsState as S


def status_control(action: rx.Var, control_id: rx.Var | str = "") -> rx.Component:
    """The steering group sees a select (native: it works by keyboard); everyone else the
    status as text."""
    return rx.cond(
        S.can_steer,
        rx.el.select(
            *[rx.el.option(t(name), value=code) for code, name in ACTION_STATUSES.items()],
            value=action.status,
            on_change=lambda status: S.change_status(action.id, status),
            aria_label=t("Status of {title}", title=bilingual(action.title)),
            style=CONTROL_STYLE,
        ),
        status_badge(action.status),
    )


def action_cell(action: rx.Var) -> rx.Component:
    """The action's title (a link to it), and under it what it involves."""
    return rx.table.row_header_cell(
        rx.el.div(rx.link(from_the_data(action.title, action.title_untranslated),
                          href=action.href), class_name="action-title"),
        rx.cond(
            action.description.en != "",
            rx.text(from_the_data(action.description, action.description_untranslated),
                    size="1", weight="regular", class_name="muted"),
        ),
    )


def action_row(action: rx.Var) -> rx.Component:
    return rx.table.row(
        action_cell(action),
        rx.table.cell(action.owner),
        rx.table.cell(rx.hstack(rx.text(bilingual(action.due)), overdue_badge(action.overdue),
                                spacing="2", align="center", wrap="wrap")),
        rx.table.cell(rx.vstack(rag_badge(action.rag),
                                rx.text(action.rag_reason, size="1", class_name="muted"),
                                spacing="1")),
        rx.table.cell(action.objectives),
        rx.table.cell(status_control(action)),
    )


def option_list(options: rx.Var) -> rx.Component:
    return rx.foreach(options, lambda o: rx.el.option(bilingual(o.name), value=o.key))


def filters() -> rx.Component:
    def select(name: str, heading: str, *options) -> rx.Component:
        return native_select(f"filter-{name}", heading, rx.el.option(t("All"), value=""),
                             *options, value=S.filters[name],
                             on_change=lambda v: S.set_filter(name, v))

    return rx.el.section(
        rx.flex(
            select("status", "Status",
                   *[rx.el.option(t(n), value=c) for c, n in ACTION_STATUSES.items()]),
            rx.cond(S.can_steer, select("owner", "Owner", option_list(S.owner_options))),
            select("objective", "Objective", option_list(S.objective_options)),
            select("goal", "Well-being goal", option_list(S.goal_options)),
            select("rag", "RAG rating",
                   *[rx.el.option(t(n), value=c) for c, n in RAG_RATINGS.items()]),
            wrap="wrap", gap="3", align="end",
        ),
        rx.flex(
            checkbox_filter("filter-overdue", "Only overdue", S.overdue,
                            lambda v: S.set_flag("overdue", v)),
            checkbox_filter("filter-open", "Only open", S.open_only,
                            lambda v: S.set_flag("open_only", v)),
            rx.cond(S.can_steer, checkbox_filter("filter-mine", "My actions", S.mine,
                                                 lambda v: S.set_flag("mine", v))),
            rx.button(t("Clear filters"), on_click=S.clear_filters, variant="soft", size="2"),
            wrap="wrap", gap="4", align="center",
        ),
        aria_label=t("Filters"),
        class_name="filters",
    )


def view_switch() -> rx.Component:
    return rx.hstack(
        rx.button(t("List"), on_click=S.set_view("list"), aria_pressed=S.view == "list",
                  variant=rx.cond(S.view == "list", "solid", "soft"), size="2"),
        rx.button(t("Board by status"), on_click=S.set_view("board"),
                  aria_pressed=S.view == "board",
                  variant=rx.cond(S.view == "board", "solid", "soft"), size="2"),
        rx.cond(S.can_steer, rx.link(t("New action"), href=routes.action_page("new"),
                                     class_name="button-link")),
        spacing="3", align="center", wrap="wrap",
    )


def card(action: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(from_the_data(action.title, action.title_untranslated), href=action.href,
                weight="medium"),
        rx.text(action.owner, size="1"),
        rx.hstack(rx.text(bilingual(action.due), size="1"), overdue_badge(action.overdue),
                  rag_badge(action.rag), wrap="wrap", spacing="2"),
        status_control(action),
        class_name="board-card",
    )


def board() -> rx.Component:
    """One column per status; each card's status select moves it (by keyboard too)."""
    return rx.box(
        rx.foreach(S.board, lambda column: rx.el.section(
            rx.heading(rx.match(column.status, *[(c, t(n)) for c, n in ACTION_STATUSES.items()],
                                column.status),
                       " (", column.total, ")", as_="h2", size="4"),
            rx.el.ul(rx.foreach(column.cards, card), class_name="board-cards"),
            class_name="board-column",
            aria_label=rx.match(column.status,
                                *[(c, t(n)) for c, n in ACTION_STATUSES.items()],
                                column.status),
        )),
        class_name="board",
    )


def action_list() -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.rows.length() > 0,
            scroll_table(
                "Actions",
                sort_header(S, "title", "Action"),
                sort_header(S, "owner", "Owner"),
                sort_header(S, "due", "Due"),
                sort_header(S, "rag", "RAG rating"),
                "Objectives",
                sort_header(S, "status", "Status"),
                rows=S.rows,
                row=action_row,
            ),
            empty_state("There are no actions to show."),
        ),
        pager(S, "Pages of actions"),
    )


@routed(routes.ACTIONS, "Actions", on_load=S.load)
def actions() -> rx.Component:
    return page(
        "Actions",
        rx.cond(
            S.allowed,
            rx.box(
                view_switch(),
                filters(),
                rx.cond(S.view == "board", board(), action_list()),
                class_name="steering-stack",
            ),
            rx.callout.root(rx.callout.text(S.problem), role="status"),
        ),
        intro="The steering group's actions, with their owners and due dates.",
    )
