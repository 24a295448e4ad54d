"""A spreadsheet at a web address (a SharePoint or OneDrive download link, a Power Automate
export): the file's bytes, conditionally, and whether it is CSV or XLSX."""

from __future__ import annotations

from urllib.parse import urlsplit

from dashboard.connectors.fetch import Fetched, fetch_ok

MAX_BYTES = 10 * 1024 * 1024  # the imports' own limit (dashboard/domain/importing.py)


def fetch_spreadsheet(url: str, etag: str | None = None,
                      last_modified: str | None = None) -> Fetched:
    """An expired or sign-in-only link answers with a web page: a failure that says so."""
    return fetch_ok(url, etag=etag, last_modified=last_modified, max_bytes=MAX_BYTES)


def file_name(url: str, body: bytes, content_type: str = "") -> str:
    """A name whose extension tells the importers how to read the bytes: XLSX files are ZIP
    archives (they start with "PK"); anything else is read as CSV."""
    if body[:2] == b"PK" or "spreadsheetml" in content_type:
        return "source.xlsx"
    path = urlsplit(url).path.lower()
    return "source.tsv" if path.endswith(".tsv") else "source.csv"
