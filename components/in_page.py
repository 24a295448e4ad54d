"""A link that changes the view in place: its address stays a real one (open it in a new tab,
copy it, share it), but a plain click runs an event on the page instead of a navigation,
which would run the page's whole load again (the session check, every list, the live link)
and draw the page twice. A click with a modifier key (a new tab or window) or another
button is left to the browser. The event puts the new address in the address bar itself
(``state.base.show_address``)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.function import FunctionStringVar
from reflex_base import constants
from reflex_base.components.state_context import get_events_hooks_var_data
from reflex_base.event import EventSpec
from reflex_base.vars.base import VarData


def in_page_click(event: EventSpec) -> FunctionStringVar:
    """An ``on_click`` for a link: ``event`` on a plain left click, the browser's own
    navigation otherwise. (Reflex passes the pointer's details first, the DOM event second.)"""
    spec = rx.Var.create(event)
    return FunctionStringVar.create(
        "((_info, e) => { if (!e || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey"
        " || e.altKey || e.defaultPrevented) return; e.preventDefault();"
        f" addEvents([{spec}], [e], {{}}); }})",
        _var_data=VarData.merge(
            spec._get_all_var_data(), get_events_hooks_var_data(),
            VarData(imports=constants.Imports.EVENTS)),  # addEvents, module-level
    )
