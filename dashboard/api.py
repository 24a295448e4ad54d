"""The backend's own HTTP API: the routes of every module in dashboard/endpoints/, in front
of Reflex's backend, which gets the session cookie swapped for its reference.

Reflex keeps the headers of each page's websocket connection in its state (on disk, or in
Redis with several workers), so the session token must never reach it. The backend's own
routes (sign-in, exports) read the real HttpOnly cookie; everything Reflex serves sees only
``cymuned_session_ref``, the SHA-256 the database keeps, which cannot be turned back into a
cookie that signs anyone in. A reference cookie the browser sends itself is dropped: only
one derived here from the real cookie counts.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

import dashboard.endpoints as endpoints
from dashboard.domain.auth import SESSION_COOKIE, SESSION_REF_COOKIE, session_ref


def websocket_cookie_header(cookie_header: str) -> str:
    """The Cookie header as Reflex may see it: the session token replaced by its reference,
    any reference the browser made up removed, every other cookie as it was."""
    kept, token = [], ""
    for part in cookie_header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == SESSION_COOKIE:
            token = value.strip().strip('"')
        elif name and name != SESSION_REF_COOKIE:
            kept.append(part.strip())
    if token:
        kept.append(f"{SESSION_REF_COOKIE}={session_ref(token)}")
    return "; ".join(kept)


class SessionCookieShield:
    """ASGI middleware around Reflex's backend: rewrites the Cookie header of every request
    (the websocket's included) with ``websocket_cookie_header``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = [(name, value) for name, value in scope.get("headers", [])
                       if name != b"cookie"]
            cookies = "; ".join(value.decode("latin-1") for name, value in
                                scope.get("headers", []) if name == b"cookie")
            shielded = websocket_cookie_header(cookies)
            if shielded:
                headers.append((b"cookie", shielded.encode("latin-1")))
            scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)


def endpoint_routes() -> list:
    routes = []
    for info in sorted(pkgutil.iter_modules(endpoints.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{endpoints.__name__}.{info.name}")
        routes.extend(module.routes)
    return routes


def build_api() -> Callable[[ASGIApp], ASGIApp]:
    """For ``rx.App(api_transformer=...)``: our routes first, then Reflex behind the shield."""

    def transform(reflex_backend: ASGIApp) -> ASGIApp:
        return Starlette(routes=[*endpoint_routes(),
                                 Mount("", app=SessionCookieShield(reflex_backend))])

    return transform
