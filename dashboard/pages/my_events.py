"""My events: the events the signed-in member registered for."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state
from components.events import back_link, data_text, status_badge
from components.i18n import bilingual, t
from components.labels import label
from components.shell import page, sign_in_here
from dashboard import routes
from dashboard.pages import routed
from state.my_events import MyEventsState as S

REGISTRATION_STATUSES = {"registered": "Registered", "waitlisted": "On the waiting list",
                         "cancelled": "Cancelled"}


def my_event(row: rx.Var) -> rx.Component:
    return rx.el.li(rx.card(rx.vstack(
        rx.link(data_text(row.title, row.title_untranslated), href=row.href,
                underline="always", weight="medium"),
        rx.text(bilingual(row.when), size="2"),
        rx.hstack(
            badge(label(row.status, REGISTRATION_STATUSES)),
            rx.cond(row.event_cancelled, status_badge(row.event_status)),
            spacing="2",
        ),
        spacing="1",
    )))


@routed(routes.MY_EVENTS, "My events", on_load=S.load)
def my_events_page() -> rx.Component:
    return page(
        "My events",
        rx.cond(
            S.signed_in,
            rx.cond(
                S.rows.length() > 0,
                rx.el.ul(rx.foreach(S.rows, my_event), class_name="card-list events-list"),
                empty_state("You have not registered for any events yet."),
            ),
            rx.text(rx.link(t("Sign in"), href=sign_in_here(), underline="always"), " ",
                    t("to see the events you registered for.")),
        ),
        back_link(),
    )
