"""The steering group's import of a survey export, on the review page: the import wizard
(choose the round and the file, match the body column, check every row, import every row or
none), with the answers no level is known for mapped to levels in its last step.

Its state is ``state.survey_import.SurveyImportState``.
"""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.i18n import t
from components.import_wizard import SELECT_STYLE, ImportTexts, import_wizard
from components.maturity import col, table
from state.survey_import import SurveyImportState as S

# The survey's fields (state.survey_import.FIELDS): the dimensions' columns are matched by name.
FIELD_LABELS = {"body": "Body"}
TEXTS = ImportTexts(
    file_label="Survey export (CSV or Excel)",
    intro="A CSV or Excel (.xlsx) file, e.g. a Microsoft Forms export, with a Body column and "
          "one column per dimension, named as in the framework. Answers such as 'Level 3 - "
          "Developing' or 'Strongly agree' are mapped to levels; you map any others below. "
          "Nothing is imported unless every row is right.",
    summary="Rows ready to import: {n}.",
    rejected_note="Nothing can be imported until every row is right: map the answers below to "
                  "levels, or correct these rows in the file and upload it again.",
    commit_one="Import every row",
    commit_other="Import every row",
)


def round_field() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Assessment round"), html_for="import-round", class_name="field-label"),
        rx.input(id="import-round", value=S.round_name, on_change=S.set_round_name,
                 max_width="12rem"),
        spacing="1",
    )


def answer_row(item: rx.Var, index: rx.Var) -> rx.Component:
    field_id = "answer-level-" + index.to(str)
    return rx.table.row(
        rx.table.row_header_cell(item.answer),
        rx.table.cell(
            rx.el.label(t("Level for this answer"), html_for=field_id, class_name="sr-only"),
            rx.el.select(
                rx.el.option(t("Choose"), value=""),
                *[rx.el.option(str(level), value=str(level)) for level in range(1, 6)],
                rx.el.option(t("Not applicable"), value="na"),
                id=field_id, value=item.level, style=SELECT_STYLE,
                on_change=lambda value: S.set_answer_level(item.answer, value),
            ),
        ),
    )


def answer_levels() -> rx.Component:
    return rx.cond(
        S.answers.length() > 0,
        rx.vstack(
            rx.heading(t("Map these answers to levels"), as_="h3", size="3"),
            table([col("Answer in the file"), col("Level")], rx.foreach(S.answers, answer_row)),
            width="100%",
        ),
    )


def survey_import_section() -> rx.Component:
    return section(
        "Import a survey export",
        import_wizard(S, fields=FIELD_LABELS, required=("body",), texts=TEXTS,
                      upload_id="survey", before_file=round_field(), in_preview=answer_levels()),
        heading_id="import",
    )
