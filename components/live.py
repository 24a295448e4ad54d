"""Live updates on a page: "as of" with a stale badge for headline figures, and the hidden
element that asks the page to reload when the data version changes (see state/live.py)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var, VarData
from reflex.vars.base import LiteralVar
from reflex_base.constants import EventTriggers
from reflex_components_core.el.elements.inline import Span

from components.i18n import bilingual, t
from state.live import CHECK_SECONDS, LiveState
from state.page_load import PageLoadState


class _VersionWatch(Span):
    """A hidden span with React hooks on the data version (``useEffect(..., [version])``,
    where Reflex's own on_mount is mount-only). It asks for a refresh only when the version
    changes after the page has seen one: the first version a page sees (0 before the state
    arrives, then the current one) is what its own load has just loaded, and asking would
    only queue events in front of the page's load. A version back to 0 (the tab's state
    expired) asks too, so the server links the tab again.

    The same effect checks in with the server every CHECK_SECONDS (``PageLoadState.keep_up``)
    with the version shown and whether the page has loaded (a ref the browser keeps: a
    server that lost the tab's state would otherwise say "not hydrated"). Added with
    ``add_hooks`` so it comes after the hooks that read the version."""

    def add_hooks(self) -> list:
        version = LiveState.version
        hydrated = rx.State.is_hydrated
        loaded = Var(_js_expr="liveLoadedOnce.current")
        refresh = _chain(PageLoadState.refresh(version, loaded))
        check_in = _chain(PageLoadState.keep_up(version, loaded))
        every_ms = CHECK_SECONDS * 1000
        return [
            Var(_js_expr=(f"const liveSeen = useRef(0); const liveLoadedOnce = useRef(false); "
                          f"if ({hydrated!s}) {{ liveLoadedOnce.current = true; }}"),
                _var_data=VarData.merge(hydrated._get_all_var_data(),
                                        VarData(imports={"react": ["useRef"]}))),
            Var(
                _js_expr=(f"useEffect(() => {{ const seen = liveSeen.current; "
                          f"liveSeen.current = {version!s} || seen; "
                          f"if (seen !== 0 && {version!s} !== seen) ({refresh!s})(); "
                          f"const checkIn = setInterval(() => ({check_in!s})(), {every_ms}); "
                          f"return () => clearInterval(checkIn); }}, [{version!s}])"),
                _var_data=VarData.merge(refresh._get_all_var_data(),
                                        check_in._get_all_var_data(),
                                        version._get_all_var_data(),
                                        VarData(imports={"react": ["useEffect"]})),
            ),
        ]


def _chain(event) -> Var:
    """An event as the JavaScript function Reflex would give an on_mount trigger."""
    probe = rx.el.span(on_mount=event)
    return LiteralVar.create(probe.event_triggers[EventTriggers.ON_MOUNT])


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
