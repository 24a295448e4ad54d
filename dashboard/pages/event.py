"""One event: when and where, registering, adding it to a calendar, the recording's views;
the steering group edits, cancels and imports attendance."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionVar

from components.attendance_import import attendance_import
from components.cards import badge
from components.events import (
    CONTROL_STYLE,
    ICON_LINK,
    back_link,
    data_text,
    named_page,
    places_badges,
    status_badge,
    topic_name,
    untranslated_marker,
)
from components.i18n import bilingual, number, t, t_count
from components.live import live_updates
from components.shell import sign_in_here
from dashboard import routes
from dashboard.pages import routed
from state.attendance_import import AttendanceImportState
from state.event import EventState as E


def fact(term: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.fragment(
        rx.el.dt(t(term), style={"font_weight": "600", "margin_top": "0.5rem"}),
        rx.el.dd(value, style={"margin_left": "0"}),
    )


def occurrence_choice() -> rx.Component:
    """A recurring event: which of its coming dates the reader's place is for."""
    return rx.cond(
        E.occurrences.length() > 1,
        rx.vstack(
            rx.el.label(t("Date"), html_for="event-occurrence", class_name="field-label"),
            rx.el.select(
                rx.foreach(E.occurrences, lambda o: rx.el.option(bilingual(o.when),
                                                                 value=o.key)),
                id="event-occurrence", value=E.occurrence, on_change=E.choose_occurrence,
                style=CONTROL_STYLE, class_name="events-select",
            ),
            spacing="1", class_name="events-filter",
        ),
    )


def elsewhere_or_sign_in() -> rx.Component:
    """A reader who is not a signed-in member registers on the organiser's page, where the
    event has one; otherwise they are asked to sign in."""
    return rx.cond(
        E.event.registration_url != "",
        rx.link(rx.button(t("Register"), rx.icon("external_link", aria_hidden="true", size=16),
                          tab_index=-1),
                href=E.event.registration_url, is_external=True,
                data_testid="register-elsewhere"),
        rx.text(rx.link(t("Sign in"), href=sign_in_here(), underline="always"),
                " ", t("as a member to register here."), size="2"),
    )


def register_box() -> rx.Component:
    ev = E.event
    return rx.cond(
        ~ev.cancelled & ~ev.past,
        rx.card(
            rx.vstack(
                rx.heading(t("Your place"), as_="h2", size="4"),
                occurrence_choice(),
                rx.cond(
                    E.signed_in_member,
                    rx.cond(
                        (E.my_status == "registered") | (E.my_status == "waitlisted"),
                        rx.vstack(
                            rx.text(rx.cond(E.my_status == "registered", t("You are registered."),
                                            t("You are on the waiting list.")),
                                    data_testid="my-registration"),
                            rx.button(t("Cancel my registration"), on_click=E.cancel_me,
                                      color_scheme="red", variant="soft", high_contrast=True),
                            spacing="2",
                        ),
                        rx.vstack(
                            rx.cond(ev.full,
                                    rx.text(t("This event is full: you can join the waiting "
                                              "list and move up if someone cancels."))),
                            rx.button(rx.cond(ev.full, t("Join the waiting list"),
                                              t("Register")), on_click=E.register_me),
                            spacing="2",
                        ),
                    ),
                    elsewhere_or_sign_in(),
                ),
                spacing="2",
            ),
            margin_y="1rem",
        ),
    )


def add_to_calendar() -> rx.Component:
    ev = E.event
    return rx.el.section(
        rx.heading(t("Add to calendar"), as_="h2", size="4", id="add-to-calendar"),
        rx.hstack(
            rx.link(rx.icon("download", aria_hidden="true", size=16), t("Download (.ics)"),
                    href=bilingual(ev.ics_url), underline="always", data_testid="download-ics",
                    style=ICON_LINK),
            rx.link(t("Outlook"), href=bilingual(ev.outlook_url), underline="always",
                    is_external=True),
            rx.link(t("Google Calendar"), href=bilingual(ev.google_url), underline="always",
                    is_external=True),
            spacing="4", wrap="wrap",
        ),
        aria_labelledby="add-to-calendar",
        class_name="section",
    )


def read_on_tick() -> FunctionVar:
    """The chart's time axis labels each reading with its date, as the table does."""
    lang = rx.cond(E.is_welsh, "cy", "en")
    return Var(
        _js_expr=f"((at) => ({E.views!s}.find((v) => v.at === at)?.read_on ?? {{}})"
                 f"[{lang!s}] ?? '')",
        _var_type=FunctionVar,
        _var_data=VarData.merge(E.views._get_all_var_data(), lang._get_all_var_data()),
    ).to(FunctionVar)


