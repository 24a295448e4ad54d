"""The import wizard's steps, for any import state built on ``state.import_wizard``.

    import_wizard(MemberImportState, fields=FIELD_LABELS, required=REQUIRED,
                  texts=MEMBER_TEXTS, upload_id="member-file")

shows 1. the upload zone, 2. a select per field to match it to one of the file's columns,
3. the counts, the rejected rows (row number and every reason, paged) and the commit and
back buttons. One wizard a page (its headings and controls have fixed ids). An import that
needs more than the columns (the survey's round, its answers' levels) adds its own controls
to the first and last steps.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import reflex as rx

from components.cards import section
from components.i18n import bilingual, t, t_count
from components.pager import pager
from components.tables import data_table

SELECT_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "max_width": "100%",
}
ACCEPT = {"text/csv": [".csv"],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"]}


@dataclass(frozen=True)
class ImportTexts:
    """The msgids that are the import's own."""

    file_label: str  # names the file input, e.g. "Members file"
    intro: str  # what file to choose, and what importing it does
    # The preview's counts; may use {ready} (or {n}), {add}, {update}, {unchanged} and
    # {rejected}.
    summary: str
    commit_one: str  # the import button for one row: "Import {n} member"
    commit_other: str  # and for any other number: "Import {n} members"
    summary_one: str = ""  # ``summary`` for one row ready, when it differs
    # Above the rejected rows; may use {n} (how many there are).
    rejected_note: str = ("Nothing can be imported until every row is right: correct these "
                          "rows in the file and upload it again.")


def upload_step(state: type[rx.State], texts: ImportTexts, upload_id: str,
                accept: Mapping[str, list[str]], extra: rx.Component) -> rx.Component:
    chosen = rx.selected_files(upload_id)
    return section(
        "1. Choose the file",
        rx.text(t(texts.intro), class_name="muted"),
        extra,
        # The label around the drop zone names its file input for screen readers.
        rx.el.label(
            rx.text(t(texts.file_label), font_weight="600"),
            rx.upload(
                rx.vstack(
                    rx.text(t("Choose a CSV or Excel file, or drop it here"), weight="medium"),
                    rx.text(rx.cond(chosen.length() > 0, chosen[0], t("No file chosen")),
                            size="2"),
                    align="start",
                ),
                id=upload_id,
                accept=dict(accept),
                max_files=1,
                multiple=False,
                border="1px dashed var(--gray-8)", padding="1rem", border_radius="6px",
                cursor="pointer",
            ),
            display="block",
        ),
        rx.button(t("Upload and map columns"), size="2", align_self="start",
                  loading=state.step == "reading",
                  on_click=state.upload(rx.upload_files(upload_id=upload_id))),
        rx.cond(state.step == "reading",
                rx.text(t("Reading the file…"), role="status", size="2")),
        heading_id="import-upload",
    )


def cancel_button(state: type[rx.State]) -> rx.Component:
    """Start again: the server drops the file and its rows."""
    return rx.button(t("Cancel the import"), on_click=state.cancel, variant="outline",
                     size="2", data_testid="import-cancel")


def mapping_control(state: type[rx.State], name: str, label: str, required: bool,
                    blank: str) -> rx.Component:
    control_id = f"map-{name}"
    return rx.table.row(
        rx.table.row_header_cell(
            rx.el.label(t(label), html_for=control_id),
            rx.text(" *", as_="span", aria_hidden="true") if required else rx.fragment(),
        ),
        rx.table.cell(rx.el.select(
            rx.el.option(t(blank), value=""),
            rx.foreach(state.headers, lambda h: rx.el.option(h, value=h)),
            id=control_id, value=state.mapping[name],
            on_change=lambda value: state.set_mapping(name, value), style=SELECT_STYLE,
        )),
    )


def map_step(state: type[rx.State], fields: Mapping[str, str], required: Collection[str],
             blank: Mapping[str, str]) -> rx.Component:
    return section(
        "2. Match the columns",
        rx.text(t("File: {name}. Fields marked * are required.", name=state.filename),
                class_name="muted"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell(t("Field")),
                    rx.table.column_header_cell(t("Column in the file")),
                )),
                rx.table.body(*[mapping_control(state, name, label, name in required,
                                                blank.get(name, "(not in the file)"))
                                for name, label in fields.items()]),
                variant="surface", size="1",
            ),
            class_name="table-scroll",
        ),
        rx.hstack(
            rx.button(t("Check the rows"), on_click=state.check, size="2"),
            cancel_button(state),
            spacing="2", wrap="wrap",
        ),
        heading_id="import-map",
    )


def rejected_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.row),
        rx.table.cell(bilingual(row.reasons), white_space="pre-line"),
    )


def summary(state: type[rx.State], texts: ImportTexts) -> rx.Var:
    counts = dict(ready=state.ready, n=state.ready, add=state.to_add, update=state.to_update,
                  unchanged=state.unchanged, rejected=state.total)
    if texts.summary_one:
        return t_count(state.ready, texts.summary_one, texts.summary, **counts)
    return t(texts.summary, **counts)


def preview_step(state: type[rx.State], texts: ImportTexts,
                 extra: rx.Component) -> rx.Component:
    return section(
        "3. Check and import",
        rx.text(summary(state, texts), data_testid="import-summary"),
        rx.cond(
            state.total > 0,
            rx.fragment(
                rx.callout(t(texts.rejected_note, n=state.total), icon="triangle_alert",
                           color_scheme="red", role="alert", high_contrast=True),
                data_table("Row", "Reason", rows=state.rows, row=rejected_row, size="1"),
                pager(state, "Pages of rejected rows"),
            ),
        ),
        extra,
        rx.hstack(
            rx.button(t_count(state.ready, texts.commit_one, texts.commit_other, n=state.ready),
                      on_click=state.commit, disabled=(state.total > 0) | (state.ready == 0)),
            rx.button(t("Back to the columns"), on_click=state.back_to_mapping, variant="soft",
                      high_contrast=True),
            cancel_button(state),
            spacing="2", wrap="wrap",
        ),
        heading_id="import-preview",
    )


def import_wizard(state: type[rx.State], *, fields: Mapping[str, str],
                  required: Collection[str], texts: ImportTexts, upload_id: str,
                  accept: Mapping[str, list[str]] = ACCEPT,
                  blank: Mapping[str, str] | None = None,
                  before_file: rx.Component | None = None,
                  in_preview: rx.Component | None = None) -> rx.Component:
    """The wizard of an import state (``state.import_wizard.ImportWizard``).

    ``fields``: field -> its label's msgid, in form order (the state's ``_import_fields``);
    ``required``: the fields marked *; ``upload_id``: the upload zone's id (and its file
    input's, for tests); ``accept``: the file types the zone offers; ``blank``: field -> the
    msgid of its empty choice, where it means more than "(not in the file)";
    ``before_file``: the import's own controls above the file; ``in_preview``: below the
    rejected rows, above the import button.
    """
    return rx.fragment(
        upload_step(state, texts, upload_id, accept, before_file or rx.fragment()),
        rx.cond(state.step == "map", map_step(state, fields, required, blank or {})),
        rx.cond(state.step == "preview", preview_step(state, texts, in_preview or rx.fragment())),
    )
