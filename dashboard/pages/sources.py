"""Data sources: where the dashboard's data comes from, and how the last sync went."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state
from components.i18n import bilingual, t
from components.labels import label
from components.shell import from_the_data, page
from components.tables import data_table
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import SOURCE_KINDS, SYNC_STATUSES
from state.sources import SourcesState as S


def source_row(source: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(from_the_data(source.name, source.name_untranslated)),
        rx.table.cell(label(source.kind, SOURCE_KINDS)),
        rx.table.cell(
            rx.cond(
                source.status != "",
                badge(label(source.status, SYNC_STATUSES),
                         color_scheme=rx.match(source.status, ("failed", "red"),
                                               ("succeeded", "grass"), "gray")),
                rx.text(t("Never synced"), class_name="muted"),
            )
        ),
        rx.table.cell(bilingual(source.finished)),
        rx.table.cell(source.message),
    )


@routed(routes.SOURCES, "Data sources", on_load=S.load)
def sources() -> rx.Component:
    return page(
        "Data sources",
        rx.cond(
            S.rows.length() > 0,
            data_table(
                "Source",
                "Kind",
                "Last sync",
                "Finished",
                "Message",
                rows=S.rows,
                row=source_row,
            ),
            empty_state("No data sources are set up yet."),
        ),
        intro="The systems Cymuned pulls its data from, and how each one's last sync went.",
    )
