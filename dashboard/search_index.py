"""The member directory's text index: substring search without reading every member,
ignoring case and accents.

The directory searches names, job titles, the name of an 'other' body and (for the steering
group) emails for any substring. A ``LIKE '%data%'`` must read every row: about 40 ms at
100,000 members on SQLite, most of a page's budget. Both databases have a trigram index
that answers substring searches from an index instead.

Accents and Welsh diacritics do not count, either way: "Llyr" finds "Llŷr", "siân" finds
"Sian". Neither index can fold them itself everywhere (FTS5's trigram tokenizer only learnt
``remove_diacritics`` in SQLite 3.45; PostgreSQL's ``unaccent`` is an extension that managed
databases may not offer, and not immutable), so each member row carries a folded copy of
its searchable text, ``folded_*`` (``fold``: lower case, accents removed), and the indexes
are built on those. The copies are written with the row: the columns' insert default folds
the row's own values (so bulk inserts through SQLAlchemy Core fill them too) and assigning
``full_name``, ``job_title`` or ``organisation_other`` on a model refreshes them (see
dashboard/models.py). A writer that changes those columns with plain SQL must set the
copies as well. ``folded_name`` is also the directory's sort key for names, so names sort
the same way on both databases whatever their collation: Ŵ with W, not after Z.

- **SQLite**: an FTS5 table ``member_search`` with the ``trigram`` tokenizer, an
  "external content" index over the member table's folded columns and email (no further
  copy of the text). Triggers on ``member`` keep it current, whatever writes the row.
- **PostgreSQL**: a GIN index with ``pg_trgm`` over the same columns, which LIKE and ILIKE
  use. If the extension cannot be created (a managed database without it), the migration
  skips the index and searches still work, only slower.

Both need at least three letters; shorter searches fall back to a plain comparison of the
folded columns, as does everything on a SQLite too old for FTS5's trigram tokenizer (before
3.34), where the migration leaves the index out.

The migrations that create all this (``alembic/versions/*_member_search_index.py``, then
``*_folded_member_search.py``) carry their own DDL, as migrations should. This module holds
what the running app needs: ``fold``, the names, the query, and the filter that stops
Alembic's autogenerate (``reflex db makemigrations``) from proposing to drop objects it
cannot see in the models.

Note for later migrations: Alembic's batch mode rebuilds a SQLite table by copying it, which
drops its triggers. A migration that batch-alters ``member`` must recreate the three
``member_search_*`` triggers (copy them from migration 9d2c4b7e1f30); the directory tests
fail if it does not.
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa

TABLE = "member_search"
# Each searchable member column and the column holding its folded copy.
FOLDED = {"full_name": "folded_name", "job_title": "folded_job_title",
          "organisation_other": "folded_organisation_other"}
PUBLIC_COLUMNS = tuple(FOLDED.values())  # email (stored lower case) too: steering only
MIN_LENGTH = 3  # a trigram index cannot answer shorter searches
POSTGRES_INDEX = "ix_member_search_trgm"

# FTS5 keeps its data in these tables beside the virtual one.
SQLITE_SHADOW_TABLES = frozenset({TABLE} | {f"{TABLE}_{s}" for s in
                                            ("data", "idx", "docsize", "config", "content")})


# Letters with no decomposition in Unicode, and typographic apostrophes.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                               "ħ": "h", "Ħ": "H", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe",
                               "Œ": "OE", "\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def fold(text: str | None) -> str | None:
    """Text as it is searched and sorted: lower case, accents and diacritics removed
    ("Llŷr" -> "llyr", "Siân" -> "sian", "Ŵyn" -> "wyn")."""
    if text is None:
        return None
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_default(column: str):
    """A column default (SQLAlchemy calls it with the statement's context) that folds the
    row's own ``column``: inserts through SQLAlchemy Core fill the folded copies too."""
    def default(context) -> str | None:
        return fold(context.get_current_parameters().get(column))
    return default


def fold_names(name_en: str | None, name_cy: str | None, other_names: list | None) -> str:
    """A body's names folded, one a line: what the directory's search compares a body by
    (a search has no line break, so it never matches across two names)."""
    return "\n".join(fold(str(n)) for n in (name_en, name_cy, *(other_names or ())) if n)


def fold_names_default(context) -> str:
    """The insert default of ``Organisation.folded_names``, as ``fold_default``."""
    row = context.get_current_parameters()
    return fold_names(row.get("name_en"), row.get("name_cy"), row.get("other_names"))


def fts_phrase(text: str, steering: bool) -> str:
    """An FTS5 query for ``text`` (folded) as one substring (a quoted phrase), limited to
    the columns the searcher may search."""
    folded = fold(text) or ""
    phrase = '"' + folded.replace('"', '""') + '"'
    if steering:
        return phrase
    return "{" + " ".join(PUBLIC_COLUMNS) + "} : " + phrase


def sqlite_index_exists(connection: sa.Connection) -> bool:
    """Whether the migration could create the FTS5 index on this SQLite (a catalogue
    lookup, a few microseconds)."""
    return connection.execute(sa.text(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": TABLE}
    ).first() is not None


def sqlite_match_count(connection: sa.Connection, text: str, steering: bool) -> int:
    """How many members' own text contains ``text``, all statuses (the index's count alone:
    under a millisecond for 17,000 matches)."""
    index = sa.table(TABLE, sa.column("rowid"))
    return connection.execute(
        sa.select(sa.func.count()).select_from(index)
        .where(sa.literal_column(TABLE).match(fts_phrase(text, steering)))).scalar_one()


def sqlite_matches(text: str, steering: bool) -> sa.Select:
    """The ids of members whose own text contains ``text`` (at least MIN_LENGTH letters),
    accents aside."""
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
