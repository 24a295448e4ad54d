"""Calendar feeds: the bytes of an iCalendar file or a published feed (http, https, webcal)."""

from __future__ import annotations

from dashboard.connectors.fetch import MAX_BYTES, Fetched, FetchFailed, fetch_ok

__all__ = ["MAX_BYTES", "FetchFailed", "fetch_calendar", "read_calendar"]


def fetch_calendar(url: str, etag: str | None = None,
                   last_modified: str | None = None) -> Fetched:
    """A published feed, conditionally: ``not_modified`` when it has not changed since the
    fetch that gave ``etag`` / ``last_modified``."""
    return fetch_ok(url, etag=etag, last_modified=last_modified, max_bytes=MAX_BYTES)


def read_calendar(path_or_url: str) -> bytes:
    """The bytes of a local file (the command line's own argument) or a feed at a web address;
    FetchFailed when it cannot be read. Anything with a scheme goes through the safe fetch,
    so ``file://`` and other schemes are refused, never read from disk."""
    if "://" in path_or_url:
        return fetch_calendar(path_or_url).body
    try:
        with open(path_or_url, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FetchFailed("The file {path} could not be read: {reason}",
                          path=path_or_url, reason=error.strerror or str(error)) from error
