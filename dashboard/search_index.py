"""The member directory's text index: substring search without reading every member.

The directory searches names, job titles, the name of an 'other' body and (for the steering
group) emails for any substring. A ``LIKE '%data%'`` must read every row: about 40 ms at
100,000 members on SQLite, most of a page's budget. Both databases have a trigram index
that answers substring searches from an index instead:

- **SQLite**: an FTS5 table ``member_search`` with the ``trigram`` tokenizer, an
  "external content" index over the member table's own columns (no copy of the text). Triggers
  on ``member`` keep it current, whatever writes the row. Its MATCH folds case for every
  letter, Welsh ones (ŵ, ŷ) included.
- **PostgreSQL**: a GIN index with ``pg_trgm`` over the same columns, which ILIKE uses. If
  the extension cannot be created (a managed database without it), the migration skips the
  index and searches still work, only slower.

Both need at least three letters; shorter searches fall back to a plain comparison, as does
everything on a SQLite too old for FTS5's trigram tokenizer (before 3.34), where the
migration leaves the index out.

The migration that creates all this (``alembic/versions/*_member_search_index.py``) carries
its own DDL, as migrations should. This module holds what the running app needs: the names,
the query, and the filter that stops Alembic's autogenerate (``reflex db makemigrations``)
from proposing to drop objects it cannot see in the models.

Note for later migrations: Alembic's batch mode rebuilds a SQLite table by copying it, which
drops its triggers. A migration that batch-alters ``member`` must recreate the three
``member_search_*`` triggers (copy them from migration 5e3a9c1d2b47); the directory tests
fail if it does not.
"""

from __future__ import annotations

import sqlalchemy as sa

TABLE = "member_search"
PUBLIC_COLUMNS = ("full_name", "job_title", "organisation_other")  # email: steering only
MIN_LENGTH = 3  # a trigram index cannot answer shorter searches
POSTGRES_INDEX = "ix_member_search_trgm"

# FTS5 keeps its data in these tables beside the virtual one.
SQLITE_SHADOW_TABLES = frozenset({TABLE} | {f"{TABLE}_{s}" for s in
                                            ("data", "idx", "docsize", "config", "content")})


def fts_phrase(text: str, steering: bool) -> str:
    """An FTS5 query for ``text`` as one substring (a quoted phrase), limited to the columns
    the searcher may search."""
    phrase = '"' + text.replace('"', '""') + '"'
    if steering:
        return phrase
    return "{" + " ".join(PUBLIC_COLUMNS) + "} : " + phrase


def sqlite_index_exists(connection: sa.Connection) -> bool:
    """Whether the migration could create the FTS5 index on this SQLite (a catalogue
    lookup, a few microseconds)."""
    return connection.execute(sa.text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": TABLE}
    ).first() is not None


def sqlite_matches(text: str, steering: bool) -> sa.Select:
    """The ids of members whose own text contains ``text`` (at least MIN_LENGTH letters)."""
    index = sa.table(TABLE, sa.column("rowid"))
    return (sa.select(index.c.rowid)
            .where(sa.literal_column(TABLE).match(fts_phrase(text, steering))))


def _exclude_from_autogenerate() -> None:
    """Keep ``reflex db makemigrations`` (Alembic autogenerate) from proposing to drop the
    index: Reflex gives no include_object hook, so this uses Alembic's comparator registry,
    running last and removing the drops of these objects only."""
    try:
        from alembic.autogenerate import comparators
        from alembic.operations import ops
        from alembic.util import DispatchPriority
    except ImportError:  # Alembic older than 1.18, or not installed
        return

    def unseen(op) -> bool:
        if isinstance(op, ops.DropTableOp):
            return op.table_name in SQLITE_SHADOW_TABLES
        if isinstance(op, ops.DropIndexOp):
            return op.index_name == POSTGRES_INDEX
        return False

    def prune(container) -> None:
        kept = []
        for op in container.ops:
            if hasattr(op, "ops"):
                prune(op)
                if not op.ops:
                    continue
            if not unseen(op):
                kept.append(op)
        container.ops[:] = kept

    @comparators.dispatch_for("schema", priority=DispatchPriority.LAST)
    def _keep_search_index(autogen_context, upgrade_ops, schemas):
        prune(upgrade_ops)


_exclude_from_autogenerate()
