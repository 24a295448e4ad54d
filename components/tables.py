"""The one table shape the pages use: a header row, one row per item, scrolling sideways on
a narrow screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.i18n import t


def data_table(*header: rx.Component | str, rows: rx.Var,
               row: Callable[[rx.Var], rx.Component], size: str = "2",
               stacked: bool = False) -> rx.Component:
    """``header``: column headings, each a msgid or a ready header cell (sortable, right-
    aligned, conditional); ``row`` renders one item of ``rows``. ``stacked``: on a phone each
    row becomes a card, each cell under its column's name (``labelled_cell``), instead of a
    table wider than the screen."""
    cells = [rx.table.column_header_cell(t(h)) if isinstance(h, str) else h for h in header]
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*cells)),
            rx.table.body(rx.foreach(rows, row)),
            variant="surface",
            size=size,
            width="100%",
        ),
        class_name="table-scroll stack-on-phone" if stacked else "table-scroll",
        width="100%",
    )


def labelled_cell(column: str | rx.Var, *children: rx.Component | rx.Var | str,
                  **props: Any) -> rx.Component:
    """A cell that names its column when a stacked table shows it as a card (``data-label``,
    in the reader's language). ``column``: the column's msgid, or its name already in the
    reader's language (a Var: a msgid with parameters, or a name from the data)."""
    name = t(column) if isinstance(column, str) else column
    return rx.table.cell(*children, custom_attrs={"data-label": name}, **props)
