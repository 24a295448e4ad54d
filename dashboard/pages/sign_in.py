"""Sign in: with a local account, with one's own organisation's account (when set up), or,
while the demo data is loaded, as a demo member, steering group member or admin. Signed in,
the same page offers "Sign out everywhere"."""

from __future__ import annotations

import reflex as rx

from components.i18n import t
from components.post_form import hidden, post_form
from components.shell import page
from dashboard import routes
from dashboard.pages import routed
from state.sign_in import SignInState as S

DEMO_BUTTONS = (("member", "Try as a member"), ("steering", "Try as the steering group"),
                ("admin", "Try as an admin"))


def password_form() -> rx.Component:
    problem_id = rx.cond(S.problem != "", "sign-in-problem", None)
    return post_form(
        routes.SIGN_IN_FORM,
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
            hidden("next", S.next_page),
            rx.button(t("Sign in"), type="submit", size="3"),
            rx.link(t("Forgot your password?"), href=routes.FORGOT_PASSWORD, underline="always"),
            spacing="2",
            align="start",
            width="100%",
        ),
        no_validate=True,
    )


def organisation_sign_in() -> rx.Component:
    return rx.cond(
        S.organisation_sign_in,
        rx.vstack(
            rx.heading(t("Or use your organisation's account"), as_="h2", size="4"),
            rx.text(t("If your organisation uses Microsoft 365, sign in with your work "
                      "account. Your email address must be the one the community knows."),
                    size="2"),
            post_form(routes.ORGANISATION_SIGN_IN, hidden("next", S.next_page),
                      rx.button(t("Continue with your Microsoft work account"),
                                type="submit", variant="outline", size="3")),
            spacing="2",
            align="start",
            margin_top="1.5rem",
        ),
    )


def demo_sign_in() -> rx.Component:
    def button(role: str, label: str) -> rx.Component:
        return rx.cond(
            S.demo_roles.contains(role),
            post_form(routes.DEMO_SIGN_IN, hidden("role", role), hidden("next", S.next_page),
                      rx.button(t(label), type="submit", variant="soft", size="2")),
        )

    return rx.cond(
        S.demo_roles.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(t("Try the dashboard"), as_="h2", size="4"),
                rx.text(t("The demo data is loaded: see the dashboard as each kind of user "
                          "sees it, without a password."), size="2"),
                rx.flex(*[button(role, label) for role, label in DEMO_BUTTONS],
                        spacing="2", wrap="wrap"),
                spacing="2",
                align="start",
            ),
            max_width="28rem",
            margin_top="1.5rem",
        ),
    )


def signed_in_account() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t("You are signed in as"), " ", rx.el.strong(S.user_name), "."),
            rx.text(t("Signed in on another device you no longer have, or on a shared "
                      "computer? End every session of yours, this one included."), size="2"),
            post_form(routes.SIGN_OUT_EVERYWHERE,
                      rx.button(t("Sign out everywhere"), type="submit", variant="soft",
                                color_scheme="red", size="2")),
            spacing="3",
            align="start",
        ),
        max_width="28rem",
    )


@routed(routes.SIGN_IN, "Sign in", on_load=S.load)
def sign_in() -> rx.Component:
    # Signed in, the page is the account's: who you are and "Sign out everywhere"; the form
    # stays below it, for signing in as someone else (which ends this session).
    return page(
        "Sign in",
        rx.cond(S.signed_in, signed_in_account()),
        rx.cond(S.signed_in, rx.heading(t("Sign in as someone else"), as_="h2", size="5",
                                         margin_top="1.5rem", margin_bottom="0.75rem")),
        rx.card(password_form(), organisation_sign_in(), max_width="28rem"),
        demo_sign_in(),
    )
