"""Typed rows for state: what a page shows, with numbers as numbers, booleans as booleans
and dates formatted once, here, in both languages.

A page's rows are frozen dataclasses built by a small function beside its state. Text that
depends on the language is a ``Bilingual`` (English and Welsh side by side), because the
language switch works in the browser without a round trip; components show it with
``components.i18n.bilingual`` and format nothing themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.domain.clock import format_day, format_when
from dashboard.i18n import LANGUAGES


@dataclass(frozen=True)
class Bilingual:
    en: str = ""
    cy: str = ""


def each_language(render: Callable[[str], str]) -> Bilingual:
    """``render(lang)`` for each language."""
    return Bilingual(**{lang: render(lang) for lang in LANGUAGES})


def welsh_or_english(english: str | None, welsh: str | None) -> tuple[Bilingual, bool]:
    """Text from the data in both languages, and whether its Welsh is missing (None or
    blank): the Welsh pages then show the English, marked for the steering group."""
    english = english or ""
    missing = not (welsh or "").strip()
    return Bilingual(english, english if missing else welsh), missing and english != ""


def day(value: date | None) -> Bilingual:
    """A date as people read it ("3 Mar 2026", "3 Maw 2026"); empty when there is none."""
    if value is None:
        return Bilingual()
    return each_language(lambda lang: format_day(value, lang))


def moment(value: datetime | None) -> Bilingual:
    """A time in Wales, with its date; empty when there is none."""
    if value is None:
        return Bilingual()
    return each_language(lambda lang: format_when(value, None, lang))


# --- charts (components.bars) ---------------------------------------------------------------


@dataclass(frozen=True)
class AxisTick:
    value: int
    at: str  # its place along the axis, for CSS ("40%")


def axis_ticks(largest: int, most: int = 6) -> list[int]:
    """Round numbers from 0 up to ``largest`` or just past it, evenly spaced by 1, 2 or 5
    times a power of ten, at most ``most`` of them: a chart's axis, its last the axis' end."""
    largest = max(largest, 1)
    step = next(m * 10 ** e for e in range(12) for m in (1, 2, 5)
                if -(-largest // (m * 10 ** e)) < most)
    return list(range(0, -(-largest // step) * step + 1, step))


def axis(largest: int) -> list[AxisTick]:
    """A bar chart's axis for bars up to ``largest``, each tick in its place."""
    ticks = axis_ticks(largest)
    return [AxisTick(tick, share_of(tick, ticks[-1])) for tick in ticks]


def share_of(value: float, end: float) -> str:
    """``value`` as a share of an axis that ends at ``end``, as a CSS length."""
    return f"{100 * value / end:.4g}%" if end else "0%"
