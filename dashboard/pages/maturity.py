"""Maturity: the leaders' page, a body's report, the self-assessment and the review.

Every chart has the table behind it beside it; charts are hidden from screen readers and
taken out of the tab order, the tables carry the same numbers.
"""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from components.cards import badge, empty_state, section
from components.i18n import pick, t
from components.labels import label
from components.pager import legacy_pager
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import BODY_TYPES
from state.base import AppState
from state.maturity import AssessState, BodyMaturityState, ReviewState, SurveyImportState
from state.maturity import MaturityState as S

# A sequential indigo scale, light to dark: colour only repeats what the number says.
CHART_COLOURS = ("#c1d0ff", "#8da4ef", "#5472e4", "#3451b2", "#1f2d5c")
WITHHELD_COLOUR = "#b9bbc6"
STATUSES = {"draft": "Draft", "submitted": "Submitted", "accepted": "Accepted",
            "returned": "Returned"}

PRINT_CSS = """
.band-1 { background: var(--indigo-3); color: var(--indigo-12); }
.band-2 { background: var(--indigo-5); color: var(--indigo-12); }
.band-3 { background: var(--indigo-7); color: var(--indigo-12); }
.band-4 { background: var(--indigo-9); color: white; }
.band-5 { background: var(--indigo-12); color: var(--indigo-1); }
.band-none { background: var(--gray-3); color: var(--gray-12); }
.tile-map { display: grid; grid-template-columns: repeat(6, minmax(2.6rem, 4rem));
  grid-auto-rows: minmax(2.6rem, 4rem); gap: 4px; }
.tile { display: flex; flex-direction: column; align-items: center; justify-content: center;
  border-radius: 4px; font-size: 0.8rem; font-weight: 600; line-height: 1.1; }
.tile-unpublished { border: 2px dashed var(--gray-9); }
.heat-cell { text-align: center; min-width: 4.5rem; }
.heat-cell small { display: block; font-weight: 400; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .site-header, .site-footer, .skip-link, .no-print, .demo-banner { display: none !important; }
  .section { break-inside: avoid; }
  .band-1, .band-2, .band-3, .band-4, .band-5, .band-none {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def styles() -> rx.Component:
    return rx.el.style(PRINT_CSS)


def api_url(path: str) -> str:
    return f"{get_config().api_url.rstrip('/')}{path}"


def level_name(i: int) -> rx.Var:
    return pick(S.level_names_en[i], S.level_names_cy[i])


def table(head: list, body) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*head)),
            rx.table.body(body),
            variant="surface", width="100%",
        ),
        class_name="table-scroll", width="100%",
    )


def col(text: str, right: bool = False) -> rx.Component:
    return rx.table.column_header_cell(t(text), text_align="right" if right else None)


def withheld_mark() -> rx.Component:
    return rx.el.abbr("•", title=t("Withheld: too few bodies"), aria_label=t("withheld"))


def number_or_withheld(value: rx.Var) -> rx.Component:
    return rx.cond(value != "", value, withheld_mark())


# --- the leaders' page ---------------------------------------------------------------------


def headline() -> rx.Component:
    return rx.grid(
        rx.card(rx.vstack(
            rx.heading(t("Sector readiness"), as_="h2", size="3", weight="medium"),
            rx.cond(
                S.headline_suppressed,
                rx.text(t("Withheld: fewer than {n} bodies assessed.", n=S.threshold),
                        data_testid="maturity-readiness"),
                rx.text(S.readiness, class_name="figure-value", data_testid="maturity-readiness"),
            ),
            rx.text(t("median level across {n} assessed bodies", n=S.bodies), size="2"),
            spacing="2")),
        rx.card(rx.vstack(
            rx.heading(t("Bodies at level 3 or above"), as_="h2", size="3", weight="medium"),
            rx.cond(
                S.has_established,
                rx.text(S.established, class_name="figure-value",
                        data_testid="maturity-established"),
                rx.text(t("Withheld"), data_testid="maturity-established"),
            ),
            rx.cond(S.has_established,
                    rx.text(t("95% interval {low} to {high} (Wilson)", low=S.established_low,
                              high=S.established_high), size="2")),
            spacing="2")),
        rx.card(rx.vstack(
            rx.heading(t("Safe publishing"), as_="h2", size="3", weight="medium"),
            rx.text(t("No figure is shown for a group of fewer than {n} bodies; bodies are "
                      "named only where they agreed.", n=S.threshold), size="2"),
            rx.hstack(withheld_mark(), rx.text(t("marks a withheld figure."), size="2"),
                      spacing="1", align="center"),
            spacing="2")),
        columns=rx.breakpoints(initial="1", sm="3"), spacing="4", width="100%",
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
                href=api_url("/api/maturity/aggregates.csv"), underline="always"),
        rx.button(rx.icon("printer", aria_hidden="true"), t("Print this report"),
                  on_click=rx.call_script("window.print()"), variant="soft",
                  high_contrast=True, size="2"),
        spacing="4", wrap="wrap", align="center", class_name="no-print", margin_y="1rem",
    )


def swatch(colour: str, text) -> rx.Component:
    return rx.hstack(
        rx.box(width="0.9rem", height="0.9rem", background=colour, border_radius="2px",
               aria_hidden="true"),
        rx.text(text, size="2"),
        align="center", spacing="1",
    )


def chart_legend() -> rx.Component:
    # In the page's own text colour: recharts' legend writes each name in its series colour.
    return rx.flex(
        *[swatch(CHART_COLOURS[i], rx.fragment(f"{i + 1} ", level_name(i))) for i in range(5)],
        swatch(WITHHELD_COLOUR, t("Withheld")),
        spacing="3", wrap="wrap",
    )


def distribution_chart() -> rx.Component:
    bars = [
        rx.recharts.bar(data_key=f"l{i + 1}", stack_id="levels", fill=CHART_COLOURS[i],
                        name=level_name(i),
                        is_animation_active=False)
        for i in range(5)
    ]
    bars.append(rx.recharts.bar(data_key="withheld", stack_id="levels", fill=WITHHELD_COLOUR,
                                name=t("Withheld"), is_animation_active=False))
    return rx.box(
        rx.recharts.bar_chart(
            *bars,
            rx.recharts.x_axis(type_="number", allow_decimals=False),
            rx.recharts.y_axis(data_key=rx.cond(AppState.is_welsh, "name_cy", "name_en"),
                               type_="category", width=230, interval=0),
            data=S.chart, layout="vertical", height=420, width="100%",
            custom_attrs={"accessibilityLayer": False},
        ),
        aria_hidden="true", width="100%",
    )


def dimension_row(dim: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(dim["name_en"], dim["name_cy"])),
        rx.table.cell(dim["bodies"], text_align="right"),
        rx.table.cell(rx.cond(dim["suppressed"] == "1", withheld_mark(), dim["median"]),
                      text_align="right"),
        *[rx.table.cell(number_or_withheld(dim[f"l{level}"]), text_align="right")
          for level in range(1, 6)],
        rx.table.cell(rx.cond(dim["established"] != "",
                              rx.text(dim["established"], " (", dim["established_ci"], ")"),
                              withheld_mark())),
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
                    rx.foreach(S.dimensions, dimension_row),
                ),
                width="100%",
            ),
            empty_state("No assessments have been accepted yet."),
        ),
        heading_id="dimensions",
    )


def heat_cell(cell: rx.Var) -> rx.Component:
    return rx.cond(
        cell["kind"] == "type",
        rx.table.row_header_cell(label(cell["value"], BODY_TYPES)),
        rx.table.cell(
            rx.cond(cell["value"] != "",
                    rx.fragment(cell["value"],
                                rx.el.small(t("n = {n}", n=cell["bodies"]))),
                    withheld_mark()),
            class_name=rx.cond(cell["band"] != "", "heat-cell band-" + cell["band"].to(str),
                               "heat-cell band-none"),
        ),
    )


def heatmap_section() -> rx.Component:
    return section(
        "Median level by type of body and dimension",
        rx.text(t("Colour darkens with the level; each cell gives the median level and the "
                  "number of bodies."), size="2"),
        table(
            [col("Type of body"),
             rx.foreach(S.heat_head, lambda d: rx.table.column_header_cell(
                 pick(d["name_en"], d["name_cy"]), class_name="heat-cell"))],
            rx.foreach(S.heat_rows, lambda row: rx.table.row(rx.foreach(row, heat_cell))),
        ),
        heading_id="heatmap",
    )


def change_section() -> rx.Component:
    return section(
        "Change since the last round",
        rx.cond(
            S.change.length() > 0,
            rx.vstack(
                rx.text(t("Median level in round {current} against round {previous}.",
                          current=S.current_round, previous=S.previous_round), size="2"),
                table(
                    [col("Dimension"), col("Previous round", True), col("This round", True),
                     col("Change", True)],
                    rx.foreach(S.change, lambda c: rx.table.row(
                        rx.table.row_header_cell(pick(c["name_en"], c["name_cy"])),
                        rx.table.cell(rx.cond(c["suppressed"] == "1", withheld_mark(),
                                              c["previous"]), text_align="right"),
                        rx.table.cell(rx.cond(c["suppressed"] == "1", withheld_mark(),
                                              c["current"]), text_align="right"),
                        rx.table.cell(rx.cond(c["suppressed"] == "1", withheld_mark(),
                                              c["delta"]), text_align="right"),
                    )),
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
                rx.table.row_header_cell(label(c["type"], BODY_TYPES)),
                rx.table.cell(c["assessed"], text_align="right"),
                rx.table.cell(c["total"], text_align="right"),
                rx.table.cell(c["percent"], text_align="right"),
                rx.table.cell(pick(c["last_en"], c["last_cy"])),
            )),
        ),
        heading_id="coverage",
    )


def tile(tile_: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(tile_["code"]),
        rx.text(rx.cond(tile_["status"] == "published", tile_["level"], "")),
        class_name=rx.match(
            tile_["status"],
            ("published", "tile band-" + tile_["band"].to(str)),
            ("unpublished", "tile band-none tile-unpublished"),
            "tile band-none",
        ),
        grid_row=tile_["row"], grid_column=tile_["column"],
        title=pick(tile_["name_en"], tile_["name_cy"]),
    )


def tile_status(tile_: rx.Var) -> rx.Component:
    return rx.match(
        tile_["status"],
        ("published", tile_["level"]),
        ("unpublished", t("Assessed, not named")),
        t("Not assessed"),
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
                          rx.foreach(S.tiles, lambda x: rx.table.row(
                              rx.table.row_header_cell(rx.cond(
                                  x["status"] == "published",
                                  rx.link(pick(x["name_en"], x["name_cy"]),
                                          href="/maturity/body/" + x["slug"].to(str),
                                          underline="always"),
                                  pick(x["name_en"], x["name_cy"]))),
                              rx.table.cell(x["code"]),
                              rx.table.cell(tile_status(x)),
                          ))),
                    open=True, id="tile-table",
                ),
                flex="1", min_width="16rem",
            ),
            spacing="5", wrap="wrap", align="start",
        ),
        heading_id="tile-map",
    )


def named_section() -> rx.Component:
    return section(
        "Bodies that agreed to be named",
        rx.cond(
            S.named.length() > 0,
            rx.vstack(
                rx.el.ul(rx.foreach(S.named, lambda b: rx.el.li(
                    rx.link(pick(b["name_en"], b["name_cy"]), href=b["href"], underline="always"),
                    ": ", t("overall level {level}", level=b["level"])))),
                rx.cond(S.named_pages > 1,
                        legacy_pager(S.named_page, S.named_pages, S.named_total, S.previous_named,
                              S.next_named, "Named bodies pages")),
            ),
            empty_state("No body has agreed to be named yet."),
        ),
        heading_id="named",
    )


@routed(routes.MATURITY, "Maturity", on_load=S.load)
def maturity() -> rx.Component:
    return page(
        "Maturity",
        styles(),
        headline(),
        actions_bar(),
        distribution_section(),
        heatmap_section(),
        change_section(),
        coverage_section(),
        tile_map_section(),
        named_section(),
        intro="Each body's latest accepted self-assessment of its automation and AI maturity.",
    )


# --- one body's report ----------------------------------------------------------------------


B = BodyMaturityState


def body_radar() -> rx.Component:
    return rx.box(
        rx.recharts.radar_chart(
            rx.recharts.polar_grid(),
            rx.recharts.polar_angle_axis(data_key=rx.cond(AppState.is_welsh, "name_cy", "name_en")),
            rx.recharts.polar_radius_axis(domain=[0, 5], tick_count=6, angle=90),
            rx.recharts.radar(data_key="sector", custom_attrs={"name": t("Sector median")},
                              stroke="#8b8d98",
                              fill="#8b8d98", fill_opacity=0.15, is_animation_active=False),
            rx.recharts.radar(data_key="type", custom_attrs={"name": t("Median of its type")},
                              stroke="#8da4ef",
                              fill="#8da4ef", fill_opacity=0.15, is_animation_active=False),
            rx.recharts.radar(data_key="body", custom_attrs={"name": t("This body")},
                              stroke="#3451b2",
                              fill="#3451b2", fill_opacity=0.35, is_animation_active=False),
            data=B.radar, height=420, width="100%", outer_radius="62%",
            custom_attrs={"accessibilityLayer": False},
        ),
        aria_hidden="true", width="100%", max_width="40rem",
    )


def radar_legend() -> rx.Component:
    return rx.flex(
        swatch("#3451b2", t("This body")),
        swatch("#8da4ef", t("Median of its type")),
        swatch("#8b8d98", t("Sector median")),
        spacing="3", wrap="wrap",
    )


@routed(routes.MATURITY_BODY, "Body maturity report", on_load=BodyMaturityState.load)
def body_report() -> rx.Component:
    return page(
        "Body maturity report",
        styles(),
        rx.cond(
            B.found,
            rx.vstack(
                rx.heading(pick(B.name_en, B.name_cy), as_="h2", size="6",
                           data_testid="body-name"),
                rx.text(label(B.body_type, BODY_TYPES), " · ",
                        t("latest accepted round: {round}", round=B.round_name), size="2"),
                rx.box(rx.button(rx.icon("printer", aria_hidden="true"), t("Print this report"),
                                 on_click=rx.call_script("window.print()"), variant="soft",
                                 high_contrast=True, size="2"), class_name="no-print"),
                section(
                    "Levels against the sector",
                    radar_legend(),
                    body_radar(),
                    table([col("Dimension"), col("This body", True), col("Sector median", True),
                           col("Median of its type", True)],
                          rx.foreach(B.rows, lambda r: rx.table.row(
                              rx.table.row_header_cell(pick(r["name_en"], r["name_cy"])),
                              rx.table.cell(rx.cond(r["level"] != "", r["level"],
                                                    t("Not applicable")), text_align="right"),
                              rx.table.cell(rx.cond(r["sector"] != "–", r["sector"],
                                                    withheld_mark()), text_align="right"),
                              rx.table.cell(rx.cond(r["type"] != "–", r["type"],
                                                    withheld_mark()), text_align="right"),
                          ))),
                    heading_id="levels",
                ),
                section(
                    "Suggested next steps",
                    rx.cond(B.steps.length() > 0,
                            rx.el.ol(rx.foreach(B.steps, lambda s: rx.el.li(
                                rx.text(rx.el.strong(pick(s["name_en"], s["name_cy"])), ": ",
                                        t("from level {level} to {next}", level=s["level"],
                                          next=s["next"])),
                                rx.text(pick(s["next_en"], s["next_cy"]), size="2"),
                                margin_bottom="0.75rem",
                            ))),
                            empty_state("Every dimension is at the top level.")),
                    heading_id="next-steps",
                ),
                section(
                    "History across rounds",
                    table([col("Dimension"),
                           rx.foreach(B.history_head, lambda name: rx.table.column_header_cell(
                               name, text_align="right"))],
                          rx.foreach(B.history, lambda levels, i: rx.table.row(
                              rx.table.row_header_cell(pick(B.history_names[i]["name_en"],
                                                            B.history_names[i]["name_cy"])),
                              rx.foreach(levels, lambda lv: rx.table.cell(
                                  rx.cond(lv != "", lv, "–"), text_align="right")),
                          ))),
                    heading_id="history",
                ),
                align="stretch", width="100%",
            ),
            rx.callout(B.problem, icon="info", role="status"),
        ),
    )


# --- the self-assessment ----------------------------------------------------------------------


A = AssessState


def level_choice(item: rx.Var) -> rx.Component:
    key = item["key"]
    return rx.el.fieldset(
        rx.el.legend(t("Level"), class_name="field-label"),
        rx.radio_group.root(
            rx.vstack(
                *[rx.el.label(
                    rx.radio_group.item(value=str(lv), id=f"{lv}-" + key.to(str)),
                    rx.text(rx.el.strong(f"{lv} "), pick(item[f"d{lv}_en"], item[f"d{lv}_cy"]),
                            size="2"),
                    html_for=f"{lv}-" + key.to(str), class_name="choice",
                    display="flex", gap="0.5rem", align_items="start")
                  for lv in range(1, 6)],
                rx.el.label(
                    rx.radio_group.item(value="na", id="na-" + key.to(str)),
                    rx.text(t("Not applicable to our body"), size="2"),
                    html_for="na-" + key.to(str), display="flex", gap="0.5rem"),
                spacing="2",
            ),
            value=item["level"], on_change=lambda v: A.set_level(key, v),
            disabled=~A.editable, name="level-" + key.to(str),
        ),
        border="none", padding="0", margin="0",
    )


def dimension_form(item: rx.Var) -> rx.Component:
    key = item["key"]
    return rx.card(
        rx.vstack(
            rx.heading(pick(item["name_en"], item["name_cy"]), as_="h3", size="4"),
            rx.text(pick(item["description_en"], item["description_cy"]), size="2"),
            level_choice(item),
            rx.el.label(t("How confident are you?"), html_for="confidence-" + key.to(str),
                        class_name="field-label"),
            rx.el.select(
                rx.el.option(t("Choose"), value=""),
                rx.el.option(t("Low"), value="low"),
                rx.el.option(t("Medium"), value="medium"),
                rx.el.option(t("High"), value="high"),
                id="confidence-" + key.to(str), value=item["confidence"],
                on_change=lambda v: A.set_confidence(key, v), disabled=~A.editable,
                class_name="native-select",
            ),
            rx.el.label(t("Evidence notes"), html_for="evidence-" + key.to(str),
                        class_name="field-label"),
            rx.text_area(id="evidence-" + key.to(str), value=item["evidence"],
                         on_change=lambda v: A.set_evidence(key, v), disabled=~A.editable,
                         width="100%"),
            rx.el.label(t("Links to evidence (one web address a line)"),
                        html_for="links-" + key.to(str), class_name="field-label"),
            rx.text_area(id="links-" + key.to(str), value=item["links"],
                         on_change=lambda v: A.set_links(key, v), disabled=~A.editable,
                         width="100%", rows="2"),
            spacing="2", align="stretch",
        ),
        data_testid="dimension-" + key.to(str),
    )


@routed(routes.MATURITY_ASSESS, "Self-assessment", on_load=AssessState.load)
def assess() -> rx.Component:
    return page(
        "Self-assessment",
        styles(),
        rx.cond(
            A.available,
            rx.vstack(
                rx.text(t("{body}: round {round}, closes {closes}.",
                          body=pick(A.body_en, A.body_cy), round=A.round_name,
                          closes=pick(A.closes_en, A.closes_cy))),
                rx.hstack(rx.text(t("Status:")), badge(label(A.status, STATUSES),
                                                      data_testid="assessment-status"),
                          align="center"),
                rx.cond(A.review_comment != "",
                        rx.callout(t("The steering group returned it: {comment}",
                                     comment=A.review_comment), icon="message_square",
                                   color_scheme="amber")),
                rx.foreach(A.items, dimension_form),
                rx.el.label(
                    rx.checkbox(checked=A.publish_named, on_change=A.set_publish_named,
                                disabled=~A.editable, id="publish-named"),
                    t("Our body agrees to be named in published results"),
                    html_for="publish-named", display="flex", gap="0.5rem",
                    align_items="center"),
                rx.cond(A.editable,
                        rx.hstack(
                            rx.button(t("Save draft"), on_click=A.save, variant="soft",
                                      high_contrast=True),
                            rx.button(t("Submit to the steering group"), on_click=A.submit),
                            spacing="3", wrap="wrap")),
                spacing="4", align="stretch", width="100%",
            ),
            rx.callout(A.problem, icon="info", role="status"),
        ),
        intro="Your body's own assessment for the open round: a level for each dimension, "
              "how sure you are, and your evidence.",
    )


# --- the steering group's review ---------------------------------------------------------


R = ReviewState


CONFIDENCE = {"low": "Low", "medium": "Medium", "high": "High"}


def answer_row(answer: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(pick(answer["name_en"], answer["name_cy"])),
        rx.table.cell(rx.cond(answer["level"] == "na", t("Not applicable"), answer["level"])),
        rx.table.cell(label(answer["confidence"], CONFIDENCE)),
        rx.table.cell(rx.text(answer["evidence"], size="1"),
                      rx.text(answer["links"], size="1", white_space="pre-line")),
    )


def review_row(item: rx.Var, index: rx.Var) -> rx.Component:
    key = item["id"]
    return rx.table.row(
        rx.table.row_header_cell(
            pick(item["body_en"], item["body_cy"]),
            rx.el.details(
                rx.el.summary(t("Show the answers")),
                table([col("Dimension"), col("Level"), col("Confidence"), col("Evidence")],
                      rx.foreach(R.answers[index], answer_row)),
            ),
        ),
        rx.table.cell(item["round"]),
        rx.table.cell(pick(item["submitted_en"], item["submitted_cy"])),
        rx.table.cell(
            rx.vstack(
                rx.button(t("Accept"), on_click=R.accept(key), size="1"),
                rx.el.label(t("Comment for the body"), html_for="comment-" + key.to(str),
                            class_name="field-label"),
                rx.text_area(id="comment-" + key.to(str), value=item["comment"],
                             on_change=lambda v: R.set_comment(key, v), rows="2"),
                rx.button(t("Return with this comment"), on_click=R.send_back(key), size="1",
                          variant="soft", high_contrast=True),
                spacing="2", align="start",
            ),
        ),
    )


I = SurveyImportState


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
                on_change=lambda v: I.set_answer_level(item["answer"], v),
            ),
        ),
    )


def import_section() -> rx.Component:
    return section(
        "Import a survey export",
        rx.text(t("A CSV or Excel (.xlsx) file, e.g. a Microsoft Forms export, with a Body "
                  "column and one column per dimension, named as in the framework. Answers such as "
                  "'Level 3 - Developing' or 'Strongly agree' are mapped to levels; you map "
                  "any others below. Nothing is imported unless every row is right."), size="2"),
        rx.vstack(
            rx.el.label(t("Assessment round"), html_for="import-round", class_name="field-label"),
            rx.input(id="import-round", value=I.round_name, on_change=I.set_round_name,
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
                      on_click=I.upload(rx.upload_files(upload_id="survey"))),
            rx.cond(
                I.previewed,
                rx.vstack(
                    rx.text(t("Rows ready to import: {n}.", n=I.ready),
                            data_testid="import-ready"),
                    rx.cond(I.rejected.length() > 0, rx.vstack(
                        rx.heading(t("Rejected rows"), as_="h3", size="3"),
                        rx.el.ul(rx.foreach(I.rejected, lambda r: rx.el.li(pick(r["en"], r["cy"]))),
                                 data_testid="import-rejected"),
                    )),
                    rx.cond(I.unmapped.length() > 0, rx.vstack(
                        rx.heading(t("Map these answers to levels"), as_="h3", size="3"),
                        table([col("Answer in the file"), col("Level")],
                              rx.foreach(I.unmapped, mapping_row)),
                        width="100%",
                    )),
                    rx.button(t("Import every row"), on_click=I.commit,
                              disabled=(I.rejected.length() > 0) | (I.ready == 0)),
                    width="100%",
                ),
            ),
            spacing="3", align="start", width="100%",
        ),
        heading_id="import",
    )


@routed(routes.MATURITY_REVIEW, "Review assessments", on_load=ReviewState.load)
def review() -> rx.Component:
    return page(
        "Review assessments",
        styles(),
        rx.cond(
            R.allowed,
            rx.cond(
                R.items.length() > 0,
                rx.vstack(
                    table([col("Body"), col("Round"), col("Submitted"), col("Decision")],
                          rx.foreach(R.items, review_row)),
                    legacy_pager(R.page, R.pages, R.total, R.previous_page, R.next_page,
                          "Submitted assessments pages"),
                    width="100%",
                ),
                empty_state("No assessment is waiting for review."),
            ),
            rx.callout(R.problem, icon="info", role="status"),
        ),
        rx.cond(R.allowed, import_section()),
        intro="Submitted self-assessments: accept them, or return them with a comment.",
    )
