"""The link to set a password that the steering group copies and sends themselves, when no
mail server is set up (``state.account_links.LinkSharing``)."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def link_to_send(state: type[rx.State]) -> rx.Component:
    return rx.cond(
        state.link_url != "",
        rx.card(
            rx.vstack(
                rx.el.label(t("Link for {name}", name=state.link_for), html_for="account-link",
                            class_name="field-label"),
                rx.text(t("It works once. Send it only to this person, to the email address "
                          "they gave."), size="2", id="account-link-hint"),
                rx.input(value=state.link_url, id="account-link", read_only=True,
                         aria_describedby="account-link-hint", width="100%"),
                rx.hstack(
                    rx.button(t("Copy link"), on_click=rx.set_clipboard(state.link_url),
                              size="2"),
                    rx.button(t("Done"), on_click=state.hide_link, size="2", variant="soft"),
                    spacing="2",
                ),
                spacing="2",
                width="100%",
            ),
            margin_bottom="1rem",
            width="100%",
        ),
    )


def new_password_form(state: type[rx.State], email: rx.Var, button: str) -> rx.Component:
    """Choose a password (twice): for an invitation and a reset. The email address is in a
    read-only field so that password managers save the pair."""
    from components.membership import field

    return rx.form(
        rx.vstack(
            field("account-email", "Email address",
                  rx.input(value=email, id="account-email", name="username",
                           auto_complete="username", read_only=True, width="100%")),
            field("account-password", "New password",
                  rx.input(id="account-password", name="password", type="password",
                           auto_complete="new-password", aria_describedby="account-password-hint",
                           width="100%"),
                  hint="At least 12 characters. A few unrelated words make a strong one."),
            field("account-confirm", "New password again",
                  rx.input(id="account-confirm", name="confirm", type="password",
                           auto_complete="new-password", width="100%")),
            rx.button(t(button), type="submit", size="3"),
            spacing="3",
            max_width="28rem",
            width="100%",
        ),
        on_submit=state.submit,
        reset_on_submit=False,
        no_validate=True,
    )


def sign_in_link() -> rx.Component:
    from dashboard import routes

    return rx.link(t("Go to the sign-in page"), href=routes.SIGN_IN, underline="always")


def statement_section(heading: str, heading_id: str, *paragraphs: str | rx.Component,
                      items: tuple[str, ...] = ()) -> rx.Component:
    """A section of a public statement (accessibility, privacy): its paragraphs (msgids or
    components) and an optional bulleted list (msgids)."""
    from components.cards import section

    body = [rx.text(t(p), margin_bottom="0.75rem") if isinstance(p, str) else p
            for p in paragraphs]
    if items:
        body.append(rx.el.ul(*[rx.el.li(t(item)) for item in items],
                             margin="0 0 0.75rem 1.25rem", line_height="1.6"))
    return rx.box(section(heading, *body, heading_id=heading_id), max_width="48rem")


def contact(state: type[rx.State]) -> rx.Component:
    """The contact address, when one is set (CYMUNED_CONTACT_EMAIL); else the steering
    group."""
    return rx.text(
        rx.cond(
            state.contact_email != "",
            rx.fragment(t("Email: "), rx.link(state.contact_email,
                                               href="mailto:" + state.contact_email,
                                               underline="always")),
            t("Contact the steering group through the community's usual channels, or ask any "
              "steering group member at an event."),
        ),
        margin_bottom="0.75rem",
    )
