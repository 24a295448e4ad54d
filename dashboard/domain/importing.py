"""Importing rows from a file: what the member, attendance and survey imports share.

Every import goes the same way. Read the file into a ``Table`` (CSV or TSV text in UTF-8,
with or without a BOM, any line endings; or the first sheet of an Excel workbook), within a
size and a row cap. Map its columns to the importer's fields (``suggest_mapping`` guesses
them from the headings, English or Welsh; the person importing can change them). Check every
row into a ``Preview``: the rows ready to write, and every ``Rejected`` row with all of its
problems, so a person correcting the file fixes it in one go. Then write everything in the
caller's one transaction, or nothing if any row was rejected (``require_ok``).

Each feature keeps its own fields, headings and rules in its own module. Every message is a
msgid with its params (``InvalidInput``, ``Problem``), so it can be shown in either language.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dashboard.domain.errors import InvalidInput
from dashboard.domain.workbooks import MAX_COLUMNS, check_workbook

# The largest upload any import reads: the setting CYMUNED_UPLOAD_MAX_MB (whole MB), 5 by
# default; ``upload_limit()`` reads it.
UPLOAD_LIMIT_SETTING = "CYMUNED_UPLOAD_MAX_MB"
DEFAULT_UPLOAD_MB = 5
MAX_BYTES = DEFAULT_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 20_000
T = TypeVar("T")


def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue where it is not raised or translated on the spot."""
    return msgid


def loose(text: object) -> str:
    """Text as it is compared with what we know: spaces collapsed, case folded, curly
    apostrophes straightened ("Dod i’r  amlwg" matches "dod i'r amlwg")."""
    return " ".join(str("" if text is None else text).replace("\u2019", "'").split()).casefold()


def cell_text(value: object) -> str:
    """A cell as one line of text: empty for an empty cell, spaces collapsed, a whole number
    from a spreadsheet without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _blank(values: Sequence[object]) -> bool:
    return not any(str(v).strip() for v in values if v is not None)


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[object]]  # rows[i] is the file's row i + 2 (row 1 holds the headings)

    def numbered(self) -> Iterator[tuple[int, list[object]]]:
        """(row number in the file, cells) for every row that is not blank: a blank line in
        the middle of a file is not an error."""
        for i, values in enumerate(self.rows):
            if not _blank(values):
                yield i + 2, values

    def records(self) -> list[dict[str, str]]:
        """The rows that are not blank, as heading -> text (spaces at either end removed)."""
        return [{heading: ("" if i >= len(values) or values[i] is None else str(values[i]).strip())
                 for i, heading in enumerate(self.headers)}
                for _number, values in self.numbered()]


@dataclass(frozen=True)
class FileRules:
    """How one importer reads its files."""

    max_rows: int = MAX_ROWS
    max_bytes: int | None = None  # None: the setting (``upload_limit``)
    # Several (",\t;"): the one the heading row uses most; a .tsv file is tab-separated.
    delimiters: str = ","
    # E.g. "cp1252" for older exports; None: UTF-8 only (or UTF-16 with its BOM).
    fallback_encoding: str | None = None
    # The part of the text that holds the table, e.g. the participants in a Teams report.
    text_part: Callable[[str], str] | None = None


def upload_limit() -> int:
    """The largest file an import reads, in bytes (the setting, or 5 MB)."""
    raw = os.environ.get(UPLOAD_LIMIT_SETTING, "").strip()
    megabytes = int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_UPLOAD_MB
    return megabytes * 1024 * 1024


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    if size > max_bytes:
        raise InvalidInput("The file is larger than {n} MB.", n=max_bytes // (1024 * 1024))


def read_table(data: bytes, filename: str, rules: FileRules = FileRules()) -> Table:
    """The headings and rows of a CSV or TSV file, or of a workbook's first sheet (.xlsx).

    A cell from a workbook keeps its type (a date, a number); a cell from text is text.
    """
    check_size(len(data), rules.max_bytes or upload_limit())
    if not data:
        raise InvalidInput("The file is empty.")
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return _read_workbook(data, rules.max_rows)
    if name.endswith(".xls"):
        raise InvalidInput("Save the file as .xlsx or .csv: the old .xls format cannot be read.")
    text = decode(data, rules.fallback_encoding)
    if rules.text_part is not None:
        text = rules.text_part(text)
    delimiter = _delimiter(text, name, rules.delimiters)
    try:
        return _table(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                      rules.max_rows)
    except csv.Error as error:
        raise InvalidInput("The file {name} could not be read as CSV or Excel: {reason}",
                           name=filename, reason=str(error)[:200]) from error


def decode(data: bytes, fallback_encoding: str | None = None) -> str:
    """Text from UTF-8 (with or without a BOM) or UTF-16 with a BOM (Teams reports)."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if fallback_encoding is None:
            raise InvalidInput(
                "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.") from None
        return data.decode(fallback_encoding, errors="replace")


def _delimiter(text: str, name: str, delimiters: str) -> str:
    if len(delimiters) <= 1:
        return delimiters or ","
    if name.endswith(".tsv") and "\t" in delimiters:
        return "\t"
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(delimiters, key=first.count)  # the first of them when the counts are equal


