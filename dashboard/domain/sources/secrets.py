"""A data source's secrets (its URL when that is a "secret address", API keys, tokens):
encrypted at rest with Fernet under a key derived for this purpose from the installation's
secret (``dashboard.keys``), never sent to the browser, and masked in every message.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken

from dashboard.domain.errors import InvalidInput
from dashboard.keys import fernet_key

PURPOSE = "source-secrets"
MASK = "•••"


def _fernet() -> Fernet:
    return Fernet(fernet_key(PURPOSE))


def seal(secrets: dict[str, str]) -> str | None:
    """The secrets as one encrypted token (None when there are none)."""
    kept = {key: value for key, value in secrets.items() if value}
    if not kept:
        return None
    return _fernet().encrypt(json.dumps(kept, sort_keys=True).encode()).decode()


def unseal(token: str | None) -> dict[str, str]:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError) as error:
        raise InvalidInput("This source's secrets cannot be read with this installation's "
                           "secret key (CYMUNED_SECRET_KEY): enter them again.") from error


def mask(text: str, secrets: dict[str, str]) -> str:
    """``text`` with every secret (and every long enough part of a secret URL) hidden."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value and len(value) >= 4:
            text = text.replace(value, MASK)
            if "://" in value:
                rest = value.split("://", 1)[1]
                path = rest.split("/", 1)[1] if "/" in rest else ""
                if len(path) >= 4:
                    text = text.replace(path, MASK)
    return text
