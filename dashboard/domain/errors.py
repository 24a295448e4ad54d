"""Errors the domain raises for a person to read.

Each carries an English msgid and its parameters, so the state can show it in the user's
language (``dashboard.i18n.translate``) and the CLI can print it in English.
"""

from __future__ import annotations

from dashboard.errors import MessageError


class DomainError(MessageError):
    """Something the domain refused; nothing was changed."""


class PermissionDenied(DomainError):
    """The user's role does not allow this change."""


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    """A form or a file had something wrong with it; nothing was changed."""


def parse_id(raw: object, msgid: str) -> int:
    """An id that came from the browser (a URL part, a clicked row), as a positive int; a
    NotFound with ``msgid`` ("There is no event with that number.") when it is not one."""
    text = str(raw).strip()
    if not text.isdigit() or int(text) == 0:
        raise NotFound(msgid)
    return int(text)
