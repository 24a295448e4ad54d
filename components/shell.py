"""The app shell: skip link, header with navigation, language and colour mode, sign-in,
the demo-data banner, and a main landmark with the page's heading."""

from __future__ import annotations

import reflex as rx
from reflex.components.core.banner import (
    has_hydration_payload_error,
    has_too_many_connection_errors,
)
from reflex.vars.base import Var
from reflex.vars.number import BooleanVar

from components.cards import badge
from components.i18n import bilingual, t
from components.post_form import post_form
from dashboard import routes
from dashboard.i18n import translate
from state.base import AppState

CONTENT_WIDTH = "72rem"


def skip_link() -> rx.Component:
    # Focus main explicitly too: the client-side router keeps focus on the link otherwise.
    return rx.el.a(
        t("Skip to main content"),
        href="#main",
        class_name="skip-link",
        on_click=rx.call_script("document.getElementById('main').focus()"),
    )


def nav_link(route: str, label: str) -> rx.Component:
    current = AppState.router.url.path == route
    return rx.el.li(
        rx.link(
            t(label),
            href=route,
            aria_current=rx.cond(current, "page", None),
            class_name=rx.cond(current, "nav-link nav-link-current", "nav-link"),
            underline="none",
        )
    )


def language_switch() -> rx.Component:
    def option(code: str, label: str, lang_attr: str) -> rx.Component:
        return rx.button(
            label,
            lang=lang_attr,
            on_click=AppState.set_language(code),
            variant=rx.cond(AppState.lang == code, "solid", "soft"),
            aria_pressed=rx.cond(AppState.lang == code, "true", "false"),
            high_contrast=True,
            size="1",
        )

    return rx.hstack(
        option("en", "English", "en"),
        option("cy", "Cymraeg", "cy"),
        spacing="1",
        role="group",
        aria_label=t("Language"),
    )


def colour_mode_button() -> rx.Component:
    return rx.icon_button(
        rx.color_mode_cond(rx.icon("moon", aria_hidden="true"), rx.icon("sun", aria_hidden="true")),
        on_click=rx.toggle_color_mode,
        variant="soft",
        size="2",
        aria_label=t("Switch between light and dark mode"),
    )


def role_name() -> rx.Component:
    return rx.match(
        AppState.role,
        ("member", t("Member")),
        ("steering", t("Steering group")),
        ("admin", t("Admin")),
        "",
    )


def sign_in_here() -> rx.Var:
    """The sign-in page's address that comes back to this page once signed in."""
    return f"{routes.SIGN_IN}?next={AppState.router.url.path}"


def account() -> rx.Component:
    """Who is signed in and in what role (the name opens the account's sign-in page, with
    "Sign out everywhere"); Sign out posts to the backend, which clears the HttpOnly cookie.
    Signing in comes back to this page."""
    return rx.cond(
        AppState.signed_in,
        rx.hstack(
            rx.link(AppState.user_name, href=routes.SIGN_IN, size="2", weight="medium",
                    underline="hover", high_contrast=True),
            badge(role_name(), color_scheme="gray", size="1"),
            post_form(routes.SIGN_OUT,
                      rx.button(t("Sign out"), type="submit", variant="soft",
                                high_contrast=True, size="1")),
            align="center",
            spacing="2",
        ),
        rx.link(t("Sign in"), href=sign_in_here(), class_name="nav-link", underline="none"),
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.flex(
                rx.link(
                    rx.vstack(
                        rx.text("Cymuned", class_name="brand"),
                        rx.text(t("Automation and AI community of practice"), size="1",
                                class_name="brand-sub"),
                        spacing="0",
                    ),
                    href=routes.OVERVIEW,
                    underline="none",
                    aria_label=t("Cymuned home"),
                ),
                rx.spacer(),
                rx.flex(language_switch(), colour_mode_button(), account(),
                        spacing="3", align="center", wrap="wrap"),
                align="center",
                wrap="wrap",
                spacing="3",
            ),
            rx.el.nav(
                rx.el.ul(
                    *[nav_link(route, label) for route, label in routes.NAVIGATION],
                    class_name="nav-list",
                ),
                aria_label=t("Main"),
            ),
            class_name="container",
        ),
        class_name="site-header",
    )


def demo_banner() -> rx.Component:
    return rx.cond(
        AppState.is_demo,
        rx.box(
            rx.box(
                rx.text(
                    rx.el.strong(t("Demo data.")),
                    " ",
                    t("The people, bodies' scores and figures here are generated for "
                      "demonstration, apart from the first webinar series' published totals."),
                    size="2",
                ),
                class_name="container",
            ),
            class_name="demo-banner",
            role="note",
        ),
    )


