"""Forgot your password? Ask for a link to choose a new one."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.membership import field
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.forgot_password import ForgotPasswordState as S


@routed(routes.FORGOT_PASSWORD, "Forgot your password?", on_load=S.load)
def forgot_password() -> rx.Component:
    return page(
        "Forgot your password?",
        rx.cond(
            S.sent,
            rx.link(t("Go to the sign-in page"), href=routes.SIGN_IN, underline="always"),
            rx.form(
                rx.vstack(
                    field("forgot-email", "Email address",
                          rx.input(id="forgot-email", name="email", type="email",
                                   auto_complete="email", width="100%")),
                    rx.button(t("Send me a link"), type="submit", size="3"),
                    spacing="3",
                    max_width="28rem",
                    width="100%",
                ),
                on_submit=S.submit,
                reset_on_submit=False,
                no_validate=True,
            ),
        ),
        intro="Enter the email address you sign in with. If it has an account, we will email "
              "it a link to choose a new password.",
    )
