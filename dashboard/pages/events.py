"""Events: what is coming up and how past events did."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.i18n import pick, t
from components.labels import EVENT_STATUSES, label
from components.pager import pager
from components.shell import page
from state.events import EventsState as S


def event_item(event: rx.Var, past: bool) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(event["title"], as_="h3", size="3"),
                    rx.cond(event["status"] == "cancelled",
                            badge(label(event["status"], EVENT_STATUSES), color_scheme="red")),
                    align="center", wrap="wrap", spacing="2",
                ),
                rx.text(pick(event["when_en"], event["when_cy"]), size="2"),
                rx.hstack(
                    rx.cond(event["online"] != "", badge(t("Online"), variant="soft"),
                            rx.text(event["where"], size="2")),
                    rx.cond(event["series_en"] != "",
                            rx.text(pick(event["series_en"], event["series_cy"]), size="2",
                                    class_name="muted")),
                    spacing="3", wrap="wrap",
                ),
                rx.cond(
                    past,
                    rx.hstack(
                        rx.text(t("{n} attended", n=event["attendance"]), size="2"),
                        rx.cond(event["views"] != "",
                                rx.text(t("{n} recording views", n=event["views"]), size="2")),
                        spacing="4",
                    ),
                ),
                spacing="1",
            ),
        ),
        id=event["anchor"],
    )


def events() -> rx.Component:
    return page(
        "Events",
        section(
            "Upcoming events",
            rx.cond(
                S.upcoming.length() > 0,
                rx.el.ul(rx.foreach(S.upcoming, lambda e: event_item(e, False)),
                         class_name="card-list"),
                empty_state("No events are planned yet."),
            ),
            pager(S.upcoming_page, S.upcoming_pages, S.upcoming_total, S.upcoming_previous,
                  S.upcoming_next, "Pages of upcoming events"),
            heading_id="upcoming",
        ),
        section(
            "Past events",
            rx.cond(
                S.past.length() > 0,
                rx.el.ul(rx.foreach(S.past, lambda e: event_item(e, True)), class_name="card-list"),
                empty_state("No past events yet."),
            ),
            pager(S.past_page, S.past_pages, S.past_total, S.past_previous, S.past_next,
                  "Pages of past events"),
            heading_id="past",
        ),
        intro="Webinars and meetings of the community. Times are shown in UK time.",
    )
