"""Links people follow: web addresses (http and https) only.

A link typed into the event editor, a profile or an assessment, or read from an imported
calendar, becomes an ``href`` on a public page. ``javascript:``, ``data:``, ``file:`` and
the like would run script or open local files in a visitor's browser, so only ``http``
and ``https`` with a host are accepted; a stored link that is not one is never shown.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_address(text: str | None) -> bool:
    """Whether ``text`` is one http or https address with a host (no spaces, no control
    characters, which browsers strip to hide another scheme)."""
    if not text:
        return False
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return False
    try:
        parts = urlsplit(text)
        return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
    except ValueError:
        return False


def shown_link(text: str | None) -> str:
    """A stored link as a page may use it: itself when it is a web address, else ""."""
    return text if is_web_address(text) else ""
