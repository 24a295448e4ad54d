"""The database outside a Reflex event: the app's own engine and one transaction at a time.

Commands, connectors' sync runs and the scheduler use ``transaction()``; state handlers use
``rx.session()``. Both reach the same engine, configured by rxconfig.py / REFLEX_DB_URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session


def engine() -> Engine:
    # Reflex reads rxconfig.py and REFLEX_DB_URL itself; use the same engine as the app.
    from reflex.model import get_engine

    return get_engine()


@contextmanager
def transaction() -> Iterator[Session]:
    """One session in one transaction: committed on leaving, rolled back on an exception."""
    with Session(engine()) as session, session.begin():
        yield session
