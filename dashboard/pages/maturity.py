"""Maturity: the leaders' page of sector readiness, every figure published safely.

Every chart has the table behind it beside it; charts are hidden from screen readers and
taken out of the tab order, the tables carry the same numbers.
"""

from __future__ import annotations

import reflex as rx

from components.bars import bar_chart
from components.cards import empty_state, section
from components.i18n import bilingual, t
from components.labels import label
from components.live import as_of, live_updates
from components.maturity import (
    LEVEL_COLOURS,
    col,
    hatch_swatch,
    level_or_dash,
    or_withheld,
    print_button,
    provisional_badge,
    styles,
    swatch,
    table,
    withheld_mark,
)
from components.maturity_map import tile_map_section
from components.pager import pager
from components.shell import page
from components.tables import labelled_cell
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import BODY_TYPES
from state.base import AppState, backend_url
from state.maturity import MaturityState as S
from state.maturity import NamedBodiesState as N

# A sequential indigo scale (light to dark; dim to bright in dark mode): colour only
# repeats what the number says. A withheld bar is hatched, apart from the levels.
CHART_COLOURS = LEVEL_COLOURS


def level_name(i: int) -> rx.Var:
    return bilingual(S.level_names[i])


def headline() -> rx.Component:
    return rx.grid(
        rx.card(rx.vstack(
            rx.heading(t("Sector readiness"), as_="h2", size="3", weight="medium"),
            rx.cond(
                S.headline_suppressed,
                rx.text(t("Withheld: fewer than {n} bodies assessed.", n=S.threshold),
                        data_testid="maturity-readiness"),
                rx.hstack(
                    rx.text(S.readiness, class_name="figure-value",
                            data_testid="maturity-readiness"),
                    rx.cond(S.provisional, provisional_badge(data_testid="maturity-provisional")),
                    align="center", spacing="2"),
            ),
            rx.text(t("median level across {n} assessed bodies", n=f"{S.bodies:,}"), size="2"),
            spacing="2")),
        rx.card(rx.vstack(
            rx.heading(t("Bodies at level 3 or above"), as_="h2", size="3", weight="medium"),
            rx.cond(
                S.established,
                rx.text(S.established.percent, "%", class_name="figure-value",
                        data_testid="maturity-established"),
                rx.text(t("Withheld"), data_testid="maturity-established"),
            ),
            rx.cond(S.established,
                    rx.text(t("95% interval {low} to {high} (Wilson)",
                              low=f"{S.established.low}%", high=f"{S.established.high}%"),
                            size="2")),
            spacing="2")),
        rx.card(rx.vstack(
            rx.heading(t("Safe publishing"), as_="h2", size="3", weight="medium"),
            rx.text(t("No figure is shown for a group of fewer than {n} bodies; bodies are "
                      "named only where they agreed.", n=S.threshold), size="2"),
            rx.hstack(withheld_mark(), rx.text(t("marks a withheld figure."), size="2"),
                      spacing="1", align="center"),
            rx.link(t("How figures are withheld"), href="#withholding", underline="always",
                    size="2"),
            spacing="2")),
        columns=rx.breakpoints(initial="1", sm="3"), spacing="4", width="100%",
    )


def provisional_note() -> rx.Component:
    return rx.cond(
        S.provisional,
        rx.callout(
            t("Provisional: round {round} is still open until {date}. These figures will "
              "change as more assessments are accepted.", round=S.current_round,
              date=bilingual(S.round_closes)),
            icon="info", color_scheme="amber", high_contrast=True, role="status",
            margin_top="1rem",
            data_testid="maturity-provisional-note"),
    )


def actions_bar() -> rx.Component:
    return rx.flex(
        rx.cond(AppState.signed_in,
                rx.link(t("Fill in your body's self-assessment"), href=routes.MATURITY_ASSESS,
                        underline="always")),
        rx.cond(AppState.can_steer,
                rx.link(t("Review submitted assessments"), href=routes.MATURITY_REVIEW,
                        underline="always")),
        rx.link(t("Download the published figures (CSV)"),
                href=backend_url() + routes.MATURITY_AGGREGATES_CSV, underline="always"),
        print_button(),
        spacing="4", wrap="wrap", align="center", class_name="no-print", margin_y="1rem",
    )


