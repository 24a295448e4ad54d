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
