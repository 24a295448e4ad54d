"""The one way Cymuned fetches a URL: every connector and `cymuned import events URL` use it.

- http and https only (webcal is https); never a local file, never another scheme.
- Private, loopback, link-local and reserved addresses are refused (a source's URL is typed by
  a person and must not reach the machine's own services), unless ``CYMUNED_ALLOW_PRIVATE_URLS``
  is set (the tests set it, to serve sources from 127.0.0.1). Redirects are followed by hand so
  every hop is checked the same way.
- Timeouts always; the body is streamed and refused past a size cap (checked against
  Content-Length first, then while reading).
- Conditional requests: give the ETag and Last-Modified of the last good fetch and a 304
  comes back as ``Fetched.not_modified``.
- 429 and 503 are retried with exponential backoff (tenacity), honouring ``Retry-After`` up to
  ``max_wait`` seconds; network errors are retried too. A longer wait asked for is a failure
  that says so: the scheduler tries again at the next run.
- A web page (HTML) where a file was expected, e.g. an expired SharePoint sign-in page, is a
  failure that says so, not a parse error later.

Messages name the host only: a source's path and query may hold a secret (Outlook's and
Google's "secret address" links, API keys), so they never appear in a message or a log.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import cache
from urllib.parse import urljoin, urlsplit

import httpx
import tenacity

from dashboard.errors import MessageError

ALLOW_PRIVATE_ENV = "CYMUNED_ALLOW_PRIVATE_URLS"
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = (429, 503)
USER_AGENT = "Cymuned/0.1 (+https://github.com/cymuned)"

# httpx logs every request's full URL at INFO: a secret address or an API key in a query
# would reach the logs. Cymuned's own messages name the host only.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)


class FetchFailed(MessageError):
    """A source could not be read; the message says why, in words a person can act on."""


class _Retry(Exception):
    """A 429/503 or a network error worth another attempt."""

    def __init__(self, failure: FetchFailed, retry_after: float | None = None) -> None:
        super().__init__(str(failure))
        self.failure = failure
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 when a conditional request found nothing new
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    first_wait: float = 1.0  # seconds; doubled each time
    max_wait: float = 30.0  # a longer Retry-After is a failure, not a wait


def host_of(url: str) -> str:
    """The part of a URL that may be shown: its host (a path or query may be a secret)."""
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def mask_url(url: str | None) -> str:
    """A URL as it may be shown or logged: scheme and host, the rest hidden."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "…"
    if not parts.scheme or not parts.hostname:
        return "…"
    port = f":{parts.port}" if parts.port else ""
    rest = "/…" if (parts.path not in ("", "/") or parts.query) else ""
    return f"{parts.scheme}://{parts.hostname}{port}{rest}"


def private_urls_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").lower() in ("1", "true", "yes")


def normalise_url(url: str) -> str:
    """http(s) only; webcal:// is https. Anything else (file:, ftp:, a path) is refused."""
    url = (url or "").strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://"):]
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise FetchFailed("This is not a web address Cymuned can read.") from error
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchFailed("Only web addresses starting with http:// or https:// can be read.")
    return url