def _read_workbook(data: bytes, max_rows: int) -> Table:
    from openpyxl import load_workbook

    check_workbook(data, max_rows)  # before openpyxl reads a byte of it
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # Rows and columns bounded, whatever the sheet's cells say (without a declared
            # size, read-only openpyxl makes each row as wide as its last cell).
            columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
            return _table(sheet.iter_rows(max_row=max_rows + 2, max_col=columns,
                                          values_only=True), max_rows)
        finally:
            book.close()
    except InvalidInput:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InvalidInput("The file could not be read as an Excel workbook (.xlsx).") from error


def _table(records: Iterable[Sequence[object]], max_rows: int) -> Table:
    """Blank rows at the end are not data; more than ``max_rows`` rows are refused as soon
    as they are found (a blank row is kept as [] so rows keep their numbers)."""
    rows: list[list[object]] = []
    last = -1  # the last row that is not blank
    for values in records:
        if _blank(values):
            if len(rows) > 2 * max_rows:  # as many blank rows again as data is plenty
                raise InvalidInput("The file has more than {n} rows; split it into smaller "
                                   "files.", n=max_rows)
            rows.append([])
            continue
        if len(rows) > max_rows:  # this is row len(rows) of the data, the heading row 0
            raise InvalidInput("The file has more than {n} rows; split it into smaller files.",
                               n=max_rows)
        values = list(values)
        while values and values[-1] is None:  # a workbook's row is as wide as its sheet
            values.pop()
        rows.append(values)
        last = len(rows) - 1
    rows = rows[:last + 1]
    if not rows:
        raise InvalidInput("The file is empty.")
    headers = [str(h if h is not None else "").strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    return Table(headers, rows[1:])


# --- mapping ------------------------------------------------------------------------------


def suggest_mapping(headers: Sequence[str],
                    headings: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """field -> the file's heading, for the fields whose heading we recognise.

    ``headings`` lists, for each field in form order, the headings it is known by (English
    and Welsh, in order of preference); they are compared loosely. A heading serves one
    field only.
    """
    by_key: dict[str, str] = {}
    for heading in headers:
        by_key.setdefault(loose(heading), heading)
    mapping: dict[str, str] = {}
    for name, known in headings.items():
        for key in known:
            heading = by_key.get(loose(key))
            if heading and heading not in mapping.values():
                mapping[name] = heading
                break
    return mapping


def require_columns(mapping: Mapping[str, str], required: Iterable[str]) -> None:
    missing = [name for name in required if not mapping.get(name)]
    if missing:
        raise InvalidInput("Choose a column for: {fields}.", fields=", ".join(missing))


@dataclass(frozen=True)
class MappedRow:
    """One row of the file, read through the mapping."""

    number: int  # the row in the file (row 1 holds the headings)
    values: Sequence[object]
    columns: Mapping[str, int]  # field -> position

    def value(self, name: str) -> object:
        i = self.columns.get(name)
        return self.values[i] if i is not None and i < len(self.values) else None

    def text(self, name: str) -> str:
        return cell_text(self.value(name))


def mapped_rows(table: Table, mapping: Mapping[str, str]) -> Iterator[MappedRow]:
    """The rows that are not blank, read through ``mapping`` (field -> heading; an empty
    heading leaves the field out). InvalidInput names a heading the file does not have."""
    columns: dict[str, int] = {}
    for name, heading in mapping.items():
        if heading:
            if heading not in table.headers:
                raise InvalidInput("There is no column called '{heading}' in the file.",
                                   heading=heading)
            columns[name] = table.headers.index(heading)
    for number, values in table.numbered():
        yield MappedRow(number, values, columns)


# --- checking and writing -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return self.msgid.format(**self.params) if self.params else self.msgid


@dataclass(frozen=True)
class Rejected:
    """A row that cannot be imported, with every problem it has."""

    row: int  # the row in the file (row 1 holds the headings)
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Preview(Generic[T]):
    """What an import would do; nothing is written."""

    rows: tuple[T, ...] = ()  # the rows ready to write, in the feature's own shape
    rejected: tuple[Rejected, ...] = ()  # in row order
    to_add: int = 0
    to_update: int = 0
    unchanged: int = 0

    @property
    def accepted(self) -> int:
        return len(self.rows)

    @property
    def ok(self) -> bool:
        return not self.rejected and bool(self.rows)


def require_ok(preview: Preview,
               rejected: str = N_("Nothing was imported: {n} rows have problems. Correct them "
                                  "and try again."),
               empty: str = N_("The file has no rows to import.")) -> None:
    """All or nothing: refuse to write anything when a row was rejected, or there is none.

    ``rejected`` may use {n} (the rows rejected) and {rows} (the first ten of them).
    """
    if preview.rejected:
        raise InvalidInput(rejected, n=len(preview.rejected),
                           rows=", ".join(str(r.row) for r in preview.rejected[:10]))
    if not preview.rows:
        raise InvalidInput(empty)
