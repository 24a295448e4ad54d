"""Events: the community calendar as a list (upcoming and past) or a month grid, filtered by
series and topic, with subscribable feeds; the steering group adds and imports events."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.events import (
    CONTROL_STYLE,
    ICON_LINK,
    data_text,
    file_picker,
    places_badges,
    status_badge,
    topic_name,
)
from components.i18n import bilingual, number, t, t_count
from components.in_page import in_page_click
from components.live import as_of, live_updates
from components.pager import pager
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.events import EventsState as S
from state.events import PastEventsState as Past
from state.events import UpcomingEventsState as Upcoming

WEEKDAYS = (("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"),
            ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday"))


# Arrow keys move between days (a roving tabindex: one day is in the Tab order), Home and
# End go to the start and end of the week; Tab then reaches the day's events.
GRID_KEYS = """(e) => {
  const cell = e.target.closest ? e.target.closest('td[data-day]') : null;
  if (!cell || e.target !== cell) return;
  const steps = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7};
  const cells = Array.from(e.currentTarget.querySelectorAll('td[data-day]'));
  const at = cells.indexOf(cell);
  let to = null;
  if (e.key in steps) to = at + steps[e.key];
  else if (e.key === 'Home') to = at - (at % 7);
  else if (e.key === 'End') to = at - (at % 7) + 6;
  if (to === null || to < 0 || to >= cells.length) return;
  e.preventDefault();
  cells.forEach((c) => c.setAttribute('tabindex', '-1'));
  cells[to].setAttribute('tabindex', '0');
  cells[to].focus();
}"""


def event_item(event: rx.Var, past: bool) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(rx.link(data_text(event.title, event.title_untranslated),
                                       href=event.href, underline="always"),
                               as_="h3", size="3"),
                    rx.cond(event.cancelled, status_badge(event.status)),
                    rx.fragment() if past else places_badges(event.full, event.waitlisted),
                    rx.cond(event.recurring, badge(t("Repeats"), color_scheme="gray")),
                    align="center", wrap="wrap", spacing="2",
                ),
                rx.text(bilingual(event.when), size="2"),
                rx.hstack(
                    rx.cond(event.online, badge(t("Online"), variant="soft"),
                            rx.text(data_text(event.where, event.where_untranslated),
                                    size="2")),
                    rx.cond(event.in_series,
                            rx.text(bilingual(event.series), size="2", class_name="muted")),
                    spacing="3", wrap="wrap",
                ),
                rx.cond(
                    past,
                    rx.hstack(
                        rx.text(t("{n} attended", n=number(event.attendance)), size="2"),
                        rx.cond(event.has_views,
                                rx.text(t_count(event.views, "{n} recording view",
                                                "{n} recording views", n=number(event.views)),
                                        size="2")),
                        spacing="4",
                    ),
                ),
                spacing="1",
            ),
        ),
        id=event.anchor,
    )


def view_link(view: str, text: str, href: rx.Var) -> rx.Component:
    """The current view as bold text (aria-current), the other as a link."""
    return rx.cond(
        S.view == view,
        rx.el.span(t(text), aria_current="page",
                   style={"font_weight": "700", "color": "var(--gray-12)"}),
        rx.link(t(text), href=href, underline="always"),
    )


def filters() -> rx.Component:
    # A select is as wide as its longest option: the filters' boxes stop at the page's
    # width, and the select shrinks with them (the options list shows names in full).
    return rx.hstack(
        rx.vstack(
            rx.el.label(t("Series"), html_for="filter-series", font_size="0.85rem",
                        font_weight="500"),
            rx.el.select(
                rx.el.option(t("All series"), value="all"),
                rx.foreach(S.series_options,
                           lambda s: rx.el.option(bilingual(s.title), value=s.slug,
                                                  title=bilingual(s.title))),
                id="filter-series", value=rx.cond(S.series_filter == "", "all", S.series_filter),
                on_change=S.set_series, style=CONTROL_STYLE, class_name="events-select",
            ),
            spacing="1", class_name="events-filter",
        ),
        rx.vstack(
            rx.el.label(t("Topic"), html_for="filter-topic", font_size="0.85rem",
                        font_weight="500"),
            rx.el.select(
                rx.el.option(t("All topics"), value="all"),
                rx.foreach(S.topic_options,
                           lambda topic: rx.el.option(topic_name(topic), value=topic)),
                id="filter-topic", value=rx.cond(S.topic_filter == "", "all", S.topic_filter),
                on_change=S.set_topic, style=CONTROL_STYLE, class_name="events-select",
            ),
            spacing="1", class_name="events-filter",
        ),
        rx.el.nav(
            rx.hstack(
                view_link("list", "List", S.list_href),
                view_link("month", "Month", S.month_href),
                spacing="3",
            ),
            aria_label=t("Calendar views"),
        ),
        spacing="4", wrap="wrap", align="end", margin_top="0.75rem", margin_bottom="1rem",
    )


def day_cell(day: rx.Var) -> rx.Component:
    items = rx.foreach(
        S.month_days[day.slot].events,
        lambda item: rx.el.li(
            rx.link(
                rx.cond(item.time != "", item.time + " ", ""),
                bilingual(item.title),
                href=item.href, underline="always", size="1",
                text_decoration=rx.cond(item.cancelled, "line-through", "underline"),
            ),
            rx.cond(item.cancelled,
                    rx.el.span(" (", t("Cancelled"), ")", style={"font_size": "0.75rem"})),
            style={"margin_bottom": "0.25rem", "line_height": "1.2"},
        ),
    )
    return rx.el.td(
        rx.el.div(
            rx.el.span(day.day, aria_hidden="true", font_weight=rx.cond(day.today, "700", "500")),
            rx.el.span(bilingual(day.label), class_name="sr-only",
                       style={"position": "absolute", "width": "1px", "height": "1px",
                              "overflow": "hidden", "clip": "rect(0 0 0 0)",
                              "white_space": "nowrap"}),
            rx.cond(day.today, badge(t("Today"), size="1", color_scheme="indigo",
                                              variant="solid", margin_left="0.25rem")),
        ),
        rx.cond(day.busy,
                rx.el.ul(items, style={"list_style": "none", "padding": "0",
                                       "margin": "0.25rem 0 0"})),
        aria_current=rx.cond(day.today, "date", "false"),
        data_day=day.date,
        tab_index=rx.cond(day.tab, 0, -1),
        style={
            "vertical_align": "top", "padding": "0.35rem", "min_width": "6.5rem",
            "height": "5.5rem", "border": "1px solid var(--gray-6)",
            "background": rx.cond(day.today, "var(--indigo-3)",
                                  rx.cond(day.in_month, "var(--color-panel-solid)",
                                          "var(--gray-2)")),
            "color": rx.cond(day.in_month, "var(--gray-12)", "var(--gray-11)"),
        },
    )


def month_day(day: rx.Var) -> rx.Component:
    """A day of the month with its events: on a phone, the list of days is the calendar."""
    return rx.el.li(
        rx.heading(bilingual(day.label),
                   rx.cond(day.today, badge(t("Today"), size="1", color_scheme="indigo",
                                            variant="solid", margin_left="0.5rem")),
                   as_="h4", size="3", class_name="month-day-heading"),
        rx.el.ul(rx.foreach(day.events, lambda item: rx.el.li(
            rx.cond(item.time != "", rx.el.span(item.time, class_name="month-day-time")),
            rx.link(data_text(item.title, item.title_untranslated), href=item.href,
                    underline="always"),
            rx.cond(item.cancelled,
                    badge(t("Cancelled"), color_scheme="red", margin_left="0.5rem")),
        )), class_name="month-day-events"),
        aria_current=rx.cond(day.today, "date", None),
    )


def month_view() -> rx.Component:
    return rx.el.section(
        rx.hstack(
            # Announced when a month link changes it in place (no page load to announce).
            rx.heading(bilingual(S.month_title), as_="h2", size="5",
                       id="month-heading", aria_live="polite"),
            rx.el.nav(
                rx.hstack(
                    rx.link(rx.icon("chevron_left", aria_hidden="true", size=16),
                            t("Previous month"), href=S.prev_href, underline="always",
                            on_click=in_page_click(S.step_month("previous")),
                            data_testid="previous-month", style=ICON_LINK),
                    rx.link(t("This month"), href=S.today_href, underline="always",
                            on_click=in_page_click(S.step_month("today"))),
                    rx.link(t("Next month"), rx.icon("chevron_right", aria_hidden="true",
                                                     size=16),
                            href=S.next_href, underline="always", data_testid="next-month",
                            on_click=in_page_click(S.step_month("next")), style=ICON_LINK),
                    spacing="4", wrap="wrap", align="center",
                ),
                aria_label=t("Months"),
            ),
            justify="between", wrap="wrap", align="center", spacing="3", margin_bottom="0.5rem",
        ),
        rx.box(
            rx.el.table(
                rx.el.caption(t("Events by day, in UK time. Use the arrow keys to move between "
                                "days."), style={"text_align": "left",
                                                                      "padding": "0.25rem 0"}),
                rx.el.thead(rx.el.tr(*[
                    rx.el.th(rx.el.abbr(t(short), title=t(full)), scope="col",
                             style={"padding": "0.35rem", "text_align": "left"})
                    for short, full in WEEKDAYS
                ])),
                rx.el.tbody(rx.foreach(S.weeks, lambda week: rx.el.tr(rx.foreach(week, day_cell)))),
                role="grid",
                aria_labelledby="month-heading",
                custom_attrs={"onKeyDown": rx.Var(_js_expr=GRID_KEYS)},
                style={"border_collapse": "collapse", "width": "100%", "table_layout": "fixed",
                       "min_width": "46rem"},
            ),
            class_name="table-scroll month-grid",
        ),
        rx.heading(t("This month's events"), as_="h3", size="4", margin_top="1rem"),
        rx.cond(
            S.month_days.length() > 0,
            rx.el.ol(rx.foreach(S.month_days, month_day), class_name="month-days"),
            empty_state("No events this month."),
        ),
        aria_labelledby="month-heading",
        class_name="section",
    )


def list_view() -> rx.Component:
    return rx.fragment(
        section(
            "Upcoming events",
            rx.cond(
                Upcoming.rows.length() > 0,
                rx.el.ul(rx.foreach(Upcoming.rows, lambda e: event_item(e, False)),
                         class_name="card-list events-list"),
                empty_state("No events are planned yet."),
            ),
            pager(Upcoming, "Pages of upcoming events"),
            heading_id="upcoming",
        ),
        section(
            "Past events",
            rx.cond(
                Past.rows.length() > 0,
                rx.el.ul(rx.foreach(Past.rows, lambda e: event_item(e, True)),
                         class_name="card-list events-list"),
                empty_state("No past events yet."),
            ),
            pager(Past, "Pages of past events"),
            heading_id="past",
        ),
    )


def subscribe() -> rx.Component:
    return section(
        "Subscribe",
        rx.text(t("Add the community calendar to Outlook, Google or Apple Calendar with this "
                  "address; changes and cancellations reach your calendar by themselves."),
                size="2"),
        rx.hstack(
            rx.link(t("All events (.ics)"), href=bilingual(S.calendar_url), underline="always",
                    is_external=True),
            rx.cond(S.series_feed_url.en != "",
                    rx.link(t("This series only (.ics)"), href=bilingual(S.series_feed_url),
                            underline="always", is_external=True)),
            rx.cond(S.signed_in, rx.link(t("My events"), href=routes.MY_EVENTS,
                                         underline="always")),
            spacing="4", wrap="wrap", margin_top="0.5rem",
        ),
        heading_id="subscribe",
    )


def steering_tools() -> rx.Component:
    return rx.cond(
        S.can_steer,
        section(
            "For the steering group",
            rx.hstack(
                rx.link(rx.button(rx.icon("plus", aria_hidden="true", size=16), t("New event"),
                                  size="2", tab_index=-1),
                        href=routes.EVENT_EDITOR),
                spacing="3", wrap="wrap",
            ),
            rx.vstack(
                file_picker("ics-upload", "Import events from an .ics file",
                            {"text/calendar": [".ics"]}),
                rx.button(t("Import"), size="2",
                          on_click=S.import_ics(rx.upload_files(upload_id="ics-upload"))),
                spacing="2", margin_top="1rem",
            ),
            heading_id="steering",
        ),
    )


@routed(routes.EVENTS, "Events", on_load=[S.load, Upcoming.load, Past.load])
def events() -> rx.Component:
    return page(
        "Events",
        live_updates(), as_of("events"),
        filters(),
        rx.cond(S.view == "month", month_view(), list_view()),
        subscribe(),
        steering_tools(),
        intro="Webinars and meetings of the community. Times are shown in UK time.",
    )
