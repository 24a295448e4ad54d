"""Member directory search: a trigram text index (FTS5 on SQLite, pg_trgm on PostgreSQL)

Substring searches of the directory read every member without it. See
dashboard/search_index.py for how the app uses it. The DDL is spelled out here, not imported,
so this migration keeps doing what it did when the app changes.

Revision ID: 5e3a9c1d2b47
Revises: adc7cc0f7aa5
Create Date: 2026-11-26 18:20:00.000000

"""
import logging
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '5e3a9c1d2b47'
down_revision: Union[str, Sequence[str], None] = 'adc7cc0f7aa5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("alembic.runtime.migration")

COLUMNS = "full_name, job_title, organisation_other, email"
NEW = "new.full_name, new.job_title, new.organisation_other, new.email"
OLD = "old.full_name, old.job_title, old.organisation_other, old.email"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # FTS5's trigram tokenizer needs SQLite 3.34 (2020); an older build (some Python
        # builds link the system's) keeps working without the index, only slower.
        try:
            with bind.begin_nested():
                op.execute(f"CREATE VIRTUAL TABLE member_search USING fts5({COLUMNS}, "
                           "content='member', content_rowid='id', tokenize='trigram')")
        except sa.exc.OperationalError as error:
            log.warning("SQLite has no FTS5 trigram tokenizer, member search stays "
                        "unindexed: %s", str(error).splitlines()[0])
            return
        op.execute("CREATE TRIGGER member_search_insert AFTER INSERT ON member BEGIN "
                   f"INSERT INTO member_search(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END")
        op.execute("CREATE TRIGGER member_search_delete AFTER DELETE ON member BEGIN "
                   f"INSERT INTO member_search(member_search, rowid, {COLUMNS}) "
                   f"VALUES ('delete', old.id, {OLD}); END")
        op.execute(f"CREATE TRIGGER member_search_update AFTER UPDATE OF {COLUMNS} ON member "
                   f"BEGIN INSERT INTO member_search(member_search, rowid, {COLUMNS}) "
                   f"VALUES ('delete', old.id, {OLD}); "
                   f"INSERT INTO member_search(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END")
        op.execute("INSERT INTO member_search(member_search) VALUES ('rebuild')")
    elif bind.dialect.name == "postgresql":
        # pg_trgm ships with PostgreSQL and is a trusted extension (13+), so a database
        # owner may create it. Where it is not available, searching still works, unindexed.
        try:
            with bind.begin_nested():
                op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError as error:
            log.warning("pg_trgm not available, member search stays unindexed: %s",
                        str(error).splitlines()[0])
            return
        op.execute("CREATE INDEX ix_member_search_trgm ON member USING gin ("
                   + ", ".join(f"{c} gin_trgm_ops" for c in COLUMNS.split(", ")) + ")")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS member_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS member_search")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_member_search_trgm")
