"""What every import shares: reading CSV, TSV and XLSX into one table within a size and a row
cap, clear errors, column mappings from English or Welsh headings, one shape for a rejected
row (every problem of it), the preview and all or nothing."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from dashboard.domain.errors import InvalidInput
from dashboard.domain.importing import (
    FileRules,
    MappedRow,
    Preview,
    Problem,
    Rejected,
    Table,
    cell_text,
    loose,
    mapped_rows,
    read_table,
    require_columns,
    require_ok,
    suggest_mapping,
)
from dashboard.i18n import translate

TEXT = "Enw,E-bost\r\nSiân Ŵyn,sian@example.org\r\nRhys,rhys@example.org\r\n"


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("encoded", [
    TEXT.encode(),
    ("\ufeff" + TEXT).encode(),
    TEXT.replace("\r\n", "\n").encode(),
    TEXT.replace("\r\n", "\r").encode(),
    TEXT.encode("utf-16"),  # with its BOM, as Teams writes it
], ids=["utf-8 crlf", "bom", "lf", "cr", "utf-16"])
def test_csv_in_utf8_with_or_without_bom_and_any_line_endings(encoded):
    table = read_table(encoded, "members.csv")
    assert table == Table(["Enw", "E-bost"], [["Siân Ŵyn", "sian@example.org"],
                                              ["Rhys", "rhys@example.org"]])


def test_tsv_and_semicolons_where_the_importer_accepts_them():
    rules = FileRules(delimiters=",\t;")
    tsv = b"Name\tEmail\nAnn, Jones\tann@example.org\n"
    assert read_table(tsv, "report.csv", rules).rows == [["Ann, Jones", "ann@example.org"]]
    assert read_table(b"Name;Email\nAnn;ann@example.org\n", "x.csv", rules).headers == [
        "Name", "Email"]
    assert read_table(b"Email\nann@example.org\n", "x.tsv", rules).rows == [["ann@example.org"]]
    # An importer that reads only commas keeps the tab inside the cell.
    assert read_table(tsv, "report.csv").headers == ["Name\tEmail"]


def test_text_that_is_not_utf8_is_refused_unless_the_importer_falls_back():
    data = "Enw\nSiân\n".encode("cp1252")
    with pytest.raises(InvalidInput) as error:
        read_table(data, "x.csv")
    assert error.value.msgid == "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."
    assert read_table(data, "x.csv", FileRules(fallback_encoding="cp1252")).rows == [["Siân"]]


def test_a_workbook_keeps_its_cell_types_and_its_row_numbers():
    data = workbook(["Name", "Joined", "Count", None], ["Ann", datetime(2025, 3, 1), 3, None],
                    [None, None, None, None], ["Bob", None, 2.0, None], [None] * 4, [None] * 4)
    table = read_table(data, "Forms.XLSX")
    assert table.headers == ["Name", "Joined", "Count"]  # blank headings at the end dropped
    assert table.rows[0][:3] == ["Ann", datetime(2025, 3, 1), 3]
    assert len(table.rows) == 3  # blank rows at the end are not data; one in the middle is
    assert [number for number, _ in table.numbered()] == [2, 4]
    assert [cell_text(v) for v in table.rows[2][:3]] == ["Bob", "", "2"]
    assert table.records() == [{"Name": "Ann", "Joined": "2025-03-01 00:00:00", "Count": "3"},
                               {"Name": "Bob", "Joined": "", "Count": "2"}]


@pytest.mark.parametrize(("data", "name", "msgid"), [
    (b"", "x.csv", "The file is empty."),
    (b"\r\n\r\n", "x.csv", "The file is empty."),
    (b"not a workbook", "x.xlsx", "The file could not be read as an Excel workbook (.xlsx)."),
    (b"\xd0\xcf\x11\xe0", "old.xls",
     "Save the file as .xlsx or .csv: the old .xls format cannot be read."),
])
def test_unreadable_files_are_explained(data, name, msgid):
    with pytest.raises(InvalidInput) as error:
        read_table(data, name)
    assert error.value.msgid == msgid
    assert translate(msgid, "cy") != msgid  # the reason can be given in Welsh


def test_the_size_and_row_caps():
    with pytest.raises(InvalidInput) as error:
        read_table(b"x" * (2 * 1024 * 1024 + 1), "x.csv", FileRules(max_bytes=2 * 1024 * 1024))
    assert (error.value.msgid, error.value.params) == ("The file is larger than {n} MB.",
                                                       {"n": 2})
    rules = FileRules(max_rows=2)
    assert len(read_table(b"H\n1\n2\n\n\n", "x.csv", rules).rows) == 2
    with pytest.raises(InvalidInput) as error:
        read_table(b"H\n1\n2\n3\n", "x.csv", rules)
    assert error.value.params == {"n": 2}
    with pytest.raises(InvalidInput):
        read_table(workbook(["H"], [1], [2], [3]), "x.xlsx", rules)


def test_a_mapping_is_suggested_from_english_or_welsh_headings():
    headings = {"name": ("name", "full name", "enw"), "email": ("email", "e-bost"),
                "attended": ("checked in", "attendee status"),
                "answer": ("dod i'r amlwg",)}
    headers = ["  E-BOST ", "Enw", "Attendee Status", "Checked In", "Dod i’r  amlwg", "Other"]
    assert suggest_mapping(headers, headings) == {
        "name": "Enw", "email": "  E-BOST ",
        "attended": "Checked In",  # the heading listed first wins, wherever it is in the file
        "answer": "Dod i’r  amlwg"}
    # A heading serves one field only.
    assert suggest_mapping(["Name"], {"a": ("name",), "b": ("name",)}) == {"a": "Name"}
    assert suggest_mapping(["Who"], headings) == {}
    assert loose("  Dod i’r   AMLWG ") == "dod i'r amlwg"


def test_rows_are_read_through_the_mapping():
    table = Table(["Name", "Email"], [["Ann", " ann@example.org "], [], ["Bob"]])
    rows = list(mapped_rows(table, {"name": "Name", "email": "Email", "job": ""}))
    assert [(r.number, r.text("name"), r.text("email"), r.value("job")) for r in rows] == [
        (2, "Ann", "ann@example.org", None), (4, "Bob", "", None)]
    assert isinstance(rows[0], MappedRow)
    with pytest.raises(InvalidInput) as error:
        list(mapped_rows(table, {"name": "Nom"}))
    assert error.value.params == {"heading": "Nom"}
    with pytest.raises(InvalidInput) as error:
        require_columns({"name": "Name", "email": ""}, ("name", "email", "consent"))
    assert (error.value.msgid, error.value.params) == ("Choose a column for: {fields}.",
                                                       {"fields": "email, consent"})


def test_a_rejected_row_has_every_problem_and_nothing_is_written_while_one_remains():
    rejected = Rejected(3, (Problem("Row {row}: the name is missing.", {"row": 3}),
                            Problem("No email address.")))
    assert [p.english() for p in rejected.problems] == ["Row 3: the name is missing.",
                                                        "No email address."]
    preview = Preview(rows=("a", "b"), rejected=(rejected,), to_add=1, to_update=1)
    assert (preview.accepted, preview.ok) == (2, False)
    with pytest.raises(InvalidInput) as error:
        require_ok(preview)
    assert error.value.msgid.startswith("Nothing was imported") and error.value.params["n"] == 1
    with pytest.raises(InvalidInput) as error:
        require_ok(preview, rejected="{n} rows were rejected (rows {rows}), so nothing was "
                                     "imported.")
    assert str(error.value) == "1 rows were rejected (rows 3), so nothing was imported."
    with pytest.raises(InvalidInput) as error:
        require_ok(Preview())
    assert error.value.msgid == "The file has no rows to import."
    require_ok(Preview(rows=("a",)))  # all good: nothing raised
    assert Preview(rows=("a",)).ok
