"""Translations: English source strings, Welsh from a gettext catalogue read with Babel.

Every string a user sees is an English msgid wrapped in ``t(...)`` (components) or
``translate(...)`` (server messages). ``dashboard/locales/cy/LC_MESSAGES/*.po`` hold the
Welsh (messages.po for the shell and shared strings, one file per feature beside it).
``dashboard.catalogue`` finds every msgid (``cymuned i18n update``), and a test fails if any
lacks a Welsh translation. Welsh terms follow TermCymru where it has one.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("en", "cy")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"

log = logging.getLogger(__name__)

# Every msgid the UI asked for while the pages were built: the catalogue update and the
# completeness test read it, so strings passed through variables are not missed.
USED_MSGIDS: set[str] = set()


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> translation for one language ({} for English, the source language)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    merged: dict[str, str] = {}
    # messages.po holds the shell and shared strings; each feature may keep its own file.
    for path in sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=lang)
        merged.update(
            (message.id, message.string)
            for message in po
            if message.id and message.string and not message.fuzzy
        )
    return merged


def translate(msgid: str, lang: str, **params: object) -> str:
    """The msgid in ``lang``, with ``{name}`` placeholders filled from params."""
    USED_MSGIDS.add(msgid)
    text = msgid
    if lang != DEFAULT_LANGUAGE:
        text = catalogue(lang).get(msgid)
        if text is None:
            log.warning("No %s translation for %r", lang, msgid)
            text = msgid
    return text.format(**params) if params else text


def pick_language(params: dict[str, object], lang: str) -> dict[str, object]:
    """Domain messages may carry a name in both languages as {"en": ..., "cy": ...}: the one
    for ``lang``."""
    return {key: (value.get(lang, value.get("en")) if isinstance(value, dict) else value)
            for key, value in params.items()}


def in_both(msgid: str, **params: object) -> dict[str, str]:
    """The message in every language ({"en": ..., "cy": ...}), for text that stays on screen
    while the user may switch language (the switch works in the browser)."""
    return {lang: translate(msgid, lang, **pick_language(params, lang)) for lang in LANGUAGES}
