"""What every CSV and XLSX export shares: cells a spreadsheet cannot run.

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or with a tab or
carriage return before one) as a formula, so a member whose name or job title is
``=HYPERLINK("https://evil.example", "click")`` would run it on the computer of whoever opens
the export (CSV injection). OWASP's rule: put a single quote before such a text; the
spreadsheet shows the text as typed. Numbers stay numbers: a real negative number in a
numeric column is not text and is written unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """``value`` as a cell that cannot be a formula: text beginning with one of
    ``FORMULA_STARTS`` gets a single quote before it; anything else (numbers, dates, None)
    is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list[object]) -> list[object]:
    return [spreadsheet_safe(value) for value in values]
