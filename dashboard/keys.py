"""The installation's secret key, and the keys derived from it for each purpose.

One secret (``CYMUNED_SECRET_KEY``) protects what must not be readable from a copy of the
database: keyed hashes of erased people's emails, pseudonymous attendance, and the secrets
of data sources (encrypted at rest). Each use gets its own key, derived with HMAC-SHA256 from
the secret and a purpose name, so a key for one use never unlocks another.

Production sets ``CYMUNED_SECRET_KEY`` (at least 32 characters, e.g. from
``python -c "import secrets; print(secrets.token_urlsafe(48))"``) and keeps it with the
database backups: without it, encrypted source secrets cannot be read back. When it is unset
(``make run`` on a laptop), a random key is made once and kept beside the SQLite database in
``data/secret.key``, readable by its owner only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

ENV_VAR = "CYMUNED_SECRET_KEY"
MIN_LENGTH = 32
KEY_FILE = Path("data") / "secret.key"


class SecretKeyMissing(RuntimeError):
    pass


@cache
def secret_key() -> bytes:
    """The installation's secret, from the environment or, failing that, the local key file."""
    value = os.environ.get(ENV_VAR, "")
    if value:
        if len(value) < MIN_LENGTH:
            raise SecretKeyMissing(f"{ENV_VAR} must be at least {MIN_LENGTH} characters long")
        return value.encode()
    return _local_key()


def _local_key() -> bytes:
    if KEY_FILE.exists():
        return KEY_FILE.read_bytes().strip()
    KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48).encode()
    # O_EXCL: two workers starting together must not each write a different key.
    try:
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return KEY_FILE.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def derived_key(purpose: str) -> bytes:
    """32 bytes for one purpose (e.g. "erasure", "attendance", "source-secrets")."""
    return hmac.new(secret_key(), purpose.encode(), hashlib.sha256).digest()


def keyed_hash(purpose: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256, hex) of ``value``: stable for one installation, and not
    reversible by guessing without the secret key, unlike a plain SHA-256 of an email."""
    return hmac.new(derived_key(purpose), value.encode(), hashlib.sha256).hexdigest()


def fernet_key(purpose: str) -> bytes:
    """A key in the form ``cryptography.fernet.Fernet`` takes, for encrypting at rest."""
    return base64.urlsafe_b64encode(derived_key(purpose))
