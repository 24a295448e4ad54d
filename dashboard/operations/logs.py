"""Logs for operators: one JSON object per line (``CYMUNED_LOG_FORMAT=json``, the default of
``make serve``), each with the request id or the Reflex event id it belongs to, and never an
email address or a secret.

- **Request ids**: ``request_ids`` (ASGI middleware around the whole backend) takes the
  proxy's ``X-Request-ID`` when it is well formed, or makes one, and answers with it, so a
  line in the proxy's log finds its lines here.
- **Event ids**: Reflex's own event context carries a transaction id per event; log lines
  written while an event is handled carry it as ``event_id``.
- **Redaction**: whatever a library logs, email addresses and the values of secret-looking
  URL parameters (``key``, ``token``, ``secret``, ...) are masked before a line is written.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import uuid
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: ContextVar[str | None] = ContextVar("cymuned_request_id", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_SECRET_PARAM = re.compile(
    r"(?i)\b((?:api[_-]?)?key|token|secret|password|passwd|signature|sig|code)=([^&\s\"']+)")
MASK = "[redacted]"


def redact(text: str) -> str:
    text = _EMAIL.sub("[email]", text)
    return _SECRET_PARAM.sub(lambda m: f"{m.group(1)}={MASK}", text)


class ContextFilter(logging.Filter):
    """Adds request_id and event_id to every record, and masks personal data and secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        record.event_id = _event_id()
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _event_id() -> str | None:
    try:
        from reflex_base.event.context import EventContext

        return EventContext.get().txid
    except (LookupError, ImportError, AttributeError):
        return None


class _RedactingJsonFormatter(JsonFormatter):
    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return redact(super().formatException(ei))


def configure(fmt: str | None = None, level: str | None = None, stream=None) -> None:
    """Route every logger through one handler in the chosen format (text or json)."""
    fmt = (fmt or os.environ.get("CYMUNED_LOG_FORMAT", "text")).lower()
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        handler.setFormatter(_RedactingJsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}{event_id}", style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(event_id)s] %(message)s"))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_cymuned", False)]:
        root.removeHandler(old)
    handler._cymuned = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level or os.environ.get("CYMUNED_LOG_LEVEL", "INFO"))


def request_ids(app):
    """ASGI middleware: a request id for every HTTP request and websocket connection."""

    async def with_request_id(scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await app(scope, receive, send)
        given = dict(scope.get("headers") or ()).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            return await app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)

    return with_request_id
