"""Horizontal bar charts in plain HTML: one row a thing, its name beside its bar (above it on
a phone), the bar's parts as long as the server worked out, an axis of round numbers under
them. A handful of bars drawn by a chart library cost about 100 ms of every page load (its
measuring and its redux store); these cost what a table does.

Like every chart here they are hidden from screen readers: a table beside each gives the
same figures. The styles are the ``.hbars`` rules in assets/cymuned.css.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import reflex as rx

from components.i18n import t

# One part of a bar: (its length, as a CSS length; its colour, or "" for its class's own;
# more class names).
Part = tuple[rx.Var | str, str, str]


def bar_chart(rows: rx.Var, name: Callable[[rx.Var], rx.Component],
              parts: Callable[[rx.Var], Sequence[Part]], ticks: rx.Var | Sequence,
              row_title: str, axis_title: str, unit: str = "", **props) -> rx.Component:
    """``rows``' bars. ``name(row)``: the row's name; ``parts(row)``: its parts in order;
    ``ticks``: the axis' ticks, each with a ``value`` and its place ``at`` (``AxisTick``);
    ``unit``: after each tick's number ("%")."""
    def tick(item) -> rx.Component:  # a Var of a tick, or a tick known when compiled
        value = item.value if isinstance(item, rx.Var) else str(item.value)
        return rx.el.span(value, unit, class_name="hbars-tick", style={"left": item.at})

    def row(item: rx.Var) -> rx.Component:
        return rx.fragment(
            rx.el.div(name(item), class_name="hbars-label"),
            rx.el.div(*[rx.el.span(class_name=f"hbars-part {classes}".strip(),
                                   style={"width": length, **({"background": colour}
                                                              if colour else {})})
                        for length, colour, classes in parts(item)],
                      class_name="hbars-track"),
        )

    axis = (rx.foreach(ticks, tick) if isinstance(ticks, rx.Var)
            else rx.fragment(*[tick(item) for item in ticks]))
    return rx.box(
        rx.el.div(t(row_title), class_name="hbars-title"),
        rx.el.div(
            rx.foreach(rows, row),
            rx.el.div(class_name="hbars-label"),  # the axis, under the bars
            rx.el.div(axis, class_name="hbars-axis"),
            class_name="hbars",
        ),
        rx.el.div(t(axis_title), class_name="hbars-title hbars-title-x"),
        aria_hidden="true", width="100%", **props,
    )
