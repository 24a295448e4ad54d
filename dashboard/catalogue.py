"""Keeping the Welsh catalogue complete.

``ui_msgids()`` builds every page (as Reflex's compiler does) and collects the msgids that
``t()`` asked for; ``server_msgids()`` extracts, with Babel, the msgids of messages the server
sends (domain errors, notices). ``cymuned i18n update`` merges both into the catalogue.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dashboard.i18n import LOCALES_DIR, USED_MSGIDS

ROOT = Path(__file__).resolve().parent.parent
# Functions and exceptions whose first argument is a msgid.
SERVER_KEYWORDS = {
    name: None
    for name in ("translate", "_t", "_say", "DomainError", "InvalidInput", "PermissionDenied",
                 "NotFound", "N_")
}


def ui_msgids() -> set[str]:
    from dashboard.dashboard import PAGES

    for _route, component, _title, _load in PAGES:
        component()
    return set(USED_MSGIDS)


def server_msgids() -> set[str]:
    found: set[str] = set()
    for folder in ("dashboard", "state", "components"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords=SERVER_KEYWORDS, comment_tags=(), strip_comment_tags=True
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.add(msgid)
    return found


def all_msgids() -> set[str]:
    return ui_msgids() | server_msgids()


def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


def update_catalogue(lang: str = "cy") -> tuple[int, list[str]]:
    """Add new msgids to the catalogue (obsolete ones are kept, marked); returns
    (number added, msgids still untranslated)."""
    path = catalogue_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=lang)
    else:
        catalogue = Catalog(locale=lang, project="Cymuned")
    wanted = all_msgids()
    added = 0
    for msgid in sorted(wanted):
        if msgid not in catalogue:
            catalogue.add(msgid, "")
            added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True, omit_header=False)
    missing = sorted(m for m in wanted if not (catalogue.get(m) and catalogue.get(m).string))
    return added, missing
