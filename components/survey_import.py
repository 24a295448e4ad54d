"""The steering group's import of a survey export: choose the round and the file, preview
it, map the answers it does not know to levels, then import every row (or none).

A section the review page shows; its state is ``state.survey_import.SurveyImportState``.
"""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.i18n import pick, t
from components.maturity import col, table
from state.survey_import import SurveyImportState as S


def mapping_row(item: rx.Var, index: rx.Var) -> rx.Component:
    field_id = "map-" + index.to(str)
    return rx.table.row(
        rx.table.row_header_cell(item["answer"]),
        rx.table.cell(
            rx.el.label(t("Level for this answer"), html_for=field_id, class_name="sr-only"),
            rx.el.select(
                rx.el.option(t("Choose"), value=""),
                *[rx.el.option(str(lv), value=str(lv)) for lv in range(1, 6)],
                rx.el.option(t("Not applicable"), value="na"),
                id=field_id, value=item["level"],
                on_change=lambda v: S.set_answer_level(item["answer"], v),
            ),
        ),
    )


def survey_import_section() -> rx.Component:
    return section(
        "Import a survey export",
        rx.text(t("A CSV or Excel (.xlsx) file, e.g. a Microsoft Forms export, with a Body "
                  "column and one column per dimension, named as in the framework. Answers such as "
                  "'Level 3 - Developing' or 'Strongly agree' are mapped to levels; you map "
                  "any others below. Nothing is imported unless every row is right."), size="2"),
        rx.vstack(
            rx.el.label(t("Assessment round"), html_for="import-round", class_name="field-label"),
            rx.input(id="import-round", value=S.round_name, on_change=S.set_round_name,
                     max_width="12rem"),
            # The label around the drop zone names its file input for screen readers.
            rx.el.label(
                rx.text(t("Survey export (CSV or Excel)"), class_name="field-label"),
                rx.upload(
                    rx.vstack(
                        rx.text(t("Choose a file, or drop it here"), weight="medium"),
                        rx.foreach(rx.selected_files("survey"),
                                   lambda name: rx.text(name, size="2")),
                        align="start",
                    ),
                    id="survey",
                    accept={"text/csv": [".csv"],
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                [".xlsx"]}, max_files=1, multiple=False,
                    border="1px dashed var(--gray-8)", padding="1rem", border_radius="6px",
                    cursor="pointer",
                ),
                display="block",
            ),
            rx.button(t("Preview the import"),
                      on_click=S.upload(rx.upload_files(upload_id="survey"))),
            rx.cond(
                S.previewed,
                rx.vstack(
                    rx.text(t("Rows ready to import: {n}.", n=S.ready),
                            data_testid="import-ready"),
                    rx.cond(S.rejected.length() > 0, rx.vstack(
                        rx.heading(t("Rejected rows"), as_="h3", size="3"),
                        rx.el.ul(rx.foreach(S.rejected, lambda r: rx.el.li(pick(r["en"], r["cy"]))),
                                 data_testid="import-rejected"),
                    )),
                    rx.cond(S.unmapped.length() > 0, rx.vstack(
                        rx.heading(t("Map these answers to levels"), as_="h3", size="3"),
                        table([col("Answer in the file"), col("Level")],
                              rx.foreach(S.unmapped, mapping_row)),
                        width="100%",
                    )),
                    rx.button(t("Import every row"), on_click=S.commit,
                              disabled=(S.rejected.length() > 0) | (S.ready == 0)),
                    width="100%",
                ),
            ),
            spacing="3", align="start", width="100%",
        ),
        heading_id="import",
    )
