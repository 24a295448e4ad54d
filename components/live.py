"""Live updates on a page: "as of" with a stale badge for headline figures, and the hidden
element that asks the page to reload when the data version changes (see state/live.py)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var, VarData
from reflex.vars.base import LiteralVar
from reflex_base.constants import EventTriggers
from reflex_components_core.el.elements.inline import Span

from components.i18n import bilingual, t
from state.live import CHECK_SECONDS, LiveRefreshState, LiveState


class _VersionWatch(Span):
    """A hidden span with a React effect that runs when it mounts and whenever the data
    version changes: ``useEffect(..., [version])``, where Reflex's own on_mount is mount-only.
    Added with ``add_hooks`` so it comes after the hooks that read the version. The same
    effect checks in with the server every CHECK_SECONDS (see ``LiveRefreshState.keep_up``).
    """

    def add_hooks(self) -> list:
        version = LiveState.version
        hydrated = rx.State.is_hydrated
        # Whether this page has loaded at least once, as the browser remembers it: a push
        # from a state the server lost would say "not hydrated", and the page would then
        # not know to load again.
        loaded = Var(_js_expr="liveLoadedOnce.current")
        refresh = _chain(LiveRefreshState.refresh(version, loaded))
        check_in = _chain(LiveRefreshState.keep_up(version, loaded))
        every_ms = CHECK_SECONDS * 1000
        return [
            Var(_js_expr=f"const liveLoadedOnce = useRef(false); "
                         f"if ({hydrated!s}) {{ liveLoadedOnce.current = true; }}",
                _var_data=VarData.merge(hydrated._get_all_var_data(),
                                        VarData(imports={"react": ["useRef"]}))),
            Var(_js_expr=(f"useEffect(() => {{ ({refresh!s})(); "
                          f"const checkIn = setInterval(() => ({check_in!s})(), {every_ms}); "
                          f"return () => clearInterval(checkIn); }}, [{version!s}])"),
                _var_data=VarData.merge(refresh._get_all_var_data(),
                                        check_in._get_all_var_data(),
                                        version._get_all_var_data(),
                                        VarData(imports={"react": ["useEffect"]}))),
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
