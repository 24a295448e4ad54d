"""Lost updates: every editable record carries a version, and a stale save is refused.

Every ORM save of a versioned row adds one to its version (the listener in
dashboard/models.py), whoever writes it: an editor, an import, the command line. A form keeps
the version of the record it was opened with; saving first claims the row with one
conditional UPDATE (``... SET version = version WHERE id = ? AND version = ?``): if someone
saved in between, no row matches and the save is refused with both versions shown (what they
saved, what you typed, field by field), so nothing is silently undone. The claim is the
transaction's first write, so on SQLite it takes the write lock and on PostgreSQL it locks
the row: two saves at the same moment cannot both pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from dashboard.domain.audit import _plain
from dashboard.domain.errors import DomainError
from dashboard.i18n import LANGUAGES, translate


def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue where it is defined apart from where it is used."""
    return msgid


STALE = N_("Someone changed this since you opened it. Their version ({theirs}) is newer "
           "than the one you opened ({yours}). What differs: {differences}. Your changes are "
           "still in the form: check them and save again.")
DIFFERENCE = N_("{field}: theirs “{theirs}”, yours “{yours}”")
NO_DIFFERENCE = N_("no field you changed")
LONGEST_VALUE = 80


class StaleVersion(DomainError):
    """The record changed since the form was opened; nothing was saved."""

    def __init__(self, theirs: int, yours: int,
                 differences: tuple[tuple[str, Any, Any], ...]) -> None:
        self.theirs, self.yours, self.differences = theirs, yours, differences
        super().__init__(STALE, theirs=theirs, yours=yours,
                         differences=describe(differences))


def _shown(value: Any) -> str:
    text = "" if value is None else str(_plain(value))
    return text if len(text) <= LONGEST_VALUE else text[:LONGEST_VALUE - 1] + "…"


def _label(label: str | Mapping[str, str], lang: str) -> str:
    """A field's msgid, or a name already in both languages (a maturity dimension's)."""
    if isinstance(label, str):
        return translate(label, lang)
    return label.get(lang) or label.get("en", "")


def describe(differences: tuple[tuple[Any, Any, Any], ...]) -> dict[str, str]:
    """The differing fields, in each language: {"en": ..., "cy": ...}."""
    return {lang: "; ".join(translate(DIFFERENCE, lang, field=_label(label, lang),
                                      theirs=_shown(theirs), yours=_shown(yours))
                            for label, theirs, yours in differences)
            or translate(NO_DIFFERENCE, lang)
            for lang in LANGUAGES}


def claim(session: Session, row: Any, opened: int | None, yours: Mapping[str, Any],
          labels: Mapping[str, Any],
          current: Callable[[Any], Mapping[str, Any]] | None = None) -> None:
    """Take the next version of ``row`` for a save from a form opened at version ``opened``
    (None: a caller with no form, e.g. the command line, which saves over whatever is
    there). ``yours`` holds the values about to be saved, ``labels`` the field msgids (the
    form's own labels) to name the fields that differ when the save is refused, and
    ``current`` the same fields as the record now holds them (by default its attributes of
    those names)."""
    model = type(row)
    statement = update(model).where(model.id == row.id).values(version=model.version)
    if opened is not None:
        statement = statement.where(model.version == opened)
    if session.execute(statement).rowcount != 1:
        session.refresh(row)
        theirs = dict(current(row)) if current else {name: getattr(row, name)
                                                     for name in yours}
        raise StaleVersion(row.version, opened or 0, tuple(
            (labels.get(name, name), theirs[name], value) for name, value in yours.items()
            if _plain(theirs[name]) != _plain(value)))
    # The version as it is now (the ORM's copy may be older when ``opened`` is None); the
    # save itself then adds one.
    session.refresh(row, ["version"])
