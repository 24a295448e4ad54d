"""One body's maturity report: a radar chart and table against the sector, its history and
suggested next steps; printable."""

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
    return rx.box(
        rx.recharts.radar_chart(
            rx.recharts.polar_grid(),
            rx.recharts.polar_angle_axis(data_key=rx.cond(AppState.is_welsh, "name.cy",
                                                          "name.en")),
            rx.recharts.polar_radius_axis(domain=[0, 5], tick_count=6, angle=90),
            rx.recharts.radar(data_key="sector", custom_attrs={"name": t("Sector median")},
                              stroke=SECTOR_COLOUR,
                              fill=SECTOR_COLOUR, fill_opacity=0.15, is_animation_active=False),
            rx.recharts.radar(data_key="type", custom_attrs={"name": t("Median of its type")},
                              stroke=TYPE_COLOUR,
                              fill=TYPE_COLOUR, fill_opacity=0.15, is_animation_active=False),
            rx.recharts.radar(data_key="body", custom_attrs={"name": t("This body")},
                              stroke=BODY_COLOUR,
                              fill=BODY_COLOUR, fill_opacity=0.35, is_animation_active=False),
            data=B.radar.to(list[dict[str, Any]]), height=420, width="100%", outer_radius="62%",
            custom_attrs={"accessibilityLayer": False},
        ),
        aria_hidden="true", width="100%", max_width="40rem",
    )


def radar_legend() -> rx.Component:
    return rx.flex(
        swatch(BODY_COLOUR, t("This body")),
        swatch(TYPE_COLOUR, t("Median of its type")),
        swatch(SECTOR_COLOUR, t("Sector median")),
        spacing="3", wrap="wrap",
    )


def level_row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(r.name)),
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
                empty_state("Every dimension is at the top level.")),
        heading_id="next-steps",
    )


def history_section() -> rx.Component:
    return section(
        "History across rounds",
        table([col("Dimension"),
               rx.foreach(B.history_head, lambda name: rx.table.column_header_cell(
                   name, text_align="right"))],
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
                rx.text(label(B.body_type, BODY_TYPES), " · ",
                        t("latest accepted round: {round}", round=B.round_name), size="2"),
                rx.box(print_button(), class_name="no-print"),
                levels_section(),
                steps_section(),
                history_section(),
                align="stretch", width="100%",
            ),
            rx.callout(B.problem, icon="info", role="status"),
        ),
    )
