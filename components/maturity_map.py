"""The sector report's tile map of Wales's 22 local authorities (one square each, north at
the top), with the same figures as a table for readers who cannot see it."""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.i18n import bilingual, t
from components.maturity import col, level_or_dash, table
from state.maturity import MaturityState as S


def tile(x: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(bilingual(x.code)),
        rx.text(rx.cond(x.status == "published", level_or_dash(x.level), "")),
        class_name=rx.match(
            x.status,
            ("published", "tile band-" + x.band.to_string()),
            ("unpublished", "tile band-none tile-unpublished"),
            "tile band-none",
        ),
        grid_row=x.row.to_string(), grid_column=x.column.to_string(),
        title=bilingual(x.name),
    )


def tile_status(x: rx.Var) -> rx.Component:
    return rx.match(
        x.status,
        ("published", level_or_dash(x.level)),
        ("unpublished", t("Assessed, not named")),
        t("Not assessed"),
    )


def tile_row(x: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.cond(
            x.status == "published",
            rx.link(bilingual(x.name), href=x.href, underline="always"),
            bilingual(x.name))),
        rx.table.cell(bilingual(x.code)),
        rx.table.cell(tile_status(x)),
    )


def tile_map_section() -> rx.Component:
    return section(
        "Local authorities: readiness on a tile map of Wales",
        rx.text(t("One square per local authority, north at the top. A body's own level is "
                  "shown only where it agreed to be named; a dashed square was assessed but "
                  "not named."), size="2"),
        rx.flex(
            rx.box(rx.foreach(S.tiles, tile), class_name="tile-map", aria_hidden="true"),
            rx.box(
                rx.el.details(
                    rx.el.summary(t("The tile map as a table")),
                    table([col("Local authority"), col("Code"), col("Overall level")],
                          rx.foreach(S.tiles, tile_row)),
                    open=True, id="tile-table",
                ),
                flex="1", min_width="16rem",
            ),
            spacing="5", wrap="wrap", align="start",
        ),
        heading_id="tile-map",
    )
