"""One body's maturity report: a radar chart and table against the sector, its history and
suggested next steps; printable. A body never assessed says so; figures from a round still
open are marked provisional.

The radar names its spokes on a wide screen (wrapped, inside the chart) and numbers them on
a narrow one, where the table's rows carry the same numbers; the levels are written between
the first two spokes, clear of their labels.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.cards import empty_state, section
from components.i18n import bilingual, t
from components.labels import label
from components.maturity import (
    col,
    level_or_dash,
    or_withheld,
    print_button,
    provisional_badge,
    styles,
    swatch,
    table,
)
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import BODY_TYPES
from state.base import AppState
from state.maturity_body import BodyMaturityState as B

BODY_COLOUR, TYPE_COLOUR, SECTOR_COLOUR = "#3451b2", "#8da4ef", "#8b8d98"


def body_radar() -> rx.Component:
    series = [("sector", "Sector median", SECTOR_COLOUR, 0.15),
              ("type", "Median of its type", TYPE_COLOUR, 0.15),
              ("body", "This body", BODY_COLOUR, 0.35)]
    return rx.box(
        rx.recharts.radar_chart(
            rx.recharts.polar_grid(stroke="var(--gray-8)"),
            # Spoke labels: the names, wrapped (wide screens), or numbers (narrow; CSS).
            rx.recharts.polar_angle_axis(
                data_key=rx.cond(AppState.is_welsh, "name.cy", "name.en"),
                tick={"width": 150, "fontSize": 13}, tick_line=False,
                stroke="var(--gray-8)", class_name="radar-names"),
            rx.recharts.polar_angle_axis(
                data_key="number", tick={"fontSize": 14, "fontWeight": 600},
                tick_line=False, axis_line=False, class_name="radar-numbers",
                custom_attrs={"angleAxisId": 1}),
            rx.recharts.polar_radius_axis(
                rx.recharts.label(value=t("Level"), position="outside", offset=16,
                                  class_name="radar-axis-title",
                                  custom_attrs={"fill": "var(--gray-12)", "fontSize": 13,
                                                "fontStyle": "italic"}),
                domain=[0, 5], tick_count=6, angle=B.radar_tick_angle,
                axis_line=False, tick={"fontSize": 12}, stroke="var(--gray-10)"),
            *[rx.recharts.radar(data_key=key, custom_attrs={"name": t(name)}, stroke=colour,
                                fill=colour, fill_opacity=opacity, is_animation_active=False)
              for key, name, colour, opacity in series],
            data=B.radar.to(list[dict[str, Any]]), height="100%", width="100%",
            outer_radius="70%", custom_attrs={"accessibilityLayer": False},
        ),
        aria_hidden="true", width="100%", class_name="maturity-chart maturity-radar",
    )


def radar_legend() -> rx.Component:
    return rx.flex(
        swatch(BODY_COLOUR, t("This body")),
        swatch(TYPE_COLOUR, t("Median of its type")),
        swatch(SECTOR_COLOUR, t("Sector median")),
        spacing="3", wrap="wrap",
    )


def level_row(r: rx.Var, i: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.el.span(i + 1, ". ", class_name="spoke-number"),
                                 bilingual(r.name)),
        rx.table.cell(rx.cond(r.level.is_none(), t("Not applicable"), r.level),
                      text_align="right"),
        rx.table.cell(or_withheld(r.sector), text_align="right"),
        rx.table.cell(or_withheld(r.of_type), text_align="right"),
    )


def levels_section() -> rx.Component:
    return section(
        "Levels against the sector",
        radar_legend(),
        body_radar(),
        table([col("Dimension"), col("This body", True), col("Sector median", True),
               col("Median of its type", True)],
              rx.foreach(B.rows, level_row)),
        heading_id="levels",
    )


def steps_section() -> rx.Component:
    return section(
        "Suggested next steps",
        rx.cond(B.steps.length() > 0,
                rx.el.ol(rx.foreach(B.steps, lambda s: rx.el.li(
                    rx.text(rx.el.strong(bilingual(s.name)), ": ",
                            t("from level {level} to {next}", level=s.level,
                              next=s.next_level)),
                    rx.text(bilingual(s.next_text), size="2"),
                    margin_bottom="0.75rem",
                ))),
                rx.cond(B.at_top_level,
                        empty_state("Every dimension is at the top level."),
                        empty_state("No dimension has a level yet, so there is no next step "
                                    "to suggest."))),
        heading_id="next-steps",
    )


def history_section() -> rx.Component:
    return section(
        "History across rounds",
        table([col("Dimension"),
               rx.foreach(B.history_head, lambda head: rx.table.column_header_cell(
                   head.name,
                   rx.cond(head.provisional,
                           rx.el.small(t("provisional"), class_name="provisional-note")),
                   text_align="right"))],
              rx.foreach(B.history, lambda row: rx.table.row(
                  rx.table.row_header_cell(bilingual(row.name)),
                  rx.foreach(row.levels, lambda level: rx.table.cell(
                      level_or_dash(level), text_align="right")),
              ))),
        heading_id="history",
    )


@routed(routes.MATURITY_BODY, "Body maturity report", on_load=B.load)
def body_report() -> rx.Component:
    return page(
        "Body maturity report",
        styles(),
        rx.cond(
            B.found,
            rx.vstack(
                rx.heading(bilingual(B.name), as_="h2", size="6", data_testid="body-name"),
                rx.cond(
                    B.assessed,
                    rx.vstack(
                        rx.flex(
                            rx.text(label(B.body_type, BODY_TYPES), " · ",
                                    t("latest accepted round: {round}", round=B.round_name),
                                    size="2"),
                            rx.cond(B.provisional, rx.fragment(
                                provisional_badge(data_testid="body-provisional"),
                                rx.text(t("The round is still open: these levels may "
                                          "change."), size="2"))),
                            spacing="2", align="center", wrap="wrap",
                        ),
                        rx.box(print_button(), class_name="no-print"),
                        levels_section(),
                        steps_section(),
                        history_section(),
                        align="stretch", width="100%",
                    ),
                    rx.callout(t("This body has not been assessed yet: it has no accepted "
                                 "self-assessment."), icon="info", role="status",
                               data_testid="body-not-assessed"),
                ),
                align="stretch", width="100%",
            ),
            rx.callout(B.problem, icon="info", role="status"),
        ),
    )
