"""Member search and name order that ignore accents: folded copies of the searchable text,
the directory's name indexes on them, and the text index rebuilt over them

Bodies get a folded copy of their names too (organisation.folded_names, one a line), which
the directory's search compares instead of folding 2,000 names in Python for every search.

"Llyr" finds "Llŷr" and "siân" finds "Sian"; names sort with Ŵ among the Ws on both
databases. Neither SQLite's FTS5 trigram tokenizer (before SQLite 3.45) nor PostgreSQL
without the unaccent extension can fold accents in an index, so each member row carries
folded copies (lower case, accents removed) that the indexes are built on. The app keeps
them current (dashboard/search_index.py); this migration fills them for the rows there are.

Columns are added, never batch-altered: SQLite's member table is not rebuilt, and the
search triggers are dropped and created here explicitly. The folding and the DDL are spelled
out here, not imported, so this migration keeps doing what it did when the app changes.

Revision ID: 9d2c4b7e1f30
Revises: 7b3f1e2a9c44
Create Date: 2026-12-02 05:30:00

"""
import logging
import unicodedata
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '9d2c4b7e1f30'
down_revision: Union[str, Sequence[str], None] = '7b3f1e2a9c44'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("alembic.runtime.migration")

FOLDED = {"full_name": "folded_name", "job_title": "folded_job_title",
          "organisation_other": "folded_organisation_other"}
NAME_INDEXES = {"ix_member_status_folded_name": ["status", "folded_name"],
                "ix_member_org_status_folded_name": ["organisation_id", "status", "folded_name"]}
TRIGGERS = ("insert", "delete", "update")
# The text index's columns before and after this migration.
OLD_COLUMNS = "full_name, job_title, organisation_other, email"
NEW_COLUMNS = "folded_name, folded_job_title, folded_organisation_other, email"
CHUNK = 2000

_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                               "ħ": "h", "Ħ": "H", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe",
                               "Œ": "OE", "\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def fold(text):
    """Lower case, accents and diacritics removed (as dashboard.search_index.fold)."""
    if text is None:
        return None
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fill_folded_copies() -> None:
    bind = op.get_bind()
    member = sa.table("member", sa.column("id"), *[sa.column(c) for c in FOLDED],
                      *[sa.column(c) for c in FOLDED.values()])
    update = (sa.update(member).where(member.c.id == sa.bindparam("member_id"))
              .values({copy: sa.bindparam(f"new_{copy}") for copy in FOLDED.values()}))
    last = 0
    while True:
        rows = bind.execute(sa.select(member.c.id, *[member.c[c] for c in FOLDED])
                            .where(member.c.id > last).order_by(member.c.id)
                            .limit(CHUNK)).all()
        if not rows:
            return
        bind.execute(update, [{"member_id": row[0],
                               **{f"new_{copy}": fold(value)
                                  for copy, value in zip(FOLDED.values(), row[1:])}}
                              for row in rows])
        last = rows[-1][0]


def _fill_folded_names() -> None:
    bind = op.get_bind()
    organisation = sa.table("organisation", sa.column("id"), sa.column("name_en"),
                            sa.column("name_cy"), sa.column("other_names", sa.JSON()),
                            sa.column("folded_names"))
    rows = bind.execute(sa.select(organisation.c.id, organisation.c.name_en,
                                  organisation.c.name_cy, organisation.c.other_names)).all()
    if rows:
        bind.execute(sa.update(organisation).where(organisation.c.id == sa.bindparam("body"))
                     .values(folded_names=sa.bindparam("names")),
                     [{"body": row[0], "names": "\n".join(
                         fold(str(n)) for n in (row[1], row[2], *(row[3] or ())) if n)}
                      for row in rows])


def _sqlite_text_index(columns: str, watched: str) -> None:
    """The FTS5 external-content index over ``columns`` of member and its triggers; the
    update trigger fires when one of ``watched`` changes. Leaves it out (with a warning) on
    a SQLite without the trigram tokenizer (before 3.34)."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            op.execute(f"CREATE VIRTUAL TABLE member_search USING fts5({columns}, "
                       "content='member', content_rowid='id', tokenize='trigram')")
    except sa.exc.OperationalError as error:
        log.warning("SQLite has no FTS5 trigram tokenizer, member search stays "
                    "unindexed: %s", str(error).splitlines()[0])
        return
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    op.execute("CREATE TRIGGER member_search_insert AFTER INSERT ON member BEGIN "
               f"INSERT INTO member_search(rowid, {columns}) VALUES (new.id, {new}); END")
    op.execute("CREATE TRIGGER member_search_delete AFTER DELETE ON member BEGIN "
               f"INSERT INTO member_search(member_search, rowid, {columns}) "
               f"VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER member_search_update AFTER UPDATE OF {watched} ON member "
               f"BEGIN INSERT INTO member_search(member_search, rowid, {columns}) "
               f"VALUES ('delete', old.id, {old}); "
               f"INSERT INTO member_search(rowid, {columns}) VALUES (new.id, {new}); END")
    op.execute("INSERT INTO member_search(member_search) VALUES ('rebuild')")


def _drop_sqlite_text_index() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS member_search_{trigger}")
    op.execute("DROP TABLE IF EXISTS member_search")


def _postgres_text_index(columns: str) -> None:
    """pg_trgm's GIN index over ``columns`` (LIKE and ILIKE use it); skipped with a warning
    where the extension is not available, as migration 5e3a9c1d2b47 does."""
    try:
        with op.get_bind().begin_nested():
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm not available, member search stays unindexed: %s",
                    str(error).splitlines()[0])
        return
    op.execute("CREATE INDEX ix_member_search_trgm ON member USING gin ("
               + ", ".join(f"{c} gin_trgm_ops" for c in columns.split(", ")) + ")")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _drop_sqlite_text_index()  # rebuilt below over the folded columns
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_member_search_trgm")
    for copy in FOLDED.values():
        op.add_column("member", sa.Column(copy, sa.String(), nullable=True))
    _fill_folded_copies()
    op.add_column("organisation", sa.Column("folded_names", sa.String(), nullable=True))
    _fill_folded_names()
    for name, columns in NAME_INDEXES.items():
        op.create_index(name, "member", columns, unique=False)
    if dialect == "sqlite":
        _sqlite_text_index(NEW_COLUMNS, ", ".join(FOLDED.values()) + ", email")
    elif dialect == "postgresql":
        _postgres_text_index(NEW_COLUMNS)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _drop_sqlite_text_index()
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_member_search_trgm")
    for name in NAME_INDEXES:
        op.drop_index(name, table_name="member")
    op.drop_column("organisation", "folded_names")
    # A plain DROP COLUMN (SQLite 3.35+), not a batch rebuild of member.
    for copy in reversed(list(FOLDED.values())):
        op.drop_column("member", copy)
    if dialect == "sqlite":
        _sqlite_text_index(OLD_COLUMNS, OLD_COLUMNS)
    elif dialect == "postgresql":
        _postgres_text_index(OLD_COLUMNS)
