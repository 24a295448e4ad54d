"""One meeting: its agenda and minutes. The steering group proposes and edits the agenda,
records minutes in both languages with decisions and actions, carries items over and
publishes the minutes; everyone else reads published minutes."""

from __future__ import annotations

import reflex as rx

from components.cards import badge, empty_state, section
from components.i18n import bilingual, number, t
from components.labels import label
from components.meeting_items import minutes_form, order_controls, outputs_forms
from components.shell import from_the_data, page
from components.steering import CONTROL_STYLE, text_field
from dashboard import routes
from dashboard.pages import routed
from dashboard.vocabulary import AGENDA_OUTCOMES, AGENDA_SOURCES
from state.meeting import MeetingState as S


def details() -> rx.Component:
    return rx.vstack(
        rx.heading(from_the_data(S.title, False), as_="h2", size="6"),
        rx.text(bilingual(S.held)),
        rx.cond(S.place != "", rx.text(t("Place: {place}", place=S.place))),
        rx.cond(S.online_url != "", rx.link(t("Join online"), href=S.online_url,
                                            is_external=True)),
        rx.cond(S.present.length() > 0,
                rx.text(t("Present: {names}", names=S.present.join(", ")))),
        rx.cond(S.apologies.length() > 0,
                rx.text(t("Apologies: {names}", names=S.apologies.join(", ")))),
        spacing="1",
    )


def documents() -> rx.Component:
    return rx.hstack(
        rx.cond(S.can_steer, rx.link(t("Meeting pack (PDF)"), href=S.pack_url)),
        rx.link(t("Minutes (PDF)"), href=S.minutes_url),
        rx.button(rx.icon("printer", size=16, aria_hidden="true"), t("Print"),
                  on_click=rx.call_script("window.print()"), variant="soft", size="2",
                  class_name="no-print"),
        spacing="4", wrap="wrap", align="center", class_name="no-print",
    )


def details_form() -> rx.Component:
    d = S.details
    return rx.form(
        rx.el.fieldset(
            rx.el.legend(t("Meeting details"), class_name="field-label"),
            rx.flex(
                text_field("meeting-date", "held_on", "Date", d["held_on"], "date"),
                text_field("meeting-title", "title", "Title", d["title"], max_length=200),
                text_field("meeting-title-cy", "title_cy", "Title in Welsh", d["title_cy"],
                           max_length=200),
                text_field("meeting-place", "place", "Place", d["place"], max_length=300),
                text_field("meeting-link", "online_url", "Online link", d["online_url"], "url",
                           max_length=500),
                direction="column", gap="2",
            ),
            rx.button(t("Save details"), type="submit", size="2", margin_top="0.5rem"),
        ),
        on_submit=S.save_details, reset_on_submit=False, novalidate=True,
    )


def steering_tools() -> rx.Component:
    return rx.vstack(
        details_form(),
        rx.el.label(
            rx.hstack(rx.checkbox(checked=S.published, on_change=S.set_published,
                                  id="publish-minutes"),
                      rx.text(t("Publish the minutes (visitors and members can read them)"),
                              size="2"), spacing="2", align="center"),
            html_for="publish-minutes",
        ),
        rx.form(
            rx.el.fieldset(
                rx.el.legend(t("Attendance"), class_name="field-label"),
                rx.foreach(S.people, lambda p: rx.hstack(
                    rx.el.label(p.name, html_for="att-" + p.id, min_width="12rem"),
                    rx.el.select(
                        rx.el.option(t("Not recorded"), value=""),
                        rx.el.option(t("Present"), value="present"),
                        rx.el.option(t("Apologies"), value="apologies"),
                        id="att-" + p.id, name="att:" + p.id, default_value=p.attendance,
                        key=p.attendance, style=CONTROL_STYLE),
                    align="center", wrap="wrap")),
                rx.button(t("Save attendance"), type="submit", size="2", margin_top="0.5rem"),
            ),
            on_submit=S.save_attendance, reset_on_submit=False,
        ),
        spacing="3", class_name="no-print",
    )


