"""The one shape of an error a person reads: an English msgid and its parameters.

The domain's errors (``dashboard.domain.errors``) and the connectors' (``FetchFailed``) both
build on it, so a state, an endpoint or the CLI can show either in the reader's language
(``dashboard.i18n.translate``) without knowing where it came from.
"""

from __future__ import annotations


class MessageError(Exception):
    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