def views_trend() -> rx.Component:
    return rx.cond(
        E.views.length() > 0,
        rx.el.section(
            rx.heading(t("Recording views over time"), as_="h2", size="4", id="views-trend"),
            rx.box(
                rx.recharts.line_chart(
                    rx.recharts.line(data_key="views", stroke="var(--indigo-9)",
                                     is_animation_active=False),
                    # A time axis: readings are as far apart as the days between them.
                    rx.recharts.x_axis(data_key="at", type_="number", scale="time",
                                       domain=["dataMin", "dataMax"], ticks=E.view_times,
                                       tick_formatter=read_on_tick(), min_tick_gap=16),
                    rx.recharts.y_axis(),
                    data=E.views.to(list[dict[str, Any]]), height=200, width="100%",
                    margin={"top": 5, "right": 36, "left": 0, "bottom": 5},
                    custom_attrs={"accessibilityLayer": False},
                ),
                aria_hidden="true", width="100%",
            ),
            rx.box(
                rx.table.root(
                    rx.table.header(rx.table.row(
                        rx.table.column_header_cell(t("Read on")),
                        rx.table.column_header_cell(t("Views")),
                    )),
                    rx.table.body(rx.foreach(E.views, lambda v: rx.table.row(
                        rx.table.row_header_cell(bilingual(v.read_on)),
                        rx.table.cell(number(v.views)),
                    ))),
                    size="1",
                ),
                class_name="table-scroll",
            ),
            aria_labelledby="views-trend",
            class_name="section",
            width="100%", max_width="40rem",
        ),
    )


def cancel_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(t("Cancel this event"), color_scheme="red", variant="soft",
                      high_contrast=True),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("Cancel this event?")),
            rx.alert_dialog.description(
                t("It stays in the calendar, marked as cancelled, and subscribed calendars "
                  "show it as cancelled."), size="2"),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(t("Keep it"), variant="soft",
                                                 high_contrast=True)),
                rx.alert_dialog.action(rx.button(t("Cancel the event"), color_scheme="red",
                                                 high_contrast=True, on_click=E.cancel_event)),
                spacing="3", justify="end", margin_top="1rem",
            ),
        ),
    )


def facts() -> rx.Component:
    ev = E.event
    return rx.el.dl(
        rx.cond(ev.location.en != "",
                fact("Where", data_text(ev.location, ev.location_untranslated))),
        rx.cond(ev.online_url != "",
                fact("Online", rx.link(t("Join online"), href=ev.online_url,
                                       underline="always", is_external=True))),
        rx.cond(ev.speakers != "", fact("Speakers", ev.speakers)),
        rx.cond(ev.in_series,
                fact("Series", rx.link(bilingual(ev.series), href=ev.series_href,
                                       underline="always"))),
        rx.cond(ev.topic != "", fact("Topic", topic_name(ev.topic))),
        rx.cond(ev.capacity > 0, fact("Capacity", t_count(ev.capacity, "{n} place",
                                                          "{n} places", n=number(ev.capacity)))),
        fact("Registrations", rx.hstack(
            rx.text(
                t("{n} registered", n=number(ev.registered)),
                rx.cond(ev.waitlisted > 0,
                        rx.fragment(", ", t("{n} on the waiting list",
                                            n=number(ev.waitlisted)))),
                rx.cond(E.occurrence != "",
                        rx.fragment(" (", bilingual(E.occurrence_when), ")")),
                data_testid="registered-count"),
            rx.cond(~ev.cancelled & ~ev.past, places_badges(ev.full)),
            spacing="2", wrap="wrap", align="center")),
        rx.cond(ev.past, fact("Attendance", t("{n} attended", n=number(ev.attended)))),
        rx.cond(ev.recording_url != "",
                fact("Recording", rx.hstack(
                    rx.link(t("Watch the recording"), href=ev.recording_url,
                            underline="always", is_external=True),
                    rx.cond(ev.has_views,
                            rx.text(t_count(ev.views, "{n} view", "{n} views",
                                            n=number(ev.views)))),
                    spacing="3", wrap="wrap"))),
    )


def event_body() -> rx.Component:
    ev = E.event
    return rx.vstack(
        back_link(),
        rx.hstack(
            untranslated_marker(ev.title_untranslated),
            rx.cond(ev.cancelled, status_badge(ev.status, size="2")),
            rx.cond(ev.recurring, badge(t("Repeats"), color_scheme="gray")),
            spacing="3", align="center", wrap="wrap",
        ),
        rx.text(bilingual(ev.when), size="3", weight="medium"),
        rx.cond(ev.has_next, rx.text(t("Next: {when}", when=bilingual(ev.next_when)), size="2")),
        rx.cond(ev.description.en != "",
                rx.box(
                    untranslated_marker(ev.description_untranslated),
                    rx.markdown(bilingual(ev.description), use_raw=False, use_math=False,
                                use_katex=False),
                    lang=rx.cond(E.is_welsh & ev.description_untranslated, "en", E.lang),
                    max_width="48rem")),
        facts(),
        register_box(),
        add_to_calendar(),
        views_trend(),
        rx.cond(
            E.can_steer,
            rx.hstack(
                rx.link(t("Edit this event"), href=ev.edit_href, underline="always"),
                rx.cond(~ev.cancelled, cancel_dialog()),
                spacing="4", align="center", wrap="wrap", margin_top="1rem",
            ),
        ),
        rx.cond(E.can_steer, attendance_import()),
        spacing="3",
        align="start",
        width="100%",
    )


@routed(routes.EVENT, "Event", on_load=[E.load, AttendanceImportState.load])
def event_page() -> rx.Component:
    return named_page(
        "Event", E.event.title, E.event.tab_title, E.found,
        live_updates(),
        rx.cond(E.found, event_body(),
                rx.vstack(rx.text(E.problem, class_name="empty-state"), back_link())),
        untranslated=E.event.title_untranslated, test_id="event-title",
    )
