"""Maturity: how the sector's assessed bodies spread across the levels."""

from __future__ import annotations

import reflex as rx

from components.cards import empty_state, section
from components.i18n import pick, t
from components.shell import page
from state.maturity import MaturityState as S

LEVEL_COLOURS = ("var(--tomato-9)", "var(--amber-9)", "var(--yellow-9)", "var(--teal-9)",
                 "var(--grass-10)")


def distribution_bar(dim: rx.Var) -> rx.Component:
    # Decorative: the same numbers are in the table cells beside it.
    return rx.hstack(
        *[rx.box(width=dim[f"w{level}"], height="0.9rem", background=LEVEL_COLOURS[level - 1])
          for level in range(1, 6)],
        spacing="0", width="100%", min_width="8rem", aria_hidden="true",
        class_name="distribution-bar",
    )


def dimension_row(dim: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(dim["name_en"], dim["name_cy"])),
        rx.table.cell(dim["median"], text_align="right"),
        *[rx.table.cell(dim[f"l{level}"], text_align="right") for level in range(1, 6)],
        rx.table.cell(distribution_bar(dim)),
    )


def legend() -> rx.Component:
    return rx.hstack(
        *[rx.hstack(rx.box(width="0.8rem", height="0.8rem", background=LEVEL_COLOURS[i],
                           aria_hidden="true"),
                    rx.text(f"{i + 1} ", pick(S.level_names_en[i], S.level_names_cy[i]), size="2"),
                    align="center", spacing="1")
          for i in range(5)],
        wrap="wrap", spacing="4",
    )


def maturity() -> rx.Component:
    return page(
        "Maturity",
        rx.text(t("Sector readiness: median level {level} across {n} assessed bodies.",
                  level=S.readiness, n=S.bodies_assessed), size="4", data_testid="maturity-readiness"),
        section(
            "Bodies at each level, by dimension",
            rx.cond(
                S.dimensions.length() > 0,
                rx.vstack(
                    legend(),
                    rx.box(
                        rx.table.root(
                            rx.table.header(rx.table.row(
                                rx.table.column_header_cell(t("Dimension")),
                                rx.table.column_header_cell(t("Median"), text_align="right"),
                                *[rx.table.column_header_cell(t("Level {n}", n=level),
                                                              text_align="right")
                                  for level in range(1, 6)],
                                rx.table.column_header_cell(t("Spread")),
                            )),
                            rx.table.body(rx.foreach(S.dimensions, dimension_row)),
                            variant="surface", width="100%",
                        ),
                        class_name="table-scroll",
                        width="100%",
                    ),
                    width="100%",
                ),
                empty_state("No assessments have been accepted yet."),
            ),
            heading_id="dimensions",
        ),
        intro="Each body's latest accepted self-assessment of its automation and AI maturity.",
    )
