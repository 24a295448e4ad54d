"""The decisions log: search it, record a decision, supersede or reverse one (steering)."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.i18n import bilingual, t
from components.labels import label
from components.membership import search_form
from components.pager import pager
from components.shell import from_the_data, page
from components.steering import check_group, native_select, scroll_table, text_box, text_field
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import DECISION_STATUSES
from state.decisions import DecisionsState as S


def status_cell(d: rx.Var) -> rx.Component:
    return rx.vstack(
        badge(label(d.status, DECISION_STATUSES), variant="soft",
              color_scheme=rx.match(d.status, ("active", "green"), ("reversed", "red"), "gray")),
        rx.cond(d.superseded_by != "", rx.text(t("by {reference}", reference=d.superseded_by),
                                               size="1")),
        spacing="1",
    )


def change_controls(d: rx.Var) -> rx.Component:
    """Supersede (by reference) or reverse: only while the decision is active."""
    return rx.cond(
        d.active,
        rx.vstack(
            rx.form(
                rx.el.input(type="hidden", name="id", value=d.id),
                rx.el.input(type="hidden", name="version", value=d.version),
                rx.hstack(
                    rx.input(name="replacement", placeholder="DEC-001", size="1", width="7rem",
                             aria_label=t("Superseded by (reference) for {reference}",
                                          reference=d.reference)),
                    rx.button(t("Supersede"), type="submit", size="1", variant="soft"),
                    spacing="1",
                ),
                on_submit=S.supersede, reset_on_submit=False,
            ),
            rx.button(t("Reverse"), size="1", variant="outline", color_scheme="red",
                      on_click=S.reverse(d.id, d.version),
                      aria_label=t("Reverse {reference}", reference=d.reference)),
            spacing="1",
        ),
    )


def decision_row(d: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(d.reference),
        rx.table.cell(bilingual(d.decided)),
        rx.table.cell(rx.text(from_the_data(d.text, d.text_untranslated)),
                      rx.text(bilingual(d.rationale), size="1", class_name="muted")),
        rx.table.cell(d.decided_by),
        rx.table.cell(bilingual(d.review)),
        rx.table.cell(status_cell(d)),
        rx.table.cell(change_controls(d)),
    )


def record_form() -> rx.Component:
    v = S.values
    return section(
        "Record a decision",
        rx.form(
            rx.vstack(
                text_box("decision-text", "text", "Decision", v["text"], rows="2"),
                text_box("decision-text-cy", "text_cy", "Decision in Welsh", v["text_cy"],
                         rows="2"),
                text_box("decision-rationale", "rationale", "Rationale", v["rationale"],
                         rows="2"),
                text_box("decision-rationale-cy", "rationale_cy", "Rationale in Welsh",
                         v["rationale_cy"], rows="2"),
                text_box("decision-options", "options", "Options considered", v["options"],
                         rows="2"),
                text_box("decision-options-cy", "options_cy", "Options considered in Welsh",
                         v["options_cy"], rows="2"),
                rx.flex(
                    text_field("decision-on", "decided_on", "Decided on", v["decided_on"],
                               "date"),
                    text_field("decision-by", "decided_by", "Decided by", v["decided_by"],
                               max_length=300),
                    text_field("decision-review", "review_on", "Review by", v["review_on"],
                               "date"),
                    wrap="wrap", gap="3", width="100%",
                ),
                check_group("Objectives", "objective", S.objective_options, S.chosen),
                rx.cond(S.action_options.length() > 0,
                        check_group("Open actions it leads to", "action", S.action_options,
                                    S.chosen)),
                rx.button(t("Record decision"), type="submit"),
                spacing="3", width="100%",
            ),
            on_submit=S.record, reset_on_submit=False,
        ),
        heading_id="record-decision",
    )


@routed(routes.DECISIONS, "Decisions", on_load=S.load)
def decisions() -> rx.Component:
    return page(
        "Decisions",
        rx.cond(
            S.allowed,
            rx.box(
                rx.flex(
                    search_form("decision-search", t("Search decisions"), S.search,
                                S.search_submit),
                    native_select("decision-status", "Status",
                                  rx.el.option(t("All"), value=""),
                                  *[rx.el.option(t(n), value=c)
                                    for c, n in DECISION_STATUSES.items()],
                                  value=S.status, on_change=S.set_status),
                    wrap="wrap", gap="4", align="end",
                ),
                rx.cond(S.rows.length() > 0,
                        scroll_table("Decisions", "Reference", "Date", "Decision",
                                     "Decided by", "Review by", "Status", "Change",
                                     rows=S.rows, row=decision_row),
                        empty_state("There are no decisions to show.")),
                pager(S, "Pages of decisions"),
                record_form(),
                class_name="steering-stack",
            ),
            rx.callout.root(rx.callout.text(S.problem), role="status"),
        ),
        intro="What the steering group decided, why, and what replaced it. Decisions are "
              "never deleted: they are superseded or reversed.",
    )
