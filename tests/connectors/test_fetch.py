"""The safe fetch every connector uses, against a server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import httpx
import pytest

from dashboard.connectors.calendar import read_calendar
from dashboard.connectors.fetch import (
    FetchFailed,
    RetryPolicy,
    fetch,
    fetch_ok,
    mask_url,
)
from tests.local_source import Answer, LocalSource

FAST = RetryPolicy(attempts=3, first_wait=0.01, max_wait=5)


@pytest.fixture
def source():
    server = LocalSource().start()
    yield server
    server.stop()


def test_a_conditional_request_gets_304_as_not_modified(source):
    url = source.serve("/feed.ics", Answer(b"BEGIN:VCALENDAR", etag='"v1"',
                                           headers={"Last-Modified": "Tue, 01 Dec 2026 "
                                                                     "10:00:00 GMT"}))
    first = fetch_ok(url)
    assert first.body == b"BEGIN:VCALENDAR" and first.etag == '"v1"'
    assert first.last_modified == "Tue, 01 Dec 2026 10:00:00 GMT"
    again = fetch_ok(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    sent = source.requests[-1][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_429_with_retry_after_is_honoured_then_succeeds(source):
    url = source.serve("/busy", Answer(b"slow down", 429, {"Retry-After": "0"}),
                       Answer(b"data"))
    assert fetch_ok(url, retry=FAST).body == b"data"
    assert len(source.requests) == 2


def test_a_retry_after_longer_than_allowed_fails_at_once(source):
    url = source.serve("/busy", Answer(b"", 503, {"Retry-After": "3600"}), Answer(b"data"))
    with pytest.raises(FetchFailed) as raised:
        fetch_ok(url, retry=FAST)
    assert "busy (HTTP 503)" in str(raised.value)
    assert len(source.requests) == 1


def test_500_is_a_failure_naming_the_status_not_the_path(source):
    url = source.serve("/secret-token-abc/calendar.ics", Answer(b"oops", 500))
    with pytest.raises(FetchFailed) as raised:
        fetch_ok(url, retry=FAST)
    assert "HTTP 500" in str(raised.value)
    assert "secret-token-abc" not in str(raised.value)


def test_an_html_sign_in_page_where_a_file_was_expected(source):
    page = b"<!DOCTYPE html><html><title>Sign in to your account</title></html>"
    url = source.serve("/members.xlsx", Answer(page, headers={"Content-Type": "text/html"}))
    with pytest.raises(FetchFailed) as raised:
        fetch_ok(url)
    assert raised.value.msgid.startswith("The source at {host} answered with a web page")


def test_a_body_over_the_cap_is_refused_while_streaming(source):
    url = source.serve("/huge", Answer(huge=100 * 1024 * 1024))
    with pytest.raises(FetchFailed) as raised:
        fetch_ok(url, max_bytes=1024 * 1024)
    assert "more than 1 MB" in str(raised.value)
    declared = source.serve("/declared", Answer(b"x" * 2048))
    with pytest.raises(FetchFailed):
        fetch_ok(declared, max_bytes=1024)


def test_a_source_that_never_answers_times_out(source):
    url = source.serve("/stall", Answer(stall=True))
    client = httpx.Client(timeout=httpx.Timeout(0.3))
    with pytest.raises(FetchFailed) as raised:
        fetch_ok(url, retry=RetryPolicy(attempts=1), client=client)
    assert "did not answer in time" in str(raised.value)


def test_private_and_loopback_addresses_are_refused_unless_allowed(source, monkeypatch):
    url = source.serve("/feed.ics", Answer(b"BEGIN:VCALENDAR"))
    monkeypatch.delenv("CYMUNED_ALLOW_PRIVATE_URLS")
    for address in (url, "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                    "http://[::1]/x", "http://localhost/x"):
        with pytest.raises(FetchFailed) as raised:
            fetch(address)
        assert "private network" in str(raised.value)
    assert source.requests == []
    monkeypatch.setenv("CYMUNED_ALLOW_PRIVATE_URLS", "1")
    assert fetch_ok(url).body == b"BEGIN:VCALENDAR"


def test_a_redirect_to_a_private_address_is_refused(source, monkeypatch):
    url = source.serve("/moved", Answer(b"", 302, {"Location": "http://127.0.0.1:9/x"}))
    # The first hop is allowed by the test's own address check, the second is not.
    import dashboard.connectors.fetch as module

    checked = []
    real = module.check_address

    def only_first(target):
        checked.append(target)
        if len(checked) > 1:
            monkeypatch.delenv("CYMUNED_ALLOW_PRIVATE_URLS", raising=False)
        real(target)

    monkeypatch.setattr(module, "check_address", only_first)
    with pytest.raises(FetchFailed) as raised:
        fetch(url)
    assert "private network" in str(raised.value) and len(checked) == 2


def test_only_http_and_https_never_local_files(tmp_path):
    secret = tmp_path / "secret.ics"
    secret.write_bytes(b"BEGIN:VCALENDAR")
    for address in (f"file://{secret}", "ftp://example.org/x.ics", "gopher://x"):
        with pytest.raises(FetchFailed) as raised:
            read_calendar(address)
        assert "http:// or https://" in str(raised.value)


def test_masked_urls_keep_only_scheme_and_host():
    assert mask_url("https://outlook.office365.com/owa/calendar/abc123/reachcalendar.ics") \
        == "https://outlook.office365.com/…"
    assert mask_url("https://example.org") == "https://example.org"
    assert mask_url("http://127.0.0.1:8000/x?key=secret") == "http://127.0.0.1:8000/…"
    assert mask_url(None) == ""


def test_no_url_reaches_the_logs(source, caplog):
    import logging

    url = source.serve("/secret-token-abc/feed.ics", Answer(b"BEGIN:VCALENDAR"))
    with caplog.at_level(logging.DEBUG):
        fetch_ok(url, params={"key": "api-key-123"})
    assert "secret-token-abc" not in caplog.text and "api-key-123" not in caplog.text
