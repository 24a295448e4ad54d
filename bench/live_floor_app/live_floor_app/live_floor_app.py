"""The floor for the live benchmark: the least Reflex does to push a change to every open
page. One page links a shared state on load; ``POST /bump`` raises its number through
``app.modify_state``, and Reflex sends the change to every linked tab (across instances,
through Redis), as Cymuned's ``state/live.py`` does after a sync, without its database
watcher or the page reloading its data."""

import reflex as rx
from reflex.istate.manager.token import BaseStateToken
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

SHARED_TOKEN = "livefloor"  # no underscores, as Cymuned's


class Counter(rx.SharedState):
    version: int = 0

    @rx.event
    async def link(self):
        if self._linked_to != SHARED_TOKEN:
            await self._link_to(SHARED_TOKEN)


async def bump(request: Request) -> JSONResponse:
    async with app.modify_state(BaseStateToken(ident=SHARED_TOKEN, cls=Counter)) as root:
        counter = await root.get_state(Counter)
        counter.version += 1
        version = counter.version
    return JSONResponse({"version": version})


def index() -> rx.Component:
    return rx.el.main(rx.el.h1("Live"), rx.el.p(Counter.version, id="version"))


app = rx.App(api_transformer=lambda backend: Starlette(
    routes=[Route("/bump", bump, methods=["POST"]), Mount("", app=backend)]))
app.add_page(index, route="/", on_load=Counter.link, title="Live floor")