def proposal() -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.button(t("Propose agenda"), on_click=S.propose, variant="soft"),
            rx.cond(S.proposal.length() > 0,
                    rx.button(t("Add the proposed items to the agenda"), on_click=S.adopt)),
            spacing="3", wrap="wrap",
        ),
        rx.cond(S.proposed, rx.cond(
            S.proposal.length() > 0,
            rx.el.ul(rx.foreach(S.proposal, lambda p: rx.el.li(
                badge(label(p.source, AGENDA_SOURCES), variant="soft"), " ",
                bilingual(p.title))), aria_label=t("Proposed agenda"), class_name="proposal"),
            rx.text(t("Nothing more to propose: the agenda already has everything open."),
                    role="status"),
        )),
        class_name="no-print",
    )


def add_item_form() -> rx.Component:
    return rx.form(
        rx.el.fieldset(
            rx.el.legend(t("Add an item"), class_name="field-label"),
            rx.flex(
                rx.vstack(rx.el.label(t("Title"), html_for="new-item-title"),
                          rx.el.input(id="new-item-title", name="title", style=CONTROL_STYLE)),
                rx.vstack(rx.el.label(t("Title in Welsh"), html_for="new-item-title-cy"),
                          rx.el.input(id="new-item-title-cy", name="title_cy",
                                      style=CONTROL_STYLE)),
                rx.vstack(rx.el.label(t("Minutes allowed"), html_for="new-item-time"),
                          rx.el.input(id="new-item-time", name="minutes_allowed", type="number",
                                      min=1, max=240, default_value="10",
                                      style={**CONTROL_STYLE, "width": "5rem"})),
                rx.button(t("Add item"), type="submit"),
                gap="3", wrap="wrap", align="end",
            ),
        ),
        on_submit=S.add_item, class_name="no-print",
    )


def item(i: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.heading(i.number, ". ", from_the_data(i.title, i.title_untranslated), as_="h3",
                   size="4"),
        rx.hstack(
            badge(label(i.source, AGENDA_SOURCES), variant="soft"),
            rx.text(t("{minutes} minutes", minutes=i.minutes_allowed), size="2"),
            badge(label(i.outcome, AGENDA_OUTCOMES), variant="outline"),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.cond(S.can_steer, order_controls(i)),
        rx.cond(i.minutes.en != "",
                rx.text(bilingual(i.minutes), white_space="pre-wrap", class_name="minutes")),
        rx.cond(i.decisions.length() > 0, rx.box(
            rx.text(t("Decisions"), weight="bold", size="2"),
            rx.el.ul(rx.foreach(i.decisions, lambda d: rx.el.li(bilingual(d)))))),
        rx.cond(i.actions.length() > 0, rx.box(
            rx.text(t("Actions"), weight="bold", size="2"),
            rx.el.ul(rx.foreach(i.actions, lambda a: rx.el.li(bilingual(a)))))),
        rx.cond(S.can_steer, rx.box(minutes_form(i), outputs_forms(i), class_name="no-print")),
        class_name="agenda-item",
    )


@routed(routes.MEETING, "Meeting", on_load=S.load)
def meeting() -> rx.Component:
    return page(
        "Meeting",
        rx.link(t("All meetings"), href=routes.MEETINGS, class_name="no-print"),
        rx.cond(
            S.found,
            rx.box(
                details(),
                documents(),
                rx.cond(S.can_steer, steering_tools()),
                section(
                    "Agenda",
                    rx.text(t("{minutes} minutes in all", minutes=number(S.total_minutes)),
                            size="2"),
                    rx.cond(S.can_steer, proposal()),
                    rx.cond(S.items.length() > 0, rx.el.ol(rx.foreach(S.items, item),
                                                           class_name="agenda"),
                            empty_state("The agenda is empty.")),
                    rx.cond(S.can_steer, add_item_form()),
                    heading_id="agenda",
                ),
                class_name="steering-stack",
            ),
            rx.callout.root(rx.callout.text(S.problem), role="status"),
        ),
    )
