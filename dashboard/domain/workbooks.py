"""What an uploaded .xlsx must look like before openpyxl may open it.

An .xlsx is a zip of XML files, and openpyxl trusts them: a 0.5 MB upload can unzip to
gigabytes (a zip bomb), hold a styles part of millions of entries (openpyxl reads every
style, even in read-only mode), or declare a sheet of a million rows by 16,384 columns
(read-only mode pads every row to the declared size). So the zip's directory is read first,
without unzipping anything: too many parts, too much unzipped, a styles part too large, or
a sheet that declares more rows or cells than an import takes, and the file is refused with
a message saying why, before openpyxl sees it.
"""

from __future__ import annotations

import io
import re
import zipfile

from dashboard.domain.errors import InvalidInput

MAX_PARTS = 500  # files inside the zip
MAX_UNZIPPED = 100 * 1024 * 1024  # all of them together, unzipped
MAX_STYLES = 5 * 1024 * 1024  # xl/styles.xml unzipped: a real one is a few hundred KB
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000  # rows x columns a sheet may declare
HEAD = 64 * 1024  # the start of a sheet, where <dimension> is
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"",
                       re.IGNORECASE)


def column_number(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def declared_size(sheet_head: bytes) -> tuple[int, int] | None:
    """(rows, columns) a sheet's <dimension> declares, or None when it declares none."""
    found = DIMENSION.search(sheet_head)
    if found is None:
        return None
    first_col, first_row, last_col, last_row = (g.decode().upper() if g else None
                                                for g in found.groups())
    last_col, last_row = last_col or first_col, last_row or first_row
    return (int(last_row) - int(first_row) + 1,
            column_number(last_col) - column_number(first_col) + 1)


def check_workbook(data: bytes, max_rows: int) -> None:
    """Refuse a workbook that would take openpyxl too long or too much memory to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise InvalidInput("The file could not be read as an Excel workbook (.xlsx).") from error
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNZIPPED:
            raise InvalidInput("The workbook unzips to more than {n} MB: save only the table "
                               "as a new workbook or as CSV.", n=MAX_UNZIPPED // (1024 * 1024))
        styles = next((p for p in parts if p.filename.lower() == "xl/styles.xml"), None)
        if styles is not None and styles.file_size > MAX_STYLES:
            raise InvalidInput("The workbook has too many cell styles to be read: save the "
                               "table as CSV and import that.")
        sheets = [p for p in parts
                  if re.fullmatch(r"xl/worksheets/[^/]+\.xml", p.filename, re.IGNORECASE)]
        for sheet in sheets:
            try:
                with archive.open(sheet) as stream:
                    size = declared_size(stream.read(HEAD))
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
                raise InvalidInput(
                    "The file could not be read as an Excel workbook (.xlsx).") from error
            if size is None:
                continue
            rows, cols = size
            if rows > max_rows + 1 or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
                raise InvalidInput("A sheet of the workbook declares {rows} rows and {columns} "
                                   "columns, more than an import takes ({n} rows, {max_columns} "
                                   "columns): copy only the table into a new workbook.",
                                   rows=rows, columns=cols, n=max_rows,
                                   max_columns=MAX_COLUMNS)
