"""One event, one series, 'My events' and the steering group's event editor."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state
from components.i18n import pick, t, t_count
from components.labels import label
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import EVENT_STATUSES
from state.events import EventEditorState as Ed
from state.events import EventState as E
from state.events import MyEventsState as Mine
from state.events import SeriesState as Se

CONTROL_STYLE = {
    "padding": "0.35rem 0.5rem", "border": "1px solid var(--gray-8)", "border_radius": "6px",
    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "0.9rem",
    "min_height": "2rem", "max_width": "100%",
}
ICON_LINK = {"display": "inline-flex", "align_items": "center", "gap": "0.25rem"}
REGISTRATION_STATUSES = {"registered": "Registered", "waitlisted": "On the waiting list",
                         "cancelled": "Cancelled"}


def fact(term: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.fragment(
        rx.el.dt(t(term), style={"font_weight": "600", "margin_top": "0.5rem"}),
        rx.el.dd(value, style={"margin_left": "0"}),
    )


def back_link() -> rx.Component:
    return rx.link(rx.icon("arrow_left", aria_hidden="true", size=16), t("All events"),
                   href=routes.EVENTS, underline="always", style=ICON_LINK)


def register_box() -> rx.Component:
    ev = E.event
    return rx.cond(
        (ev["status"] != "cancelled") & (ev["past"] == ""),
        rx.card(
            rx.vstack(
                rx.heading(t("Your place"), as_="h2", size="4"),
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
                            rx.cond(ev["full"] != "",
                                    rx.text(t("This event is full: you can join the waiting "
                                              "list and move up if someone cancels."))),
                            rx.button(rx.cond(ev["full"] != "", t("Join the waiting list"),
                                              t("Register")), on_click=E.register_me),
                            spacing="2",
                        ),
                    ),
                    rx.text(rx.link(t("Sign in"), href=routes.SIGN_IN, underline="always"),
                            " ", t("as a member to register here."), size="2"),
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
                    href=ev["ics_url"], underline="always", data_testid="download-ics",
                    style=ICON_LINK),
            rx.link(t("Outlook"), href=ev["outlook_url"], underline="always", is_external=True),
            rx.link(t("Google Calendar"), href=ev["google_url"], underline="always",
                    is_external=True),
            spacing="4", wrap="wrap",
        ),
        aria_labelledby="add-to-calendar",
        class_name="section",
    )


def views_trend() -> rx.Component:
    return rx.cond(
        E.views.length() > 0,
        rx.el.section(
            rx.heading(t("Recording views over time"), as_="h2", size="4", id="views-trend"),
            rx.box(
                rx.recharts.line_chart(
                    rx.recharts.line(data_key="count", stroke="var(--indigo-9)",
                                     is_animation_active=False),
                    rx.recharts.x_axis(data_key=rx.cond(E.is_welsh, "cy", "en")),
                    rx.recharts.y_axis(),
                    data=E.views, height=200, width="100%",
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
                        rx.table.row_header_cell(pick(v["en"], v["cy"])),
                        rx.table.cell(v["views"]),
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


def file_picker(upload_id: str, heading: str, accept: dict) -> rx.Component:
    """A labelled file input: the label wraps the dropzone, so its (visually hidden) input
    has a name; clicking the label or pressing Enter on the zone opens the file dialog."""
    return rx.el.label(
        rx.text(t(heading), class_name="field-label"),
        rx.upload.root(
            rx.hstack(
                rx.el.span(t("Choose file"), style={
                    "padding": "0.3rem 0.75rem", "border_radius": "6px",
                    "background": "var(--gray-a3)", "color": "var(--gray-12)",
                    "font_size": "0.875rem", "font_weight": "500"}),
                rx.text(rx.cond(rx.selected_files(upload_id).length() > 0,
                                rx.selected_files(upload_id)[0], t("No file chosen")),
                        size="2"),
                align="center", spacing="2", wrap="wrap",
            ),
            id=upload_id, max_files=1, multiple=False, no_click=True, accept=accept,
            border="1px dashed var(--gray-8)", padding="0.5rem", border_radius="6px",
            margin_top="0.25rem", cursor="pointer",
        ),
        style={"display": "block", "margin": "0.5rem 0"},
    )


def attendance_import() -> rx.Component:
    """Steering group: upload an export, map its columns, see rejected rows, import."""
    return rx.el.section(
        rx.heading(t("Import attendance"), as_="h2", size="4", id="attendance-import"),
        rx.text(t("A CSV or Excel export (e.g. Eventbrite attendees or a Teams attendance "
                  "report). People are matched by email to those who were members on the "
                  "day; others are counted without keeping their email."), size="2"),
        file_picker("attendance-upload", "Attendance file (CSV or Excel)",
                    {"text/csv": [".csv", ".tsv", ".txt"],
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                         [".xlsx"]}),
        rx.button(t("Preview"), size="2", variant="soft", high_contrast=True,
                  on_click=E.upload_attendance(rx.upload_files(upload_id="attendance-upload"))),
        rx.cond(
            E.att_mapped,
            rx.vstack(
                rx.hstack(
                    rx.vstack(
                        rx.el.label(t("Email column"), html_for="att-email",
                                    class_name="field-label"),
                        rx.el.select(rx.foreach(E.att_columns, lambda c: rx.el.option(c, value=c)),
                                     id="att-email", value=E.att_email_col,
                                     on_change=E.set_att_email, style=CONTROL_STYLE),
                        spacing="1",
                    ),
                    rx.vstack(
                        rx.el.label(t("Attended column (yes/no)"), html_for="att-attended",
                                    class_name="field-label"),
                        rx.el.select(
                            rx.el.option(t("None: everyone listed attended"), value="none"),
                            rx.foreach(E.att_columns, lambda c: rx.el.option(c, value=c)),
                            id="att-attended",
                            value=rx.cond(E.att_attended_col == "", "none", E.att_attended_col),
                            on_change=E.set_att_attended, style=CONTROL_STYLE),
                        spacing="1",
                    ),
                    spacing="4", wrap="wrap",
                ),
                rx.text(t_count(E.att_accepted, "{n} person ready to import.",
                                "{n} people ready to import.", n=E.att_accepted),
                        data_testid="attendance-ready"),
                rx.cond(
                    E.att_rejected_total > 0,
                    rx.vstack(
                        rx.text(t("Rows that would be rejected: {n}. Fix them or change the "
                                  "column mapping: nothing is imported while any row is "
                                  "rejected.",
                                  n=E.att_rejected_total), color="var(--red-11)"),
                        rx.box(rx.table.root(
                            rx.table.header(rx.table.row(
                                rx.table.column_header_cell(t("Row")),
                                rx.table.column_header_cell(t("Why")),
                            )),
                            rx.table.body(rx.foreach(E.att_rejected, lambda r: rx.table.row(
                                rx.table.row_header_cell(r["row"]),
                                rx.table.cell(pick(r["reason_en"], r["reason_cy"])),
                            ))),
                            size="1",
                        ), class_name="table-scroll"),
                        spacing="2",
                    ),
                    rx.button(t("Import attendance"), on_click=E.import_attendance, size="2"),
                ),
                spacing="3", margin_top="0.75rem",
            ),
        ),
        aria_labelledby="attendance-import",
        class_name="section",
        width="100%",
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


def event_body() -> rx.Component:
    ev = E.event
    return rx.vstack(
        back_link(),
        rx.hstack(
            rx.heading(ev["title"], as_="h2", size="6", data_testid="event-title"),
            rx.cond(ev["status"] == "cancelled",
                    badge(label(ev["status"], EVENT_STATUSES), color_scheme="red", size="2")),
            rx.cond(ev["recurring"] != "", badge(t("Repeats"), color_scheme="gray")),
            spacing="3", align="center", wrap="wrap",
        ),
        rx.text(pick(ev["when_en"], ev["when_cy"]), size="3", weight="medium"),
        rx.cond(ev["next_en"] != "",
                rx.text(t("Next: {when}", when=pick(ev["next_en"], ev["next_cy"])), size="2")),
        rx.cond(ev["description"] != "",
                rx.box(rx.markdown(ev["description"], use_raw=False, use_math=False,
                                   use_katex=False), max_width="48rem")),
        rx.el.dl(
            rx.cond(ev["location"] != "", fact("Where", ev["location"])),
            rx.cond(ev["online_url"] != "",
                    fact("Online", rx.link(t("Join online"), href=ev["online_url"],
                                           underline="always", is_external=True))),
            rx.cond(ev["registration_url"] != "",
                    fact("Registration", rx.link(t("Registration page"),
                                                 href=ev["registration_url"], underline="always",
                                                 is_external=True))),
            rx.cond(ev["speakers"] != "", fact("Speakers", ev["speakers"])),
            rx.cond(ev["series_en"] != "",
                    fact("Series", rx.link(pick(ev["series_en"], ev["series_cy"]),
                                           href=ev["series_href"], underline="always"))),
            rx.cond(ev["topic"] != "", fact("Topic", ev["topic"])),
            rx.cond(ev["capacity"] != "", fact("Capacity", t_count(ev["capacity"], "{n} place", "{n} places",
                                                   n=ev["capacity"]))),
            fact("Registrations", rx.text(
                t("{n} registered", n=ev["registered"]),
                rx.cond(ev["waitlisted"] != "0",
                        rx.fragment(", ", t("{n} on the waiting list", n=ev["waitlisted"]))),
                data_testid="registered-count")),
            rx.cond(ev["past"] != "", fact("Attendance", t("{n} attended", n=ev["attended"]))),
            rx.cond(ev["recording_url"] != "",
                    fact("Recording", rx.hstack(
                        rx.link(t("Watch the recording"), href=ev["recording_url"],
                                underline="always", is_external=True),
                        rx.cond(ev["views"] != "",
                                rx.text(t_count(ev["views"], "{n} view", "{n} views", n=ev["views"]))),
                        spacing="3", wrap="wrap"))),
        ),
        register_box(),
        add_to_calendar(),
        views_trend(),
        rx.cond(
            E.can_steer,
            rx.hstack(
                rx.link(t("Edit this event"), href=ev["edit_href"], underline="always"),
                rx.cond(ev["status"] != "cancelled", cancel_dialog()),
                spacing="4", align="center", wrap="wrap", margin_top="1rem",
            ),
        ),
        rx.cond(E.can_steer, attendance_import()),
        spacing="3",
        align="start",
        width="100%",
    )


@routed(routes.EVENT, "Event", on_load=E.load)
def event_page() -> rx.Component:
    return page(
        "Event",
        rx.cond(E.found, event_body(),
                rx.vstack(empty_state("There is no such event."), back_link())),
    )


@routed(routes.SERIES, "Series", on_load=Se.load)
def series_page() -> rx.Component:
    return page(
        "Series",
        rx.cond(
            Se.found,
            rx.vstack(
                back_link(),
                rx.heading(pick(Se.title_en, Se.title_cy), as_="h2", size="6"),
                rx.text(pick(Se.description_en, Se.description_cy)),
                rx.hstack(
                    rx.card(rx.text(t("Attended"), size="2"),
                            rx.text(Se.attendance, class_name="figure-value",
                                    data_testid="series-attendance")),
                    rx.card(rx.text(t("Recording views"), size="2"),
                            rx.text(Se.views, class_name="figure-value",
                                    data_testid="series-views")),
                    spacing="3", wrap="wrap",
                ),
                rx.box(
                    rx.table.root(
                        rx.table.header(rx.table.row(
                            rx.table.column_header_cell(t("Event")),
                            rx.table.column_header_cell(t("When")),
                            rx.table.column_header_cell(t("Attended")),
                            rx.table.column_header_cell(t("Recording views")),
                        )),
                        rx.table.body(rx.foreach(Se.rows, lambda r: rx.table.row(
                            rx.table.row_header_cell(
                                rx.link(r["title"], href=r["href"], underline="always"),
                                rx.cond(r["status"] == "cancelled",
                                        badge(label(r["status"], EVENT_STATUSES),
                                              color_scheme="red", margin_left="0.5rem"))),
                            rx.table.cell(pick(r["when_en"], r["when_cy"])),
                            rx.table.cell(r["attendance"]),
                            rx.table.cell(rx.cond(r["views"] != "", r["views"], "–")),
                        ))),
                        rx.table.row(
                            rx.table.row_header_cell(t("Total")),
                            rx.table.cell(""),
                            rx.table.cell(Se.attendance),
                            rx.table.cell(Se.views),
                        ),
                    ),
                    class_name="table-scroll", width="100%",
                ),
                rx.link(t("Subscribe to this series (.ics)"), href=Se.feed_url,
                        underline="always"),
                spacing="3", align="start", width="100%",
            ),
            rx.vstack(empty_state("There is no such series."), back_link()),
        ),
    )


@routed(routes.MY_EVENTS, "My events", on_load=Mine.load)
def my_events_page() -> rx.Component:
    return page(
        "My events",
        rx.cond(
            Mine.signed_in,
            rx.cond(
                Mine.rows.length() > 0,
                rx.el.ul(rx.foreach(Mine.rows, lambda r: rx.el.li(rx.card(rx.vstack(
                    rx.link(r["title"], href=r["href"], underline="always", weight="medium"),
                    rx.text(pick(r["when_en"], r["when_cy"]), size="2"),
                    rx.hstack(
                        badge(label(r["status"], REGISTRATION_STATUSES)),
                        rx.cond(r["event_status"] == "cancelled",
                                badge(label(r["event_status"], EVENT_STATUSES),
                                      color_scheme="red")),
                        spacing="2",
                    ),
                    spacing="1",
                )))), class_name="card-list"),
                empty_state("You have not registered for any events yet."),
            ),
            rx.text(rx.link(t("Sign in"), href=routes.SIGN_IN, underline="always"), " ",
                    t("to see the events you registered for.")),
        ),
        back_link(),
    )


def field(name: str, heading: str, type_: str = "text", hint: str | None = None,
          **props) -> rx.Component:
    control_id = f"event-{name.replace('_', '-')}"
    if hint:
        props["aria_describedby"] = f"{control_id}-hint"
    return rx.vstack(
        rx.el.label(t(heading), html_for=control_id, class_name="field-label"),
        rx.text(t(hint), size="1", class_name="muted", id=f"{control_id}-hint") if hint
        else rx.fragment(),
        rx.input(name=name, id=control_id, type=type_, default_value=Ed.values[name],
                 key=Ed.values[name], width="100%", max_width="32rem", **props),
        spacing="1", width="100%",
    )


@routed(routes.EVENT_EDITOR, "Event editor", on_load=Ed.load)
def event_editor() -> rx.Component:
    return page(
        "Event editor",
        rx.cond(
            Ed.allowed,
            rx.form(
                rx.vstack(
                    rx.heading(rx.cond(Ed.editing_id != "", t("Edit event"), t("New event")),
                               as_="h2", size="5"),
                    field("title", "Title", required=True, max_length=300),
                    rx.vstack(
                        rx.el.label(t("Description (Markdown)"), html_for="event-description",
                                    class_name="field-label"),
                        rx.text_area(name="description", id="event-description",
                                     default_value=Ed.values["description"],
                                     key=Ed.values["description"], width="100%",
                                     max_width="32rem", rows="5"),
                        spacing="1", width="100%",
                    ),
                    rx.vstack(
                        rx.el.label(t("Series"), html_for="event-series",
                                    class_name="field-label"),
                        rx.el.select(
                            rx.el.option(t("None"), value="none"),
                            rx.foreach(Ed.series_options, lambda s: rx.el.option(
                                pick(s["en"], s["cy"]), value=s["id"])),
                            id="event-series", name="series_choice",
                            value=rx.cond(Ed.series_id == "", "none", Ed.series_id),
                            on_change=Ed.set_series_id, style=CONTROL_STYLE,
                        ),
                        spacing="1",
                    ),
                    field("topic", "Topic", max_length=100),
                    rx.hstack(
                        field("day", "Date", "date", required=True),
                        field("start", "Starts (UK time)", "time", required=True),
                        field("end", "Ends (UK time)", "time", required=True),
                        spacing="3", wrap="wrap", width="100%",
                    ),
                    rx.vstack(
                        rx.el.label(t("Repeats"), html_for="event-repeat",
                                    class_name="field-label"),
                        rx.el.select(
                            rx.el.option(t("Does not repeat"), value="none"),
                            rx.el.option(t("Weekly"), value="weekly"),
                            rx.el.option(t("Monthly"), value="monthly"),
                            id="event-repeat", name="repeat_choice",
                            value=rx.cond(Ed.values["repeat"] == "", "none", Ed.values["repeat"]),
                            on_change=Ed.set_repeat, style=CONTROL_STYLE,
                        ),
                        spacing="1",
                    ),
                    rx.cond(
                        Ed.values["repeat"] != "",
                        rx.vstack(
                            field("count", "Occurrences", "number", min=2, max=200),
                            field("except_days", "Except on",
                                  hint="Dates it does not happen, like 2026-12-22, 2026-12-29"),
                            width="100%",
                        ),
                    ),
                    field("location", "Venue (leave empty if online only)", max_length=300),
                    field("online_url", "Online link", "url", max_length=500),
                    field("registration_url", "Registration link", "url", max_length=500),
                    field("speakers", "Speakers", max_length=500),
                    field("capacity", "Capacity (places)", "number", min=1),
                    field("recording_url", "Recording link", "url", max_length=500),
                    rx.hstack(
                        rx.button(t("Save"), type="submit", size="3"),
                        rx.link(t("Cancel"), href=routes.EVENTS, underline="always"),
                        spacing="4", align="center",
                    ),
                    spacing="3", width="100%",
                ),
                on_submit=Ed.save,
                reset_on_submit=False,
            ),
            rx.text(t("Only the steering group can add or change events."), role="alert"),
        ),
    )
