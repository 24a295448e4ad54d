"""Pieces the maturity pages share: their styles (colour bands, tile map, print layout),
tables, the withheld mark, levels as text, chart legends (each swatch outlined, so even the
darkest level shows on a dark page), the hatching that marks a withheld bar, the
"provisional" badge and the print button.

Every chart has the table behind it beside it; charts are hidden from screen readers and
taken out of the tab order, the tables carry the same numbers.
"""

from __future__ import annotations

import reflex as rx

from components.cards import badge
from components.i18n import t

PRINT_CSS = """
.band-1 { background: var(--indigo-3); color: var(--indigo-12); }
.band-2 { background: var(--indigo-5); color: var(--indigo-12); }
.band-3 { background: var(--indigo-7); color: var(--indigo-12); }
.band-4 { background: var(--indigo-9); color: white; }
.band-5 { background: var(--indigo-12); color: var(--indigo-1); }
.band-none { background: var(--gray-3); color: var(--gray-12); }
.tile-map { display: grid; grid-template-columns: repeat(6, minmax(2.6rem, 4rem));
  grid-auto-rows: minmax(2.6rem, 4rem); gap: 4px; }
.tile { display: flex; flex-direction: column; align-items: center; justify-content: center;
  border-radius: 4px; font-size: 0.8rem; font-weight: 600; line-height: 1.1; }
.tile-unpublished { border: 2px dashed var(--gray-9); }
.heat-cell { text-align: center; min-width: 4.5rem; }
.heat-cell small { display: block; font-weight: 400; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .site-header, .site-footer, .skip-link, .no-print, .demo-banner { display: none !important; }
  .section { break-inside: avoid; }
  .band-1, .band-2, .band-3, .band-4, .band-5, .band-none {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def styles() -> rx.Component:
    return rx.el.style(PRINT_CSS)


def table(head: list, body, stacked: bool = False) -> rx.Component:
    """A table with the given header cells; ``body`` renders its rows (usually a foreach).
    ``stacked``: on a phone each row is a card, each cell named by its ``data-label``
    (``components.tables.labelled_cell``), rather than a table scrolling sideways."""
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*head)),
            rx.table.body(body),
            variant="surface", width="100%",
        ),
        class_name="table-scroll stack-on-phone" if stacked else "table-scroll", width="100%",
    )


def col(text: str, right: bool = False) -> rx.Component:
    return rx.table.column_header_cell(t(text), text_align="right" if right else None)


def withheld_mark() -> rx.Component:
    return rx.el.abbr("•", title=t("Withheld: too few bodies"), aria_label=t("withheld"))


def or_withheld(value: rx.Var) -> rx.Component:
    """A number, or the withheld mark where it is None."""
    return rx.cond(value.is_none(), withheld_mark(), value)


def level_or_dash(value: rx.Var) -> rx.Var:
    """A level (a number from the state, rounded as shown), or a dash where there is none."""
    return rx.cond(value.is_none(), "–", value)


# The levels' colours and the withheld hatching are CSS custom properties (assets/
# cymuned.css, maturity block), so they follow light and dark mode; the charts use them too.
LEVEL_COLOURS = tuple(f"var(--maturity-level-{i})" for i in range(1, 6))


def swatch(colour: str, text, **props) -> rx.Component:
    return rx.hstack(
        rx.box(class_name="maturity-swatch", background=colour, aria_hidden="true"),
        rx.text(text, size="2"),
        align="center", spacing="1", **props,
    )


def hatch_swatch(text, **props) -> rx.Component:
    """The legend entry of a withheld bar: the bar's hatching, apart from the levels."""
    return rx.hstack(
        rx.box(class_name="maturity-swatch maturity-hatch", aria_hidden="true"),
        rx.text(text, size="2"),
        align="center", spacing="1", **props,
    )


def provisional_badge(**props) -> rx.Component:
    return badge(t("Provisional"), color_scheme="amber", **props)


def print_button() -> rx.Component:
    return rx.button(rx.icon("printer", aria_hidden="true"), t("Print this report"),
                     on_click=rx.call_script("window.print()"), variant="soft",
                     high_contrast=True, size="2")