def check_address(url: str) -> None:
    """Refuse a host that resolves to a private, loopback or otherwise internal address."""
    if private_urls_allowed():
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed("The address {host} could not be found.", host=host) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            raise FetchFailed("The address {host} is on a private network; Cymuned only reads "
                              "public addresses.", host=host)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def looks_like_html(content_type: str, body: bytes) -> bool:
    if "html" in content_type.lower():
        return True
    start = body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _read_capped(response: httpx.Response, host: str, max_bytes: int) -> bytes:
    length = response.headers.get("content-length", "")
    limit_mb = max(1, max_bytes // (1024 * 1024))
    if length.isdigit() and int(length) > max_bytes:
        raise FetchFailed("The source at {host} sent more than {mb} MB; nothing was read.",
                          host=host, mb=limit_mb)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed("The source at {host} sent more than {mb} MB; nothing was read.",
                              host=host, mb=limit_mb)
        chunks.append(chunk)
    return b"".join(chunks)


def _once(client: httpx.Client, url: str, headers: dict[str, str], params: dict | None,
          max_bytes: int, expect_html: bool) -> Fetched:
    host = host_of(url)
    for _hop in range(MAX_REDIRECTS + 1):
        check_address(url)
        try:
            with client.stream("GET", url, headers=headers, params=params) as response:
                if response.has_redirect_location:
                    location = response.headers.get("location", "")
                    url = normalise_url(urljoin(url, location))
                    params = None  # the new location carries its own query
                    continue
                status = response.status_code
                if status in RETRY_STATUSES:
                    wait = _retry_after(response.headers.get("retry-after"))
                    raise _Retry(FetchFailed(
                        "The source at {host} is busy (HTTP {status}); it will be tried again "
                        "at the next run.", host=host, status=status), wait)
                if status == 304:
                    return Fetched(304, b"", response.headers.get("etag"),
                                   response.headers.get("last-modified"), "")
                if status >= 400:
                    body = _read_capped(response, host, 64 * 1024)
                    return Fetched(status, body, None, None,
                                   response.headers.get("content-type", ""))
                body = _read_capped(response, host, max_bytes)
                content_type = response.headers.get("content-type", "")
                if not expect_html and looks_like_html(content_type, body):
                    raise FetchFailed(
                        "The source at {host} answered with a web page where a file was "
                        "expected: usually a sign-in page, because the shared link has expired "
                        "or needs signing in. Make a new download link and save it on the "
                        "source.", host=host)
                return Fetched(status, body, response.headers.get("etag"),
                               response.headers.get("last-modified"), content_type)
        except httpx.TimeoutException as error:
            raise _Retry(FetchFailed("The source at {host} did not answer in time.",
                                     host=host)) from error
        except httpx.HTTPError as error:
            raise _Retry(FetchFailed("The source at {host} could not be reached ({reason}).",
                                     host=host, reason=type(error).__name__)) from error
    raise FetchFailed("The source at {host} redirected too many times.", host=host)


@cache
def _certificates():
    """The trusted certificates, read once a process: reading them was most of what a new
    client cost (some 60 ms, for every fetch)."""
    return httpx.create_ssl_context()


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None,
          params: dict | None = None, headers: dict[str, str] | None = None,
          max_bytes: int = MAX_BYTES, expect_html: bool = False,
          retry: RetryPolicy = RetryPolicy(), client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` safely (see the module's docstring). An answer of 4xx/5xx other than
    429/503 is returned, not raised, so a connector can read an API's error body; use
    ``fetch_ok`` when any such answer is simply a failure."""
    url = normalise_url(url)
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    if etag:
        sent["If-None-Match"] = etag
    if last_modified:
        sent["If-Modified-Since"] = last_modified

    def wait(state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = getattr(error, "retry_after", None)
        if asked is not None:
            if asked > retry.max_wait:
                raise error.failure  # type: ignore[union-attr]
            return asked
        return min(retry.max_wait, retry.first_wait * 2 ** (state.attempt_number - 1))

    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False,
                                    verify=_certificates())
    try:
        for attempt in tenacity.Retrying(
                stop=tenacity.stop_after_attempt(max(1, retry.attempts)), wait=wait,
                retry=tenacity.retry_if_exception_type(_Retry), reraise=True):
            with attempt:
                return _once(client, url, sent, params, max_bytes, expect_html)
    except _Retry as error:
        raise error.failure from error
    finally:
        if own:
            client.close()
    raise AssertionError("unreachable")  # tenacity either returns or raises


def fetch_ok(url: str, **options) -> Fetched:
    """``fetch``, with any answer other than 200 (or 304) a failure that names the status."""
    result = fetch(url, **options)
    if result.status not in (200, 304):
        raise FetchFailed("The source at {host} answered with HTTP {status}.",
                          host=host_of(url), status=result.status)
    return result
