"""Calendar feeds: the bytes of an iCalendar file or a published feed (http, https, webcal)."""

from __future__ import annotations

import httpx

from dashboard.errors import MessageError

TIMEOUT = httpx.Timeout(20.0, connect=5.0)
MAX_BYTES = 20 * 1024 * 1024


class FetchFailed(MessageError):
    """A source could not be read; the message says why, in words a person can act on."""


def read_calendar(path_or_url: str) -> bytes:
    """The bytes of a local file or a feed URL, at most MAX_BYTES + 1 (the importer refuses
    anything larger); FetchFailed when it cannot be read."""
    if path_or_url.startswith(("http://", "https://", "webcal://")):
        url = path_or_url
        if url.startswith("webcal://"):
            url = "https://" + url[len("webcal://"):]
        try:
            response = httpx.get(url, timeout=TIMEOUT, follow_redirects=True)
        except httpx.HTTPError as error:
            raise FetchFailed("The calendar at {url} could not be fetched: {reason}",
                              url=url, reason=str(error) or type(error).__name__) from error
        if response.status_code != 200:
            raise FetchFailed("The calendar at {url} answered with HTTP {status}.",
                              url=url, status=response.status_code)
        return response.content[:MAX_BYTES + 1]
    try:
        with open(path_or_url, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FetchFailed("The file {path} could not be read: {reason}",
                          path=path_or_url, reason=error.strerror or str(error)) from error
