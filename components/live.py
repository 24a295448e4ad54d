"""Live updates on a page: "as of" with a stale badge for headline figures, and the hidden
element that asks the page to reload when the data version changes (see state/live.py)."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.inline import Span

from components.i18n import bilingual, t
from state.live import LiveState
from state.page_load import PageLoadState


class _VersionWatch(Span):
    """A hidden span with a React effect on the data version (``useEffect(..., [version])``,
    where Reflex's own on_mount is mount-only). It asks for a refresh only when the version
    changes after the page has seen one: the first version a page sees (0 before the state
    arrives, then the current one) is what its own load has just loaded, and asking would
    only queue events in front of the page's load. A version back to 0 (the tab's state
    expired) asks too, so the server links the tab again. Added with ``add_hooks`` so it
    comes after the hooks that read the version."""

    def add_hooks(self) -> list:
        from reflex.vars import Var, VarData
        from reflex.vars.base import LiteralVar
        from reflex_base.constants import EventTriggers

        probe = rx.el.span(on_mount=PageLoadState.refresh(LiveState.version))
        chain = LiteralVar.create(probe.event_triggers[EventTriggers.ON_MOUNT])
        version = LiveState.version
        return [
            Var(_js_expr="const liveSeen = useRef(0)",
                _var_data=VarData(imports={"react": ["useRef"]})),
            Var(
                _js_expr=(f"useEffect(() => {{ const seen = liveSeen.current; "
                          f"liveSeen.current = {version!s} || seen; "
                          f"if (seen !== 0 && {version!s} !== seen) ({chain!s})(); }}, "
                          f"[{version!s}])"),
                _var_data=VarData.merge(chain._get_all_var_data(), version._get_all_var_data(),
                                        VarData(imports={"react": ["useEffect"]})),
            ),
        ]


def live_updates() -> rx.Component:
    """Asks the server to run the page's loads again at every new data version (pushed by
    the server: no polling)."""
    return _VersionWatch.create(hidden=True, aria_hidden="true", class_name="live-version",
                                custom_attrs={"data-version": LiveState.version})


def as_of(area: str) -> rx.Component:
    """ "Data as of 2 Dec 2026, 09:00" for an area's figures, and "Out of date" (words, not
    a colour alone) when a source behind them is overdue or failing."""
    when = getattr(LiveState, f"{area}_as_of")
    stale = getattr(LiveState, f"{area}_stale")
    return rx.cond(
        when.en != "",
        rx.text(
            t("Data as of {when}", when=bilingual(when)),
            rx.cond(stale, rx.el.span(" · ", t("Out of date"), class_name="stale-badge")),
            size="1", class_name="muted as-of",
        ),
    )
