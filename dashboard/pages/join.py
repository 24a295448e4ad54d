"""The public join form, in English and Welsh."""

from __future__ import annotations

import reflex as rx

from components.i18n import bilingual, t
from components.membership import SELECT_STYLE, field
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.join import OTHER_BODY
from state.join import JoinState as S


def form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field("join-name", "Full name",
                  rx.input(name="full_name", id="join-name", required=True, max_length=200,
                           auto_complete="name", width="100%")),
            field("join-email", "Work email address",
                  rx.input(name="email", id="join-email", type="email", required=True,
                           max_length=320, auto_complete="email", width="100%")),
            field("join-body", "Organisation",
                  rx.el.select(
                      rx.el.option(t("Choose your organisation"), value=""),
                      rx.foreach(S.body_options,
                                 lambda b: rx.el.option(bilingual(b.name), value=b.id)),
                      rx.el.option(t("Other (not in the list)"), value=OTHER_BODY),
                      name="organisation", id="join-body", value=S.organisation,
                      on_change=S.set_organisation, style=SELECT_STYLE,
                  )),
            rx.cond(
                S.organisation == OTHER_BODY,
                field("join-other", "Name of your organisation",
                      rx.input(name="organisation_other", id="join-other", max_length=200,
                               width="100%")),
            ),
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
                      value=S.language_shown, on_change=S.set_preferred_language,
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
