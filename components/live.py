"""Live updates on a page: "as of" with a stale badge for headline figures, and the hidden
element that asks the page to reload when the data version changes (see state/live.py)."""

from __future__ import annotations

import reflex as rx

from components.i18n import bilingual, t
from state.live import LiveRefreshState, LiveState


def live_updates() -> rx.Component:
    """Mounted again (a new key) at every new data version: its on_mount asks the server to
    run the page's loads again. No polling: the server pushes the version."""
    return rx.el.span(key=LiveState.version,
                      on_mount=LiveRefreshState.refresh(LiveState.version),
                      hidden=True, aria_hidden="true")


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
