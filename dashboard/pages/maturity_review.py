"""The steering group's review: submitted self-assessments to accept or return with a
comment, and the import of a survey export."""

from __future__ import annotations

import reflex as rx

from components.cards import empty_state
from components.i18n import bilingual, t
from components.labels import label
from components.maturity import col, styles, table
from components.pager import pager
from components.shell import page
from components.survey_import import survey_import_section
from dashboard import routes
from dashboard.pages import routed
from state.maturity_review import ReviewState as R

CONFIDENCE = {"low": "Low", "medium": "Medium", "high": "High"}


def answer_row(answer: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(answer.name)),
        rx.table.cell(rx.cond(answer.not_applicable, t("Not applicable"), answer.level)),
        rx.table.cell(label(answer.confidence, CONFIDENCE)),
        rx.table.cell(rx.text(answer.evidence, size="1"),
                      rx.text(answer.links, size="1", white_space="pre-line")),
    )


def review_row(item: rx.Var) -> rx.Component:
    key = item.id
    field_id = "comment-" + key.to_string()
    return rx.table.row(
        rx.table.row_header_cell(
            bilingual(item.body),
            rx.el.details(
                rx.el.summary(t("Show the answers")),
                table([col("Dimension"), col("Level"), col("Confidence"), col("Evidence")],
                      rx.foreach(item.answers, answer_row)),
            ),
        ),
        rx.table.cell(item.round_name),
        rx.table.cell(bilingual(item.submitted)),
        rx.table.cell(
            rx.vstack(
                rx.button(t("Accept"), on_click=R.accept(key), size="1"),
                rx.el.label(t("Comment for the body"), html_for=field_id,
                            class_name="field-label"),
                rx.text_area(id=field_id, value=item.comment,
                             on_change=lambda v: R.set_comment(key, v), rows="2"),
                rx.button(t("Return with this comment"), on_click=R.send_back(key), size="1",
                          variant="soft", high_contrast=True),
                spacing="2", align="start",
            ),
        ),
    )


@routed(routes.MATURITY_REVIEW, "Review assessments", on_load=R.load)
def review() -> rx.Component:
    return page(
        "Review assessments",
        styles(),
        rx.cond(
            R.allowed,
            rx.cond(
                R.rows.length() > 0,
                rx.vstack(
                    table([col("Body"), col("Round"), col("Submitted"), col("Decision")],
                          rx.foreach(R.rows, review_row)),
                    pager(R, "Submitted assessments pages"),
                    width="100%",
                ),
                empty_state("No assessment is waiting for review."),
            ),
            rx.callout(R.problem, icon="info", role="status"),
        ),
        rx.cond(R.allowed, survey_import_section()),
        intro="Submitted self-assessments: accept them, or return them with a comment.",
    )
