"""A stored code shown by its display name (from ``dashboard.vocabulary``), in the reader's
language."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def label(value: rx.Var, names: dict[str, str]) -> rx.Component | rx.Var:
    """The display name of a stored code, or the code itself if it is unknown."""
    return rx.match(value, *[(code, t(name)) for code, name in names.items()], value)
