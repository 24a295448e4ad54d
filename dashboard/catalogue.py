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
                 "NotFound", "N_", "MessageError", "FetchFailed")
}


def ui_msgids() -> set[str]:
    from dashboard.dashboard import PAGES

    for spec in PAGES:
        spec.component()
    return set(USED_MSGIDS) | {spec.title for spec in PAGES}


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


def catalogue_path(lang: str, name: str = "messages") -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{name}.po"


def _read(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, project="Cymuned")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def update_catalogue(lang: str = "cy", name: str = "messages") -> tuple[int, list[str]]:
    """Add msgids found in no catalogue file to ``<name>.po``; returns (number added, msgids
    still untranslated in any file)."""
    files = {path: _read(path, lang) for path in catalogue_path(lang).parent.glob("*.po")}
    target_path = catalogue_path(lang, name)
    target = files.get(target_path) or _read(target_path, lang)
    known = {message.id for catalogue in files.values() for message in catalogue if message.id}
    wanted = all_msgids()
    new = sorted(wanted - known)
    for msgid in new:
        target.add(msgid, "")
    target_path.parent.mkdir(parents=True, exist_ok=True)
    with target_path.open("wb") as handle:
        write_po(handle, target, width=100, sort_output=True)
    translated = {
        message.id
        for catalogue in [*files.values(), target]
        for message in catalogue
        if message.id and message.string and not message.fuzzy
    }
    return len(new), sorted(wanted - translated)
