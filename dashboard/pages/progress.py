"""Progress against the objectives: CDPS objectives 1, 4, 5, 6 and 7, with their actions,
decisions and figures over time, and the well-being goals x ways of working matrix. Each
chart has its table beside it (the chart is hidden from screen readers; the table is not)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.cards import section
from components.i18n import bilingual, number, t
from components.membership import number_headers
from components.shell import page, sign_in_here
from components.steering import scroll_table
from dashboard import routes
from dashboard.pages import routed
from state.progress import ProgressState as S

FIGURE_NAMES = {"members": "Members", "bodies": "Bodies represented", "events": "Events",
                "attendance": "Attendance", "maturity": "Maturity"}


def chart_data(rows: rx.Var) -> rx.Var:
    return rows.to(list[dict[str, Any]])


def num(value: rx.Var) -> rx.Component:
    return rx.table.cell(number(value), text_align="right")


def objective_row(o: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(t("Objective {n}", n=o.number), href=o.href),
                                 rx.text(bilingual(o.text), size="1", class_name="muted")),
        num(o.done), num(o.open), num(o.overdue), num(o.blocked), num(o.decisions),
        rx.table.cell(rx.foreach(o.figures, lambda f: rx.el.span(
            rx.match(f, *[(k, t(v)) for k, v in FIGURE_NAMES.items()], f), " "))),
    )


def objectives() -> rx.Component:
    return section(
        "Actions and decisions by objective",
        rx.box(
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="done", name=t("Done"), stack_id="a",
                                fill="var(--green-9)", is_animation_active=False),
                rx.recharts.bar(data_key="open_on_time", name=t("Open, on time"), stack_id="a",
                                fill="var(--blue-9)", is_animation_active=False),
                rx.recharts.bar(data_key="overdue", name=t("Overdue"), stack_id="a",
                                fill="var(--red-9)", is_animation_active=False),
                rx.recharts.x_axis(data_key="short"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.legend(),
                data=chart_data(S.objectives), height=260, width="100%",
                custom_attrs={"accessibilityLayer": False},
            ),
            aria_hidden="true", width="100%",
        ),
        scroll_table("Actions and decisions by objective", "Objective",
                     *number_headers("Done", "Open", "Overdue", "Blocked", "Active decisions"),
                     "Figures that show it", rows=S.objectives, row=objective_row, size="1"),
        heading_id="objectives",
    )


def figures() -> rx.Component:
    return section(
        "Figures over time",
        rx.box(
            rx.recharts.line_chart(
                rx.recharts.line(data_key="members", name=t("Members"), stroke="var(--indigo-9)",
                                 is_animation_active=False),
                rx.recharts.line(data_key="bodies", name=t("Bodies represented"),
                                 stroke="var(--orange-9)", stroke_dasharray="5 3",
                                 is_animation_active=False),
                rx.recharts.x_axis(data_key=rx.cond(S.is_welsh, "ends.cy", "ends.en")),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.legend(),
                data=chart_data(S.quarters), height=240, width="100%",
                custom_attrs={"accessibilityLayer": False},
            ),
            aria_hidden="true", width="100%",
        ),
        scroll_table("Figures over time", "Quarter to",
                     *number_headers("Members", "Bodies represented", "Events", "Attendance"),
                     rows=S.quarters, row=lambda q: rx.table.row(
                         rx.table.row_header_cell(bilingual(q.ends)), num(q.members),
                         num(q.bodies), num(q.events), num(q.attendance)), size="1"),
        rx.heading(t("Maturity by round"), as_="h3", size="4"),
        scroll_table("Maturity by round", "Round", "Closes",
                     *number_headers("Bodies assessed", "Median level"),
                     rows=S.rounds, row=lambda r: rx.table.row(
                         rx.table.row_header_cell(r.name), rx.table.cell(bilingual(r.closes)),
                         num(r.bodies),
                         rx.table.cell(rx.cond(r.median != "", r.median, "–"),
                                       text_align="right")), size="1"),
        heading_id="figures",
    )


def matrix_cell(cell: rx.Var) -> rx.Component:
    return rx.table.cell(
        rx.cond(cell.gap, rx.el.span(rx.icon("circle_alert", size=12, aria_hidden="true"),
                                     " ", t("Gap"), class_name="gap"), number(cell.count)),
        text_align="right",
        background=rx.cond(cell.gap, "var(--amber-3)", "transparent"),
    )


def matrix() -> rx.Component:
    return section(
        "Well-being goals and ways of working",
        rx.text(t("How many actions serve each well-being goal in each way of working. A gap "
                  "is a goal no action serves in that way."), class_name="muted"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell(t("Well-being goal")),
                    rx.foreach(S.ways, lambda w: rx.table.column_header_cell(
                        bilingual(w), text_align="right")),
                    rx.table.column_header_cell(t("Actions"), text_align="right"),
                )),
                rx.table.body(rx.foreach(S.matrix, lambda row: rx.table.row(
                    rx.table.row_header_cell(bilingual(row.goal)),
                    rx.foreach(row.cells, matrix_cell),
                    num(row.total),
                ))),
                variant="surface", size="1", width="100%",
            ),
            class_name="table-scroll steering-scroll", width="100%", tab_index=0,
            role="region", aria_label=t("Well-being goals and ways of working"),
        ),
        heading_id="matrix",
    )


@routed(routes.PROGRESS, "Progress", on_load=S.load)
def progress_page() -> rx.Component:
    return page(
        "Progress",
        rx.cond(
            S.allowed,
            rx.box(objectives(), figures(), matrix(), class_name="steering-stack"),
            rx.callout.root(rx.callout.text(
                S.problem, " ",
                rx.cond(~S.signed_in, rx.link(t("Sign in"), href=sign_in_here(),
                                              underline="always")),
            ), role="status"),
        ),
        intro="Progress against the CDPS objectives the community serves: actions, decisions "
              "and the figures that show it, over time.",
    )
