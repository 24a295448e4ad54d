"""A form the browser itself posts to one of the backend's routes, as plain HTML.

Reflex's own form sends its fields over the websocket to a state handler; signing in and
out must reach a backend route instead, which sets or clears the HttpOnly session cookie and
answers with a redirect (dashboard/endpoints/signing_in.py). Nothing here touches state.
"""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML

from state.base import backend_url


class PostForm(BaseHTML):
    tag = "form"

    action: rx.Var[str]
    method: rx.Var[str]
    # The server's messages, in the reader's language, instead of the browser's bubbles.
    no_validate: rx.Var[bool]


def post_form(route: str, *children: rx.Component, **props) -> rx.Component:
    return PostForm.create(*children, action=backend_url() + route, method="post", **props)


def hidden(name: str, value: rx.Var | str) -> rx.Component:
    return rx.el.input(type="hidden", name=name, value=value)
