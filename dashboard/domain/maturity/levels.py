"""Maturity level names, from the newest framework version in the database."""

from __future__ import annotations

import math

from sqlmodel import Session, select

from dashboard.i18n import translate
from dashboard.models import MaturityFramework


def level_names(session: Session) -> dict[int, dict[str, str]]:
    """level -> {"en": ..., "cy": ...} from the newest framework (empty when none loaded)."""
    framework = session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc())
    ).first()
    if framework is None:
        return {}
    return {int(level): names for level, names in framework.level_names.items()}


def describe_level(value: float | None, names: dict[int, dict[str, str]], lang: str) -> str:
    """'Developing' for 3, 'between Emerging and Developing' for 2.5."""
    if value is None or not names:
        return ""
    low, high = math.floor(value), math.ceil(value)
    if low == high:
        return names.get(low, {}).get(lang, str(low))
    return translate(
        "between {lower} and {upper}", lang,
        lower=names.get(low, {}).get(lang, str(low)),
        upper=names.get(high, {}).get(lang, str(high)),
    )


def format_level(value: float | None) -> str:
    """A level as text, with the precision of the published aggregates: "3", "2.5", "2.75"
    (the Overview's headline and the Maturity page must read the same)."""
    if value is None:
        return "–"
    return f"{shown_level(value):g}"


def shown_level(value: float | None) -> float | None:
    """A level as a number, to two decimal places at most: every median of levels (a median
    of bodies' medians can be 2.75) is shown exactly, as the published aggregates give it."""
    return None if value is None else round(float(value), 2)