def chart_legend() -> rx.Component:
    # In the page's own text colour: recharts' legend writes each name in its series colour.
    # The withheld entry stands apart: a withheld bar is not a level after 5.
    return rx.flex(
        rx.flex(*[swatch(CHART_COLOURS[i], rx.fragment(f"{i + 1} ", level_name(i)))
                  for i in range(5)], spacing="3", wrap="wrap"),
        hatch_swatch(t("Counts withheld (the bar shows how many bodies answered)"),
                     class_name="legend-apart", data_testid="legend-withheld"),
        spacing="3", wrap="wrap", align="center",
    )


def distribution_chart() -> rx.Component:
    """Bodies at each level, one stacked bar a dimension (``components.bars``). Only a
    withheld dimension has the last part, and then no level: never stacked on level 5."""
    def parts(bar: rx.Var) -> list:
        return [*[(bar.widths[i], CHART_COLOURS[i], "") for i in range(5)],
                (bar.widths[5], "", "maturity-hatch withheld-bar")]

    return bar_chart(S.chart, lambda bar: bilingual(bar.name), parts, S.chart_ticks,
                     "Dimension", "Number of bodies", class_name="maturity-chart")


def dimension_row(dim: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(dim.name)),
        labelled_cell("Bodies", dim.bodies, text_align="right"),
        labelled_cell("Median", rx.cond(dim.withheld, withheld_mark(), level_or_dash(dim.median)),
             text_align="right"),
        *[labelled_cell(t("Level {n}", n=i + 1), or_withheld(dim.counts[i]), text_align="right")
          for i in range(5)],
        labelled_cell("At level 3 or above (95% interval)",
             rx.cond(dim.established,
                     rx.text(dim.established.percent, "% (", dim.established.low, "%–",
                             dim.established.high, "%)"),
                     withheld_mark()), white_space="nowrap"),
    )


def distribution_section() -> rx.Component:
    return section(
        "Bodies at each level, by dimension",
        rx.cond(
            S.dimensions.length() > 0,
            rx.vstack(
                chart_legend(),
                distribution_chart(),
                table(
                    [col("Dimension"), col("Bodies", True), col("Median", True),
                     *[rx.table.column_header_cell(
                         rx.text(t("Level {n}", n=i + 1)), rx.text(level_name(i), size="1"),
                         text_align="right") for i in range(5)],
                     col("At level 3 or above (95% interval)")],
                    rx.foreach(S.dimensions, dimension_row), stacked=True,
                ),
                width="100%",
            ),
            empty_state("No assessments have been accepted yet."),
        ),
        heading_id="dimensions",
    )


def heat_cell(heat: rx.Var, column: rx.Var) -> rx.Component:
    return labelled_cell(
        bilingual(S.heat_head[column]),
        rx.cond(heat.withheld,
                withheld_mark(),
                # One element, so a card on a phone keeps the two on one line of its own.
                rx.el.span(level_or_dash(heat.median),
                           rx.el.small(t("n = {n}", n=heat.bodies)))),
        class_name=rx.cond(heat.withheld, "heat-cell band-none",
                           "heat-cell band-" + heat.band.to_string()),
    )


def heat_row_header(row: rx.Var) -> rx.Component:
    return rx.table.row_header_cell(
        bilingual(row.label),
        rx.cond(row.combined, rx.el.small(bilingual(row.types), class_name="heat-types")),
        class_name="heat-row-header")


def heatmap_section() -> rx.Component:
    return section(
        "Median level by type of body and dimension",
        rx.text(t("Colour darkens with the level; each cell gives the median level and the "
                  "number of bodies."), " ",
                t("Types of body with fewer than {n} assessed bodies are combined in one row.",
                  n=S.threshold), size="2"),
        table(
            [col("Type of body"),
             rx.foreach(S.heat_head, lambda name: rx.table.column_header_cell(
                 bilingual(name), class_name="heat-cell"))],
            rx.foreach(S.heat_rows, lambda row: rx.table.row(
                heat_row_header(row),
                rx.foreach(row.cells, heat_cell),
            )), stacked=True,
        ),
        heading_id="heatmap",
    )


def signed(change: rx.Var) -> rx.Var:
    """A change in level with its sign, to one decimal place ("+0.5", "-1.0"), or "0"."""
    return rx.cond(change.is_none(), "",
                   rx.cond(change > 0, f"+{change:.1f}",
                           rx.cond(change == 0, "0", f"{change:.1f}")))


