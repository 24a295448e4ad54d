"""Text typed into a search or filter, made safe to compare with the database.

An address such as ``?q=abc%00def`` puts a NUL byte in the text: PostgreSQL refuses it in a
text parameter (a database error, so a page fails and an export answers 500), and SQLite
compares it oddly. Control characters and lone surrogates (which cannot be encoded for the
database) mean nothing in a search, so every query object drops them when it is built.
"""

from __future__ import annotations

import unicodedata

MAX_SEARCH = 100  # characters of a search kept: more finds nothing that less does not


def clean_query_text(value: object, limit: int = MAX_SEARCH) -> str:
    """``value`` as one line of text to search or filter by: control characters (NUL, tabs,
    line breaks, ...) become spaces and lone surrogates go, spaces at either end are removed,
    and at most ``limit`` characters are kept."""
    text = "" if value is None else str(value)
    kept = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text
                   if unicodedata.category(c) != "Cs")
    return kept.strip()[:limit].strip()
