"""Structured logs: one JSON object per line, with ids, and no personal data or secrets."""

from __future__ import annotations

import io
import json
import logging

import pytest

from dashboard.operations import logs


@pytest.fixture
def lines():
    stream = io.StringIO()
    logs.configure(fmt="json", level="INFO", stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for handler in [h for h in logging.getLogger().handlers if getattr(h, "_cymuned", False)]:
        logging.getLogger().removeHandler(handler)


def test_each_line_is_a_json_object_with_its_request_id(lines):
    token = logs.REQUEST_ID.set("req-42")
    try:
        logging.getLogger("dashboard.test").info("sync finished: %d added", 3)
    finally:
        logs.REQUEST_ID.reset(token)
    (line,) = lines()
    assert line["message"] == "sync finished: 3 added"
    assert line["level"] == "INFO" and line["logger"] == "dashboard.test"
    assert line["request_id"] == "req-42" and "time" in line and "event_id" in line


def test_emails_and_secret_parameters_never_reach_the_log(lines):
    log = logging.getLogger("dashboard.test")
    log.warning("sign-in failed for %s", "siân.jones@caerdydd.gov.wales")
    log.warning("fetch failed: https://calendar.example/feed.ics?key=abc123&token=s3cr3t&x=1")
    try:
        raise ValueError("bad row for someone@example.org")
    except ValueError:
        log.exception("import failed")
    text = json.dumps(lines())
    assert "caerdydd.gov.wales" not in text and "someone@example.org" not in text
    assert "abc123" not in text and "s3cr3t" not in text
    assert "key=[redacted]" in text and "x=1" in text


@pytest.mark.parametrize("given, expected", [
    ("a@b.org wrote", "[email] wrote"),
    ("?api_key=XYZ&q=ok", "?api_key=[redacted]&q=ok"),
    ("password=hunter2", "password=[redacted]"),
    ("nothing to hide", "nothing to hide"),
])
def test_redact(given, expected):
    assert logs.redact(given) == expected