def notice() -> rx.Component:
    return rx.cond(
        AppState.notice != "",
        # Two static icons, not one chosen by name: an icon named by a state var is Lucide's
        # DynamicIcon, which puts every icon (240 KB of JavaScript) in every page.
        rx.callout.root(
            rx.callout.icon(rx.cond(AppState.notice_is_error, rx.icon("triangle_alert"),
                                    rx.icon("info"))),
            rx.callout.text(AppState.notice),
            color_scheme=rx.cond(AppState.notice_is_error, "red", "grass"),
            role=rx.cond(AppState.notice_is_error, "alert", "status"),
            high_contrast=True,
            margin_bottom="1rem",
        ),
    )


def from_the_data(text: rx.Var, untranslated: rx.Var) -> rx.Component:
    """Text from the data (a ``state.rows.Bilingual``) in the reader's language.

    Where its Welsh is missing (``untranslated``) the Welsh page shows the English, marked
    ``lang="en"`` for screen readers, and the steering group sees a small "not yet
    translated" marker beside it; visitors and members never do.
    """
    return rx.fragment(
        rx.el.span(bilingual(text), lang=rx.cond(untranslated, "en", AppState.lang)),
        rx.cond(
            AppState.is_welsh & untranslated & AppState.can_steer,
            rx.fragment(" ", badge(t("not yet translated"), color_scheme="amber", size="1")),
        ),
    )


# The reader's language as the browser's cookie has it: until the page has reached the
# server once, AppState.lang is still its default, English.
_WELSH_COOKIE = Var(
    _js_expr="((typeof document !== 'undefined') "
             "&& /(?:^|;\\s*)cymuned_lang=cy(?:;|$)/.test(document.cookie))",
).to(BooleanVar)


def connection_problem() -> rx.Component:
    """Shown when the page cannot reach the server (Reflex's own toast is English only):
    the app's overlay in place of Reflex's (dashboard/dashboard.py), so it covers every
    page, in the reader's language."""
    welsh = AppState.is_welsh | _WELSH_COOKIE

    def say(english: str, welsh_text: str) -> rx.Var:
        return rx.cond(welsh, welsh_text, english)

    return rx.cond(
        has_too_many_connection_errors | has_hydration_payload_error,
        rx.box(
            rx.callout.root(
                rx.callout.icon(rx.icon("wifi_off", aria_hidden="true")),
                rx.callout.text(
                    rx.el.strong(say("Cannot connect to the server.",
                                     translate("Cannot connect to the server.", "cy"))),
                    " ",
                    say("Check your internet connection. The page keeps trying to reconnect.",
                        translate("Check your internet connection. The page keeps trying to "
                                  "reconnect.", "cy")),
                ),
                color_scheme="red",
                high_contrast=True,
            ),
            role="alert",
            lang=rx.cond(welsh, "cy", "en"),
            id="connection-problem",
            position="fixed",
            bottom="1rem",
            left="1rem",
            right="1rem",
            max_width="40rem",
            margin_x="auto",
            z_index="9999",
            border_radius="var(--radius-3)",
            background_color="var(--color-panel-solid)",
            box_shadow="var(--shadow-5)",
        ),
    )


def page(title: str, *children: rx.Component, intro: str | None = None) -> rx.Component:
    """One page: the shell around its content, with ``title`` (a msgid) as the h1."""
    return rx.box(
        skip_link(),
        header(),
        demo_banner(),
        rx.el.main(
            rx.box(
                rx.heading(t(title), as_="h1", size="8", class_name="page-title"),
                rx.text(t(intro), class_name="intro") if intro else rx.fragment(),
                notice(),
                *children,
                class_name="container",
            ),
            id="main",
            tab_index=-1,
        ),
        rx.el.footer(
            rx.box(
                rx.text(
                    t("Cymuned brings together the Welsh public sector's community of practice "
                      "on using automation and AI responsibly."),
                    size="1",
                ),
                rx.el.nav(
                    rx.link(t("Accessibility statement"), href=routes.ACCESSIBILITY, size="1",
                            underline="always"),
                    rx.link(t("Privacy notice"), href=routes.PRIVACY, size="1", underline="always"),
                    display="flex", gap="0.5rem 1.5rem", flex_wrap="wrap", margin_top="0.5rem",
                    aria_label=t("About this website"),
                ),
                class_name="container",
            ),
            class_name="site-footer",
        ),
        lang=AppState.lang,
        class_name="app",
    )
