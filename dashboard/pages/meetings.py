"""Meetings: the steering group's meetings; published minutes for everyone."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.i18n import bilingual, t
from components.pager import pager
from components.shell import from_the_data, page
from components.steering import scroll_table, text_field
from dashboard import routes
from dashboard.pages import routed
from state.meetings import MeetingsState as S


def meeting_row(m: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(bilingual(m.held)),
        rx.table.row_header_cell(rx.link(from_the_data(m.title, m.title_untranslated),
                                         href=m.href)),
        rx.table.cell(m.place, overflow_wrap="anywhere"),
        rx.table.cell(rx.cond(m.published, badge(t("Minutes published"), color_scheme="green"),
                              badge(t("Not published"), variant="outline"))),
    )


def schedule_form() -> rx.Component:
    v = S.values
    return section(
        "Schedule a meeting",
        rx.form(
            rx.vstack(
                text_field("meeting-date", "held_on", "Date", v["held_on"], "date"),
                text_field("meeting-title", "title", "Title", v["title"], max_length=200),
                text_field("meeting-title-cy", "title_cy", "Title in Welsh", v["title_cy"],
                           max_length=200),
                text_field("meeting-place", "place", "Place", v["place"], max_length=300),
                text_field("meeting-link", "online_url", "Online link", v["online_url"], "url",
                           max_length=500),
                rx.button(t("Schedule meeting"), type="submit"),
                spacing="3", width="100%",
            ),
            on_submit=S.schedule, reset_on_submit=False, novalidate=True,
        ),
        heading_id="schedule-meeting",
    )


@routed(routes.MEETINGS, "Meetings", on_load=S.load)
def meetings() -> rx.Component:
    return page(
        "Meetings",
        rx.cond(S.can_steer,
                rx.hstack(rx.link(t("Decisions log"), href=routes.DECISIONS),
                          rx.link(t("Progress against the objectives"), href=routes.PROGRESS),
                          spacing="4", wrap="wrap")),
        rx.cond(S.rows.length() > 0,
                scroll_table("Meetings", "Date", "Meeting", "Place", "Minutes", rows=S.rows,
                             row=meeting_row),
                empty_state("There are no meetings to show.")),
        pager(S, "Pages of meetings"),
        rx.cond(S.can_steer, schedule_form()),
        intro="The steering group's meetings. Minutes are shown here once the steering group "
              "publishes them.",
    )
