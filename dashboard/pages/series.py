"""One series: each of its events with attendance and recording views, and the totals."""

from __future__ import annotations

import reflex as rx

from components.events import back_link, data_text, named_page, status_badge
from components.i18n import bilingual, number, t
from components.live import as_of, live_updates
from dashboard import routes
from dashboard.pages import routed
from state.series import SeriesState as S


def series_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(data_text(row.title, row.title_untranslated), href=row.href,
                    underline="always"),
            rx.cond(row.cancelled, status_badge(row.status, margin_left="0.5rem"))),
        rx.table.cell(bilingual(row.when)),
        rx.table.cell(number(row.attendance)),
        rx.table.cell(rx.cond(row.has_views, number(row.views), "–")),
    )


def series_table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("Event")),
                rx.table.column_header_cell(t("When")),
                rx.table.column_header_cell(t("Attended")),
                rx.table.column_header_cell(t("Recording views")),
            )),
            rx.table.body(rx.foreach(S.rows, series_row)),
            # The totals in the table's footer: a row straight inside <table> is not valid
            # HTML (the browser adds a <tbody>, and hydration fails).
            rx.el.tfoot(rx.table.row(
                rx.table.row_header_cell(t("Total")),
                rx.table.cell(""),
                rx.table.cell(number(S.attendance)),
                rx.table.cell(number(S.views)),
            ), class_name="series-totals"),
        ),
        class_name="table-scroll", width="100%",
    )


@routed(routes.SERIES, "Series", on_load=S.load)
def series_page() -> rx.Component:
    return named_page(
        "Series", S.title, S.tab_title, S.found,
        rx.cond(
            S.found,
            rx.vstack(
                back_link(), live_updates(), as_of("events"),
                rx.text(bilingual(S.description)),
                rx.hstack(
                    rx.card(rx.text(t("Attended"), size="2"),
                            rx.text(number(S.attendance), class_name="figure-value",
                                    data_testid="series-attendance")),
                    rx.card(rx.text(t("Recording views"), size="2"),
                            rx.text(number(S.views), class_name="figure-value",
                                    data_testid="series-views")),
                    spacing="3", wrap="wrap",
                ),
                series_table(),
                rx.link(t("Subscribe to this series (.ics)"), href=bilingual(S.feed_url),
                        underline="always"),
                spacing="3", align="start", width="100%",
            ),
            rx.vstack(rx.text(S.problem, class_name="empty-state"), back_link()),
        ),
        test_id="series-title",
    )
