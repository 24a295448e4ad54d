"""One module per page. Each page function is registered where it is written:

    @routed(routes.EVENTS, "Events", on_load=EventsState.load)
    def events() -> rx.Component: ...

``dashboard.dashboard`` imports every module here and adds the pages it finds, so adding a
page touches only its own module, its state and ``routes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx


@dataclass(frozen=True)
class PageSpec:
    route: str
    component: Callable[[], rx.Component]
    title: str  # an English msgid
    on_load: Any = None  # an event handler, a list of them (a page with several lists), or None


PAGES: list[PageSpec] = []


def routed(route: str, title: str, on_load: Any = None):
    """Register the decorated page function for ``route`` with its title's msgid."""

    def register(component: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        PAGES.append(PageSpec(route=route, component=component, title=title, on_load=on_load))
        return component

    return register
