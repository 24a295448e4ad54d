"""Sign in with a local account."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.sign_in import SignInState as S


@routed(routes.SIGN_IN, "Sign in")
def sign_in() -> rx.Component:
    problem_id = rx.cond(S.problem != "", "sign-in-problem", None)
    return page(
        "Sign in",
        rx.card(
            rx.form(
                rx.vstack(
                    rx.cond(S.problem != "", rx.callout(S.problem, icon="triangle_alert",
                                                      color_scheme="red", role="alert",
                                                      id="sign-in-problem", width="100%")),
                    rx.el.label(t("Email address"), html_for="email", class_name="field-label"),
                    rx.input(id="email", name="email", type="email", auto_complete="username",
                             required=True, aria_describedby=problem_id, width="100%"),
                    rx.el.label(t("Password"), html_for="password", class_name="field-label"),
                    rx.input(id="password", name="password", type="password",
                             auto_complete="current-password", required=True,
                             aria_describedby=problem_id, width="100%"),
                    rx.button(t("Sign in"), type="submit", size="3"),
                    rx.link(t("Forgot your password?"), href=routes.FORGOT_PASSWORD,
                            underline="always"),
                    spacing="2",
                    align="start",
                    width="100%",
                ),
                on_submit=S.sign_in,
                reset_on_submit=False,
                # The server's messages, in the reader's language, instead of the browser's.
                no_validate=True,
            ),
            max_width="28rem",
        ),
    )