def change_row(c: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(bilingual(c.name)),
        labelled_cell("Previous round",
             rx.cond(c.withheld, withheld_mark(), level_or_dash(c.previous)), text_align="right"),
        labelled_cell("This round",
             rx.cond(c.withheld, withheld_mark(), level_or_dash(c.current)), text_align="right"),
        labelled_cell("Change", rx.cond(c.withheld, withheld_mark(), signed(c.delta)),
             text_align="right"),
    )


def change_section() -> rx.Component:
    return section(
        "Change since the last round",
        rx.cond(
            S.change.length() > 0,
            rx.vstack(
                rx.flex(
                    rx.text(t("Median level in round {current} against round {previous}.",
                              current=S.current_round, previous=S.previous_round), size="2"),
                    rx.cond(S.provisional, provisional_badge()),
                    spacing="2", align="center", wrap="wrap"),
                table(
                    [col("Dimension"), col("Previous round", True), col("This round", True),
                     col("Change", True)],
                    rx.foreach(S.change, change_row), stacked=True,
                ),
                width="100%",
            ),
            empty_state("There is no earlier round to compare with yet."),
        ),
        heading_id="change",
    )


def coverage_section() -> rx.Component:
    return section(
        "Coverage: bodies assessed by type",
        table(
            [col("Type of body"), col("Assessed", True), col("Of", True), col("Share", True),
             col("Latest accepted")],
            rx.foreach(S.coverage, lambda c: rx.table.row(
                rx.table.row_header_cell(label(c.body_type, BODY_TYPES)),
                labelled_cell("Assessed", c.assessed, text_align="right"),
                labelled_cell("Of", c.total, text_align="right"),
                labelled_cell("Share", c.percent, "%", text_align="right"),
                labelled_cell("Latest accepted", bilingual(c.last_accepted)),
            )), stacked=True,
        ),
        heading_id="coverage",
    )


def withholding_section() -> rx.Component:
    return section(
        "How figures are withheld",
        rx.text(t("A figure about a group of bodies (all the bodies that answered, or one type "
                  "of body) is withheld when the group has fewer than {n} bodies. Figures for "
                  "the whole sector identify no body, so they are shown in full once {n} or "
                  "more bodies have answered.", n=S.threshold)),
        rx.text(t("Types of body with fewer than {n} assessed bodies are combined in one row.",
                  n=S.threshold)),
        rx.text(t("A group of {n} or more bodies may be withheld too: when only one group in a "
                  "column of the heat map is withheld, or the withheld groups together have "
                  "fewer than {n} bodies, they could be worked out from the totals, so the "
                  "next smallest group is withheld with them.", n=S.threshold)),
        rx.text(t("Counts of bodies at each level are withheld when some, but fewer than {n}, "
                  "of a group's bodies did not agree to be named: subtracting the named "
                  "bodies' published levels would reveal theirs.", n=S.threshold)),
        rx.text(t("While a round is still open, every figure is provisional: it will change as "
                  "more assessments are accepted.")),
        heading_id="withholding",
    )


def named_section() -> rx.Component:
    return section(
        "Bodies that agreed to be named",
        rx.cond(
            N.rows.length() > 0,
            rx.vstack(
                rx.el.ul(rx.foreach(N.rows, lambda b: rx.el.li(
                    rx.link(bilingual(b.name), href=b.href, underline="always"),
                    ": ", t("overall level {level}", level=b.level)))),
                rx.cond(N.pages > 1, pager(N, "Named bodies pages")),
            ),
            empty_state("No body has agreed to be named yet."),
        ),
        heading_id="named",
    )


@routed(routes.MATURITY, "Maturity", on_load=[S.load, N.load])
def maturity() -> rx.Component:
    return page(
        "Maturity",
        live_updates(), as_of("maturity"),
        styles(),
        # Never figures that look real before they come: "withheld" is a finding.
        rx.cond(
            S.loaded,
            rx.fragment(
                headline(),
                provisional_note(),
                actions_bar(),
                distribution_section(),
                heatmap_section(),
                change_section(),
                coverage_section(),
                tile_map_section(),
                withholding_section(),
                named_section(),
            ),
            rx.text(t("Loading the figures…"), role="status", class_name="muted"),
        ),
        intro="Each body's latest accepted self-assessment of its automation and AI maturity.",
    )
