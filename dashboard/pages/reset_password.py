"""A password reset link: choose a new password."""

from __future__ import annotations

import reflex as rx

from components.account_links import new_password_form, sign_in_link
from components.i18n import t
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.reset_password import ResetPasswordState as S


@routed(routes.RESET_PASSWORD, "Choose a new password", on_load=S.load)
def reset_password() -> rx.Component:
    return page(
        "Choose a new password",
        rx.cond(
            S.problem != "",
            rx.vstack(
                rx.callout(S.problem, icon="triangle_alert", color_scheme="red", role="alert",
                           high_contrast=True),
                rx.link(t("Ask for a new link"), href=routes.FORGOT_PASSWORD, underline="always"),
                spacing="3",
            ),
            rx.cond(
                S.done,
                sign_in_link(),
                rx.vstack(
                    rx.text(t("When you change your password, you are signed out everywhere.")),
                    new_password_form(S, S.email, "Change my password"),
                    spacing="4",
                ),
            ),
        ),
    )
