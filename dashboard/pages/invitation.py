"""The invitation link: the person sets a password for their member account."""

from __future__ import annotations

import reflex as rx

from components.account_links import new_password_form, sign_in_link
from components.i18n import t
from components.membership import field
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.invitation import InvitationState as S


def link_existing_account() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("You already have an account with {email}. Enter its password to link it "
                      "to your membership.", email=S.email)),
            rx.input(value=S.email, name="username", auto_complete="username", read_only=True,
                     aria_label=t("Email address"), width="100%"),
            field("account-password", "Password",
                  rx.input(id="account-password", name="password", type="password",
                           auto_complete="current-password", width="100%")),
            rx.button(t("Link my account"), type="submit", size="3"),
            spacing="3",
            max_width="28rem",
            width="100%",
        ),
        on_submit=S.submit,
        reset_on_submit=False,
        no_validate=True,
    )


@routed(routes.INVITATION, "Set your password", on_load=S.load)
def invitation() -> rx.Component:
    return page(
        "Set your password",
        rx.cond(
            S.problem != "",
            rx.vstack(
                rx.callout(S.problem, icon="triangle_alert", color_scheme="red", role="alert",
                           high_contrast=True),
                sign_in_link(),
                spacing="3",
            ),
            rx.cond(
                S.done,
                sign_in_link(),
                rx.vstack(
                    rx.text(t("Welcome to the community, {name}. Your request to join was "
                              "approved.", name=S.name)),
                    rx.cond(S.has_account, link_existing_account(),
                            new_password_form(S, S.email, "Create my account")),
                    spacing="4",
                ),
            ),
        ),
    )
