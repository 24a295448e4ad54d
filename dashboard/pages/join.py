"""The public join form, in English and Welsh."""

from __future__ import annotations

import reflex as rx

from components.combobox import body_picker
from components.i18n import t
from components.membership import SELECT_STYLE, field
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.join import OTHER_BODY
from state.join import JoinState as S

NOT_LISTED = "join-not-listed"


def organisation() -> rx.Component:
    """The registry's 2,000 bodies: a combobox that asks the server for the few that match
    what is typed, not a select holding them all. A body not in the list is said with a
    checkbox under the box (reached by Tab, ticked with Space), which asks for its name."""
    not_listed = S.organisation == OTHER_BODY
    return rx.vstack(
        body_picker(
            S,
            none_found="No organisation in the list has \u201c{text}\u201d in its name. If "
                       "yours is not there, tick \u2018My organisation is not in the "
                       "list\u2019.",
            width="100%", label_style={"font_weight": "600"},
        ),
        # What the form sends: the chosen body's id, OTHER_BODY, or nothing yet.
        rx.el.input(type="hidden", name="organisation", value=S.organisation),
        rx.el.label(
            rx.hstack(
                rx.checkbox(id=NOT_LISTED, name="not_listed", checked=not_listed,
                            on_change=S.set_not_listed),
                rx.text(t("My organisation is not in the list"), size="2"),
                align="center",
                spacing="2",
            ),
            html_for=NOT_LISTED,
        ),
        rx.cond(
            not_listed,
            field("join-other", "Name of your organisation",
                  rx.input(name="organisation_other", id="join-other", max_length=200,
                           auto_complete="organization", width="100%")),
        ),
        spacing="3",
        width="100%",
    )


def form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field("join-name", "Full name",
                  rx.input(name="full_name", id="join-name", required=True, max_length=200,
                           auto_complete="name", width="100%")),
            field("join-email", "Work email address",
                  rx.input(name="email", id="join-email", type="email", required=True,
                           max_length=320, auto_complete="email", width="100%")),
            organisation(),
            field("join-job", "Job title",
                  rx.input(name="job_title", id="join-job", max_length=200,
                           auto_complete="organization-title", width="100%")),
            field("join-interests", "Interests",
                  rx.text_area(name="interests", id="join-interests", max_length=2000,
                               aria_describedby="join-interests-hint", width="100%"),
                  hint="For example: data quality, generative AI, digital skills."),
            field("join-language", "Preferred language",
                  # The page's language until the person chooses another.
                  rx.el.select(
                      rx.el.option(t("English"), value="en"),
                      rx.el.option(t("Welsh"), value="cy"),
                      name="language", id="join-language", style=SELECT_STYLE,
                      value=rx.cond(S.preferred_language != "", S.preferred_language,
                                    rx.cond(S.is_welsh, "cy", "en")),
                      on_change=S.set_preferred_language,
                  )),
            rx.el.label(
                rx.hstack(
                    rx.checkbox(name="consent", id="join-consent"),
                    rx.text(t("I agree to the community holding these details to run the "
                              "community and contact me about it. I can ask for them to be "
                              "removed at any time."), size="2"),
                    align="start",
                    spacing="2",
                ),
                html_for="join-consent",
            ),
            rx.button(t("Ask to join"), type="submit", size="3"),
            spacing="4",
            max_width="36rem",
            width="100%",
        ),
        on_submit=S.submit,
        reset_on_submit=False,
        # The server checks every field and answers in the reader's language; the
        # browser's own bubbles would speak the browser's language instead.
        no_validate=True,
    )


@routed(routes.JOIN, "Join the community", on_load=S.load)
def join() -> rx.Component:
    return page(
        "Join the community",
        rx.cond(
            S.sent,
            rx.fragment(),
            rx.fragment(
                rx.text(t("The steering group reads every request. Your details are never "
                          "shown publicly."), margin_bottom="1rem"),
                form(),
            ),
        ),
        intro="For people working in or with the Welsh public sector on automation and AI.",
    )
