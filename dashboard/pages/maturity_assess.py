"""The self-assessment: a member-assessor gives a level for each dimension of the framework,
how sure they are and their evidence, then submits it to the steering group."""

from __future__ import annotations

import reflex as rx

from components.cards import badge
from components.i18n import bilingual, t
from components.labels import label
from components.maturity import styles
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.maturity_assess import NOT_APPLICABLE
from state.maturity_assess import AssessState as A

STATUSES = {"draft": "Draft", "submitted": "Submitted", "accepted": "Accepted",
            "returned": "Returned"}


def choice(item: rx.Var) -> rx.Var:
    """The radio group's value for an answer: "1".."5", "na" or "" (none yet)."""
    return rx.cond(item.not_applicable, NOT_APPLICABLE,
                   rx.cond(item.level.is_none(), "", item.level.to_string()))


def level_choice(item: rx.Var) -> rx.Component:
    key = item.key
    return rx.el.fieldset(
        rx.el.legend(t("Level"), class_name="field-label"),
        rx.radio_group.root(
            rx.vstack(
                *[rx.el.label(
                    rx.radio_group.item(value=str(lv), id=f"{lv}-" + key),
                    rx.text(rx.el.strong(f"{lv} "), bilingual(item.descriptors[lv - 1]),
                            size="2"),
                    html_for=f"{lv}-" + key, class_name="choice",
                    display="flex", gap="0.5rem", align_items="start")
                  for lv in range(1, 6)],
                rx.el.label(
                    rx.radio_group.item(value=NOT_APPLICABLE, id="na-" + key),
                    rx.text(t("Not applicable to our body"), size="2"),
                    html_for="na-" + key, display="flex", gap="0.5rem"),
                spacing="2",
            ),
            value=choice(item), on_change=lambda v: A.set_level(key, v),
            disabled=~A.editable, name="level-" + key,
        ),
        border="none", padding="0", margin="0",
    )


def dimension_form(item: rx.Var) -> rx.Component:
    key = item.key
    return rx.card(
        rx.vstack(
            rx.heading(bilingual(item.name), as_="h3", size="4"),
            rx.text(bilingual(item.description), size="2"),
            level_choice(item),
            rx.el.label(t("How confident are you?"), html_for="confidence-" + key,
                        class_name="field-label"),
            rx.el.select(
                rx.el.option(t("Choose"), value=""),
                rx.el.option(t("Low"), value="low"),
                rx.el.option(t("Medium"), value="medium"),
                rx.el.option(t("High"), value="high"),
                id="confidence-" + key, value=item.confidence,
                on_change=lambda v: A.set_confidence(key, v), disabled=~A.editable,
                class_name="native-select",
            ),
            rx.el.label(t("Evidence notes"), html_for="evidence-" + key,
                        class_name="field-label"),
            rx.text_area(id="evidence-" + key, value=item.evidence,
                         on_change=lambda v: A.set_evidence(key, v), disabled=~A.editable,
                         width="100%"),
            rx.el.label(t("Links to evidence (one web address a line)"),
                        html_for="links-" + key, class_name="field-label"),
            rx.text_area(id="links-" + key, value=item.links,
                         on_change=lambda v: A.set_links(key, v), disabled=~A.editable,
                         width="100%", rows="2"),
            spacing="2", align="stretch",
        ),
        data_testid="dimension-" + key,
    )


@routed(routes.MATURITY_ASSESS, "Self-assessment", on_load=A.load)
def assess() -> rx.Component:
    return page(
        "Self-assessment",
        styles(),
        rx.cond(
            A.available,
            rx.vstack(
                rx.text(t("{body}: round {round}, closes {closes}.",
                          body=bilingual(A.body), round=A.round_name,
                          closes=bilingual(A.closes))),
                rx.hstack(rx.text(t("Status:")), badge(label(A.status, STATUSES),
                                                      data_testid="assessment-status"),
                          align="center"),
                rx.cond(A.review_comment != "",
                        rx.callout(t("The steering group returned it: {comment}",
                                     comment=A.review_comment), icon="message_square",
                                   color_scheme="amber")),
                rx.foreach(A.items, dimension_form),
                rx.el.label(
                    rx.checkbox(checked=A.publish_named, on_change=A.set_publish_named,
                                disabled=~A.editable, id="publish-named"),
                    t("Our body agrees to be named in published results"),
                    html_for="publish-named", display="flex", gap="0.5rem",
                    align_items="center"),
                rx.cond(A.editable,
                        rx.hstack(
                            rx.button(t("Save draft"), on_click=A.save, variant="soft",
                                      high_contrast=True),
                            rx.button(t("Submit to the steering group"), on_click=A.submit),
                            spacing="3", wrap="wrap")),
                spacing="4", align="stretch", width="100%",
            ),
            rx.callout(A.problem, icon="info", role="status"),
        ),
        intro="Your body's own assessment for the open round: a level for each dimension, "
              "how sure you are, and your evidence.",
    )
