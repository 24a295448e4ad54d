"""A crafted workbook is refused from the zip's directory and the sheet's declared size,
before openpyxl reads it; an upload over the size cap (a setting, 5 MB by default) and a
file of too many rows are refused too."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from dashboard.domain.errors import InvalidInput
from dashboard.domain.importing import read_table, upload_limit
from dashboard.domain.maturity.assessment_import import read_file
from dashboard.domain.workbooks import column_number, declared_size
from dashboard.i18n import translate
from tests.domain.test_importing import workbook


def rezipped(data: bytes, change) -> bytes:
    """The workbook with its parts changed: ``change(name, content)`` returns the new
    content, or a list of (name, content) to add."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
        for name, content in change(None, None) or []:
            target.writestr(name, content)
    return out.getvalue()


def declaring(ref: str) -> bytes:
    def change(name, content):
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), content)
        return content
    return rezipped(workbook(["Body", "D0"], ["a", 3]), change)


@pytest.fixture
def openpyxl_must_not_open(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to read a crafted workbook")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def refused(data: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        read_table(data, "survey.xlsx")
    assert translate(raised.value.msgid, "cy") != raised.value.msgid  # said in Welsh too
    return raised.value


def test_a_sheet_declaring_a_million_rows_or_columns_is_refused_unread(openpyxl_must_not_open):
    for ref, rows, columns in (("A1:XFD1048576", 1048576, 16384), ("A1:B20002", 20002, 2),
                               ("A1:SH2", 2, 502), ("A1:JZ10000", 10000, 286)):
        error = refused(declaring(ref))
        assert error.msgid.startswith("A sheet of the workbook declares {rows} rows")
        assert (error.params["rows"], error.params["columns"]) == (rows, columns)


def test_a_zip_bomb_is_refused_unread(openpyxl_must_not_open):
    bomb = rezipped(workbook(["H"], [1]), lambda name, content: content if name else [
        ("xl/media/padding.bin", b"\0" * (101 * 1024 * 1024))])
    assert len(bomb) < 1024 * 1024  # a small upload
    assert refused(bomb).msgid.startswith("The workbook unzips to more than {n} MB")


def test_a_styles_bomb_is_refused_unread(openpyxl_must_not_open):
    styles = b"<cellXfs>" + b'<xf numFmtId="0" fontId="0"/>' * 250_000 + b"</cellXfs>"
    bomb = rezipped(workbook(["H"], [1]), lambda name, content: (
        None if name is None else styles if name == "xl/styles.xml" else content))
    assert refused(bomb).msgid.startswith("The workbook has too many cell styles")


def test_a_reasonable_workbook_is_still_read():
    assert read_table(declaring("A1:B2"), "x.xlsx").rows == [["a", 3]]
    # A sheet declaring no size is read within the caps all the same.
    undeclared = rezipped(workbook(["Body", "D0"], ["a", 3]), lambda name, content: (
        None if name is None else re.sub(rb"<dimension [^>]*/>", b"", content)))
    assert read_table(undeclared, "x.xlsx").rows == [["a", 3]]


def test_declared_sizes_are_read_from_the_sheet():
    assert declared_size(b'<worksheet><dimension ref="B2:D5"/>') == (4, 3)
    assert declared_size(b'<x:dimension ref="A1"/>') == (1, 1)
    assert declared_size(b"<worksheet><sheetData/>") is None
    assert [column_number(c) for c in ("A", "Z", "AA", "XFD")] == [1, 26, 27, 16384]


def test_uploads_are_capped_at_five_mb_by_default_and_by_the_setting(monkeypatch):
    monkeypatch.delenv("CYMUNED_UPLOAD_MAX_MB", raising=False)
    assert upload_limit() == 5 * 1024 * 1024
    big = b"Body,D0\n" + b"a,3\n" * (5 * 1024 * 1024 // 4)
    with pytest.raises(InvalidInput) as raised:
        read_file(big, "survey.csv")
    assert raised.value.params == {"n": 5}
    monkeypatch.setenv("CYMUNED_UPLOAD_MAX_MB", "1")
    with pytest.raises(InvalidInput) as raised:
        read_file(b"Body,D0\n" + b"a,3\n" * 300_000, "survey.csv")
    assert raised.value.params == {"n": 1}
    monkeypatch.setenv("CYMUNED_UPLOAD_MAX_MB", "nonsense")
    assert upload_limit() == 5 * 1024 * 1024


def test_a_file_of_blank_lines_is_refused_without_keeping_them():
    with pytest.raises(InvalidInput) as raised:
        read_table(b"H\n1\n" + b"\n" * 50_000, "x.csv")
    assert raised.value.msgid.startswith("The file has more than {n} rows")
