"""Overview: the community at a glance."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, figure_card, section
from components.i18n import bilingual, number, t
from components.live import as_of, live_updates
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.overview import OverviewState as S

F = S.figures


def upcoming_event(event: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.vstack(
                rx.link(event.title, href=event.href, weight="medium", size="3"),
                rx.text(bilingual(event.when), size="2", class_name="muted"),
                rx.cond(
                    event.online,
                    badge(t("Online"), color_scheme="indigo"),
                    rx.text(event.where, size="2"),
                ),
                spacing="1",
            ),
        ),
    )


def figures() -> rx.Component:
    return rx.grid(
        figure_card(
            "Members", number(F.members),
            rx.vstack(t("{n} new this month", n=number(F.members_new)), as_of("membership"),
                      spacing="0"),
            routes.MEMBERS, "See the members", "figure-members",
        ),
        figure_card(
            "Public bodies represented",
            t("{n} of {total}", n=number(F.bodies_represented), total=number(F.bodies_total)),
            rx.progress(value=F.coverage_percent, max=100,
                        aria_label=t("Share of public bodies represented")),
            routes.MEMBERS, "See bodies not yet represented", "figure-coverage",
        ),
        figure_card(
            "Sector readiness", F.readiness,
            rx.cond(
                F.readiness_withheld,
                # The maturity page's words and rule: no figure about too few bodies.
                rx.text(t("Withheld: fewer than {n} bodies assessed.", n=F.threshold),
                        size="2", data_testid="figure-readiness-withheld"),
                rx.vstack(
                    rx.text(bilingual(F.readiness_label), weight="medium"),
                    rx.text(t("Median maturity level across {n} assessed bodies",
                              n=number(F.bodies_assessed)), size="2", class_name="muted"),
                    as_of("maturity"),
                    spacing="0",
                ),
            ),
            routes.MATURITY, "See sector maturity", "figure-readiness",
        ),
        figure_card(
            "Open steering actions", number(F.actions_open),
            rx.vstack(
                rx.cond(
                    F.actions_overdue > 0,
                    badge(t("{n} overdue", n=number(F.actions_overdue)), color_scheme="red",
                          size="2", data_testid="figure-overdue"),
                    rx.text(t("None overdue"), size="2", class_name="muted",
                            data_testid="figure-overdue"),
                ),
                rx.text(rx.cond(F.next_meeting.en != "",
                                t("Next meeting: {day}", day=bilingual(F.next_meeting)),
                                t("No meeting scheduled")),
                        size="2", data_testid="figure-next-meeting"),
                spacing="1",
            ),
            routes.PROGRESS, "See progress against the objectives", "figure-actions",
        ),
        columns=rx.breakpoints(initial="1", sm="2", lg="4"),
        spacing="4",
        width="100%",
    )


def next_events() -> rx.Component:
    return section(
        "Next events",
        rx.cond(
            S.upcoming.length() > 0,
            rx.el.ul(rx.foreach(S.upcoming, upcoming_event), class_name="card-list"),
            empty_state("No events are planned yet."),
        ),
        rx.link(t("See all events"), href=routes.EVENTS),
        heading_id="next-events",
    )


def series_card(series: rx.Var) -> rx.Component:
    def figure(value: rx.Var, label: str, test_id: str) -> rx.Component:
        return rx.vstack(rx.text(number(value), class_name="figure-value-sm",
                                 data_testid=test_id),
                         rx.text(t(label), size="2", class_name="muted"), spacing="0")

    return rx.card(
        rx.vstack(
            rx.text(bilingual(series.title), weight="medium", size="4"),
            rx.grid(
                figure(series.events, "webinars", "series-events"),
                figure(series.attendance, "attendees in total", "series-attendance"),
                figure(series.views, "recording views", "series-views"),
                columns="3",
                spacing="4",
            ),
            as_of("events"),
            spacing="3",
        ),
    )


def webinar_series() -> rx.Component:
    return section(
        "First webinar series",
        rx.cond(
            S.series.length() > 0,
            rx.foreach(S.series, series_card),
            empty_state("No webinar series has been recorded yet."),
        ),
        heading_id="webinar-series",
    )


@routed(routes.OVERVIEW, "Overview", on_load=S.load)
def overview() -> rx.Component:
    return page(
        "Overview",
        live_updates(),
        # Never zeros that look like data: figures appear once they are loaded.
        rx.cond(S.loaded, figures(),
                rx.text(t("Loading the figures…"), role="status", class_name="muted")),
        rx.cond(S.loaded, rx.grid(next_events(), webinar_series(),
                                  columns=rx.breakpoints(initial="1", md="2"), spacing="6",
                                  width="100%")),
        intro="Who is in the community, what is coming up, how ready the sector is, "
              "and what the steering group is doing.",
    )
