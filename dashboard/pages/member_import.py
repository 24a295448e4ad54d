"""Import members from a CSV or Excel file: upload, map the columns, check, then import."""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.i18n import pick, t, t_count
from components.pager import legacy_pager
from components.shell import page
from components.tables import data_table
from dashboard import routes
from dashboard.pages import routed
from state.member_import import MemberImportState as S

FIELD_NAMES = {
    "full_name": "Full name",
    "email": "Email",
    "organisation": "Organisation",
    "job_title": "Job title",
    "interests": "Interests",
    "language": "Preferred language",
    "joined_on": "Joined",
    "consent": "Consent",
}
REQUIRED = ("full_name", "email", "organisation", "consent")
SELECT_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "max_width": "100%",
}


def upload_step() -> rx.Component:
    return section(
        "1. Choose the file",
        rx.text(t("A CSV (UTF-8) or Excel (.xlsx) file with a row of headings, e.g. an export "
                  "from Microsoft Forms. Dates as dd/mm/yyyy; bodies by their English or Welsh "
                  "name. People already in the community are updated, matched by email."),
                class_name="muted"),
        # The label around the drop zone names its file input for screen readers.
        rx.el.label(
            rx.text(t("Members file"), font_weight="600"),
            rx.upload(
                rx.vstack(
                    rx.text(t("Choose a CSV or Excel file, or drop it here"), weight="medium"),
                    rx.text(rx.cond(rx.selected_files("member-file").length() > 0,
                                    rx.selected_files("member-file")[0], t("No file chosen")),
                            size="2"),
                    align="start",
                ),
                id="member-file",
                accept={"text/csv": [".csv"],
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                            [".xlsx"]},
                max_files=1,
                multiple=False,
                border="1px dashed var(--gray-8)", padding="1rem", border_radius="6px",
                cursor="pointer",
            ),
            display="block",
        ),
        rx.button(t("Upload and map columns"), size="2", align_self="start",
                  on_click=S.upload(rx.upload_files(upload_id="member-file"))),
        heading_id="import-upload",
    )


def mapping_control(name: str) -> rx.Component:
    control_id = f"map-{name}"
    return rx.table.row(
        rx.table.row_header_cell(
            rx.el.label(t(FIELD_NAMES[name]), html_for=control_id),
            rx.text(" *", as_="span", aria_hidden="true") if name in REQUIRED else rx.fragment(),
        ),
        rx.table.cell(rx.el.select(
            rx.el.option(t("(not in the file)"), value=""),
            rx.foreach(S.headers, lambda h: rx.el.option(h, value=h)),
            id=control_id, value=S.mapping[name],
            on_change=lambda value: S.set_mapping(name, value), style=SELECT_STYLE,
        )),
    )


def map_step() -> rx.Component:
    return section(
        "2. Match the columns",
        rx.text(t("File: {name}. Fields marked * are required.", name=S.filename),
                class_name="muted"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell(t("Field")),
                    rx.table.column_header_cell(t("Column in the file")),
                )),
                rx.table.body(*[mapping_control(name) for name in FIELD_NAMES]),
                variant="surface", size="1",
            ),
            class_name="table-scroll",
        ),
        rx.button(t("Check the rows"), on_click=S.check, size="2", align_self="start"),
        heading_id="import-map",
    )


def preview_step() -> rx.Component:
    return section(
        "3. Check and import",
        rx.text(t("Rows ready: {ready} ({add} new, {update} to update). Rows rejected: {rejected}.",
                  ready=S.ready, add=S.to_add, update=S.to_update, rejected=S.rejected_total),
                data_testid="import-summary"),
        rx.cond(
            S.rejected_total > 0,
            rx.fragment(
                rx.callout(t("Nothing can be imported until every row is right: correct these "
                             "rows in the file and upload it again."),
                           icon="triangle_alert", color_scheme="red", role="alert",
                           high_contrast=True),
                data_table(
                    "Row",
                    "Reason",
                    rows=S.rejected,
                    row=lambda r: rx.table.row(
                            rx.table.row_header_cell(r["row"]),
                            rx.table.cell(pick(r["reason_en"], r["reason_cy"]), white_space="pre-line"),
                        ),
                    size="1",
                ),
                legacy_pager(S.rejected_page, S.rejected_pages, S.rejected_total, S.rejected_previous,
                      S.rejected_next, "Pages of rejected rows"),
            ),
        ),
        rx.hstack(
            rx.button(t_count(S.ready, "Import {n} member", "Import {n} members", n=S.ready), on_click=S.commit,
                      disabled=(S.rejected_total > 0) | (S.ready == 0)),
            rx.button(t("Back to the columns"), on_click=S.back_to_mapping, variant="soft",
                      high_contrast=True),
            spacing="2", wrap="wrap",
        ),
        heading_id="import-preview",
    )


@routed(routes.MEMBER_IMPORT, "Import members", on_load=S.load)
def member_import() -> rx.Component:
    return page(
        "Import members",
        rx.link(t("Back to the members"), href=routes.MEMBERS, underline="always"),
        rx.cond(
            S.can_steer,
            rx.fragment(
                upload_step(),
                rx.cond(S.step == "map", map_step()),
                rx.cond(S.step == "preview", preview_step()),
            ),
            rx.text(t("Only the steering group can import members."), class_name="empty-state",
                    margin_top="1rem"),
        ),
    )
