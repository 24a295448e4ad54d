"""Actions: what the steering group has agreed to do, and where each action stands."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state
from components.i18n import bilingual, t
from components.labels import label
from components.pager import pager
from components.shell import from_the_data, page
from components.tables import data_table
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import ACTION_STATUSES
from state.actions import ActionsState as S


def status_control(action: rx.Var) -> rx.Component:
    """The steering group sees a select; everyone else the status as text."""
    return rx.cond(
        S.can_steer,
        rx.select.root(
            rx.select.trigger(aria_label=t("Status of {title}", title=bilingual(action.title))),
            rx.select.content(*[rx.select.item(t(name), value=code)
                                for code, name in ACTION_STATUSES.items()]),
            value=action.status,
            on_change=lambda status: S.change_status(action.id, status),
            size="1",
        ),
        badge(label(action.status, ACTION_STATUSES), variant="soft"),
    )


def action_cell(action: rx.Var) -> rx.Component:
    """The action's title, and under it what it involves (each in the reader's language)."""
    return rx.table.row_header_cell(
        rx.el.div(from_the_data(action.title, action.title_untranslated),
                  class_name="action-title"),
        rx.cond(
            action.description.en != "",
            rx.text(from_the_data(action.description, action.description_untranslated),
                    size="1", weight="regular", class_name="muted"),
        ),
    )


def action_row(action: rx.Var) -> rx.Component:
    return rx.table.row(
        action_cell(action),
        rx.cond(S.signed_in, rx.table.cell(action.owner)),
        rx.table.cell(
            rx.hstack(
                rx.text(bilingual(action.due)),
                rx.cond(action.overdue, badge(t("Overdue"), color_scheme="red")),
                spacing="2", align="center",
            )
        ),
        rx.table.cell(status_control(action)),
    )


@routed(routes.ACTIONS, "Actions", on_load=S.load)
def actions() -> rx.Component:
    return page(
        "Actions",
        rx.el.label(
            rx.hstack(
                rx.checkbox(checked=S.open_only, on_change=S.set_open_only, id="open-only"),
                rx.text(t("Show only open actions"), size="2"),
                align="center", spacing="2",
            ),
            html_for="open-only",
            class_name="filter",
        ),
        rx.cond(
            S.rows.length() > 0,
            data_table(
                "Action",
                rx.cond(S.signed_in, rx.table.column_header_cell(t("Owner"))),
                "Due",
                "Status",
                rows=S.rows,
                row=action_row,
            ),
            empty_state("There are no actions to show."),
        ),
        pager(S, "Pages of actions"),
        intro="The steering group's actions, with their owners and due dates.",
    )
