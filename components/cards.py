"""Figure cards and small building blocks shared by the pages."""

from __future__ import annotations

import reflex as rx

from components.i18n import t


def figure_card(
    heading: str,
    value: rx.Var | str,
    detail: rx.Component | rx.Var | str,
    href: str,
    link_text: str,
    test_id: str,
) -> rx.Component:
    """A headline figure: what it is, the number, a line of context, and where to go next."""
    return rx.card(
        rx.vstack(
            rx.heading(t(heading), as_="h2", size="3", weight="medium",
                       class_name="figure-heading"),
            rx.text(value, class_name="figure-value", data_testid=test_id),
            rx.box(detail, class_name="figure-detail"),
            rx.spacer(),
            rx.link(t(link_text), rx.icon("arrow_right", size=16, aria_hidden="true"), href=href,
                    class_name="figure-link"),
            spacing="2",
            height="100%",
        ),
        class_name="figure-card",
    )


def section(heading: str, *children: rx.Component, heading_id: str) -> rx.Component:
    return rx.el.section(
        rx.heading(t(heading), as_="h2", size="5", id=heading_id, class_name="section-heading"),
        *children,
        aria_labelledby=heading_id,
        class_name="section",
    )


def empty_state(message: str) -> rx.Component:
    return rx.text(t(message), class_name="empty-state")


def badge(*children, **props) -> rx.Component:
    """A badge with high-contrast text (Radix's default soft badges miss WCAG AA 4.5:1)."""
    props.setdefault("variant", "soft")
    props.setdefault("high_contrast", True)
    return rx.badge(*children, **props)


def row_badge(*children, colour: str = "indigo") -> rx.Component:
    """``badge`` in a list's rows: the same element and Radix classes, drawn as a plain
    element (see ``components.tables.row``)."""
    return rx.el.span(*children, class_name="rt-reset rt-Badge rt-r-size-1 rt-variant-soft "
                      "rt-high-contrast", custom_attrs={"data-accent-color": colour})
