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


# A list's rows are drawn again on every change of the list (a filter, a page): as plain
# elements with Radix's own classes they look as Radix's Table.Row and Table.Cell do (the
# table's size and variant are on its root), without a React component, its props to sort
# out and a style object of its own per cell: 50 rows of seven cells on each change.
_ALIGN = {"right": "cell-end", "center": "cell-centre"}


def row(*cells: rx.Component) -> rx.Component:
    """A table row, as ``rx.table.row`` draws it."""
    return rx.el.tr(*cells, class_name="rt-TableRow")


def row_header(*children: rx.Component | rx.Var | str, **attrs: Any) -> rx.Component:
    """The cell naming its row, as ``rx.table.row_header_cell`` draws it."""
    return rx.el.th(*children, scope="row", class_name="rt-TableCell rt-TableRowHeaderCell",
                    **attrs)


def cell(*children: rx.Component | rx.Var | str, text_align: str = "",
         nowrap: bool = False, class_name: str | rx.Var = "", **attrs: Any) -> rx.Component:
    """A cell, as ``rx.table.cell`` draws it; ``text_align`` "right" or "center";
    ``class_name``: more classes (a Var for classes that follow the data)."""
    classes = " ".join(c for c in ("rt-TableCell", _ALIGN.get(text_align, ""),
                                   "nowrap" if nowrap else "") if c)
    if isinstance(class_name, rx.Var):
        return rx.el.td(*children, class_name=classes + " " + class_name, **attrs)
    return rx.el.td(*children, class_name=f"{classes} {class_name}".rstrip(), **attrs)


def labelled_cell(column: str | rx.Var, *children: rx.Component | rx.Var | str,
                  **props: Any) -> rx.Component:
    """A cell that names its column when a stacked table shows it as a card (``data-label``,
    in the reader's language). ``column``: the column's msgid, or its name already in the
    reader's language (a Var: a msgid with parameters, or a name from the data)."""
    name = t(column) if isinstance(column, str) else column
    return cell(*children, custom_attrs={"data-label": name}, **props)
