"""The event page's attendance import (steering group): upload an export, map its columns,
see the rows that would be rejected, import."""

from __future__ import annotations

import reflex as rx

from components.events import CONTROL_STYLE, file_picker
from components.i18n import bilingual, t, t_count
from state.attendance_import import AttendanceImportState as A

ACCEPT = {"text/csv": [".csv", ".tsv", ".txt"],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"]}


def column_choices() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.el.label(t("Email column"), html_for="att-email", class_name="field-label"),
            rx.el.select(rx.foreach(A.att_columns, lambda c: rx.el.option(c, value=c)),
                         id="att-email", value=A.att_email_col, on_change=A.set_att_email,
                         style=CONTROL_STYLE),
            spacing="1",
        ),
        rx.vstack(
            rx.el.label(t("Attended column (yes/no)"), html_for="att-attended",
                        class_name="field-label"),
            rx.el.select(
                rx.el.option(t("None: everyone listed attended"), value="none"),
                rx.foreach(A.att_columns, lambda c: rx.el.option(c, value=c)),
                id="att-attended",
                value=rx.cond(A.att_attended_col == "", "none", A.att_attended_col),
                on_change=A.set_att_attended, style=CONTROL_STYLE),
            spacing="1",
        ),
        spacing="4", wrap="wrap",
    )


def rejected_rows() -> rx.Component:
    return rx.vstack(
        rx.text(t("Rows that would be rejected: {n}. Fix them or change the column mapping: "
                  "nothing is imported while any row is rejected.", n=A.att_rejected_total),
                color="var(--red-11)"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("Row")),
                rx.table.column_header_cell(t("Why")),
            )),
            rx.table.body(rx.foreach(A.att_rejected, lambda r: rx.table.row(
                rx.table.row_header_cell(r.row),
                rx.table.cell(bilingual(r.reason)),
            ))),
            size="1",
        ), class_name="table-scroll"),
        spacing="2",
    )


def attendance_import() -> rx.Component:
    """Steering group: upload an export, map its columns, see rejected rows, import."""
    return rx.el.section(
        rx.heading(t("Import attendance"), as_="h2", size="4", id="attendance-import"),
        rx.text(t("A CSV or Excel export (e.g. Eventbrite attendees or a Teams attendance "
                  "report). People are matched by email to those who were members on the "
                  "day; others are counted without keeping their email."), size="2"),
        file_picker("attendance-upload", "Attendance file (CSV or Excel)", ACCEPT),
        rx.button(t("Preview"), size="2", variant="soft", high_contrast=True,
                  on_click=A.upload_attendance(rx.upload_files(upload_id="attendance-upload"))),
        rx.cond(
            A.att_mapped,
            rx.vstack(
                column_choices(),
                rx.text(t_count(A.att_accepted, "{n} person ready to import.",
                                "{n} people ready to import.", n=A.att_accepted),
                        data_testid="attendance-ready"),
                rx.cond(
                    A.att_rejected_total > 0,
                    rejected_rows(),
                    rx.button(t("Import attendance"), on_click=A.import_attendance, size="2"),
                ),
                spacing="3", margin_top="0.75rem",
            ),
        ),
        aria_labelledby="attendance-import",
        class_name="section",
        width="100%",
    )
