"""The steering group's controls for one agenda item: order, time, minutes in both
languages with the outcome, and a decision or an action made under it."""

from __future__ import annotations

import reflex as rx

from components.i18n import bilingual, t
from components.steering import CONTROL_STYLE, native_select
from dashboard.vocabulary import AGENDA_OUTCOMES
from state.meeting import MeetingState as S


def hidden_id(item: rx.Var) -> rx.Component:
    return rx.el.input(type="hidden", name="id", value=item.id)


def order_controls(item: rx.Var) -> rx.Component:
    title = bilingual(item.title)
    return rx.hstack(
        rx.button(rx.icon("arrow_up", size=14, aria_hidden="true"), t("Up"), size="1",
                  variant="soft", disabled=item.first, on_click=S.move(item.id, -1),
                  aria_label=t("Move {title} up", title=title)),
        rx.button(rx.icon("arrow_down", size=14, aria_hidden="true"), t("Down"), size="1",
                  variant="soft", disabled=item.last, on_click=S.move(item.id, 1),
                  aria_label=t("Move {title} down", title=title)),
        rx.button(t("Remove"), size="1", variant="outline", color_scheme="red",
                  on_click=S.remove(item.id), aria_label=t("Remove {title}", title=title)),
        rx.form(
            hidden_id(item),
            rx.hstack(
                rx.el.label(t("Minutes allowed"), html_for="time-" + item.id.to_string(),
                            font_size="0.8rem"),
                rx.el.input(id="time-" + item.id.to_string(), name="minutes_allowed",
                            type="number", min=1, max=240, default_value=item.minutes_allowed,
                            key=item.minutes_allowed.to_string(), style={**CONTROL_STYLE,
                                                                          "width": "5rem"}),
                rx.button(t("Set time"), type="submit", size="1", variant="soft"),
                spacing="1", align="center",
            ),
            on_submit=S.set_time, reset_on_submit=False,
        ),
        spacing="2", wrap="wrap", align="center",
    )


def minutes_form(item: rx.Var) -> rx.Component:
    key = item.id.to_string()
    return rx.form(
        hidden_id(item),
        rx.flex(
            rx.vstack(
                rx.el.label(t("Minutes (Welsh)"), html_for="minutes-cy-" + key,
                            class_name="field-label"),
                rx.text_area(id="minutes-cy-" + key, name="minutes_cy", rows="4",
                             default_value=item.minutes_cy, key=item.minutes_cy, width="100%"),
                flex="1 1 18rem",
            ),
            rx.vstack(
                rx.el.label(t("Minutes (English)"), html_for="minutes-en-" + key,
                            class_name="field-label"),
                rx.text_area(id="minutes-en-" + key, name="minutes", rows="4",
                             default_value=item.minutes_en, key=item.minutes_en, width="100%"),
                flex="1 1 18rem",
            ),
            gap="3", wrap="wrap", width="100%",
        ),
        rx.hstack(
            native_select("outcome-" + key, "Outcome",
                          *[rx.el.option(t(n), value=c) for c, n in AGENDA_OUTCOMES.items()],
                          name="outcome", default_value=item.outcome, key=item.outcome),
            rx.button(t("Save minutes"), type="submit"),
            align="end", spacing="3", wrap="wrap", margin_top="0.5rem",
        ),
        rx.cond(
            S.unsaved.contains(key + ":en"),
            rx.box(rx.text(t("What you typed, not saved:"), weight="medium", size="2"),
                   rx.text(S.unsaved[key + ":cy"], white_space="pre-wrap", size="1",
                           max_height="8rem", overflow="auto"),
                   rx.text(S.unsaved[key + ":en"], white_space="pre-wrap", size="1",
                           max_height="8rem", overflow="auto"),
                   class_name="unsaved", role="region",
                   aria_label=t("What you typed, not saved:")),
        ),
        on_submit=S.save_minutes, reset_on_submit=False,
        aria_label=t("Minutes of {title}", title=bilingual(item.title)),
    )


def outputs_forms(item: rx.Var) -> rx.Component:
    key = item.id.to_string()

    def small(label: str, control_id: rx.Var, name: str, type_: str = "text") -> rx.Component:
        return rx.vstack(
            rx.el.label(t(label), html_for=control_id, font_size="0.8rem"),
            rx.el.input(id=control_id, name=name, type=type_, style=CONTROL_STYLE),
            spacing="1",
        )

    return rx.flex(
        rx.form(
            hidden_id(item),
            rx.el.fieldset(
                rx.el.legend(t("Record a decision under this item"), class_name="field-label"),
                small("Decision", "decision-en-" + key, "text"),
                small("Decision in Welsh", "decision-cy-" + key, "text_cy"),
                rx.button(t("Record decision"), type="submit", size="1", margin_top="0.5rem"),
            ),
            on_submit=S.decide,
        ),
        rx.form(
            hidden_id(item),
            rx.el.fieldset(
                rx.el.legend(t("Agree an action under this item"), class_name="field-label"),
                small("Title", "item-action-en-" + key, "title"),
                small("Title in Welsh", "item-action-cy-" + key, "title_cy"),
                small("Due", "item-action-due-" + key, "due_on", "date"),
                rx.button(t("Create action"), type="submit", size="1", margin_top="0.5rem"),
            ),
            on_submit=S.new_action,
        ),
        gap="4", wrap="wrap",
    )
