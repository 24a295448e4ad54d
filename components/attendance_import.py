"""The event page's attendance import (steering group): the import wizard for an event's
registration or attendance export (upload, match the columns, check every row, import)."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.import_wizard import ImportTexts, import_wizard
from state.attendance_import import AttendanceImportState as A

ACCEPT = {"text/csv": [".csv", ".tsv", ".txt"],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"]}
# The attendance file's fields (dashboard.domain.events.attendance_import.FIELDS), in order.
FIELD_LABELS = {"email": "Email column", "attended": "Attended column (yes/no)"}
TEXTS = ImportTexts(
    file_label="Attendance file (CSV or Excel)",
    intro="A CSV or Excel export (e.g. Eventbrite attendees or a Teams attendance report). "
          "People are matched by email to those who were members on the day; others are "
          "counted without keeping their email.",
    summary="{n} people ready to import.",
    summary_one="{n} person ready to import.",
    rejected_note="Rows that would be rejected: {n}. Fix them or change the column mapping: "
                  "nothing is imported while any row is rejected.",
    commit_one="Import attendance",
    commit_other="Import attendance",
)


def attendance_import() -> rx.Component:
    """Steering group: upload an export, map its columns, see rejected rows, import."""
    return rx.el.section(
        rx.heading(t("Import attendance"), as_="h2", size="4", id="attendance-import"),
        import_wizard(A, fields=FIELD_LABELS, required=("email",), texts=TEXTS,
                      upload_id="attendance-upload", accept=ACCEPT,
                      blank={"attended": "None: everyone listed attended"}),
        aria_labelledby="attendance-import",
        class_name="section",
        width="100%",
    )
