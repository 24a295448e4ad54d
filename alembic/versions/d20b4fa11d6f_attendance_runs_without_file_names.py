"""Attendance import runs without the uploaded file's name

The sources page, open to everyone, shows each data source's last run. An attendance
import's run said "<file name>: 2 added, ...", and a file's name is often a person's or
names who attended. New runs say "Event <id>: ..."; this migration rewrites the runs
already recorded as "Attendance import: <the counts>" (the audit log, which only the
steering group reads, keeps the file's name). Data only: no table changes.

Revision ID: d20b4fa11d6f
Revises: d4e7a1c93b52
Create Date: 2026-12-02 07:40:00

"""
import re
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'd20b4fa11d6f'
down_revision: Union[str, Sequence[str], None] = 'd4e7a1c93b52'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The summary an attendance run ends with (AttendanceResult.summary at the time).
SUMMARY = re.compile(
    r"(\d+ added, \d+ updated, \d+ unchanged \(\d+ members, \d+ not members\))$")


def upgrade() -> None:
    bind = op.get_bind()
    source = sa.table("datasource", sa.column("id"), sa.column("name"))
    run = sa.table("syncrun", sa.column("id"), sa.column("source_id"), sa.column("message"))
    ids = [row[0] for row in bind.execute(
        sa.select(source.c.id).where(source.c.name == "Attendance imports"))]
    if not ids:
        return
    for run_id, message in bind.execute(
            sa.select(run.c.id, run.c.message).where(run.c.source_id.in_(ids))).all():
        if not message or message.startswith(("Event ", "Attendance import: ")):
            continue
        found = SUMMARY.search(message)
        cleaned = f"Attendance import: {found.group(1)}" if found else "Attendance import"
        bind.execute(run.update().where(run.c.id == run_id).values(message=cleaned))


def downgrade() -> None:
    """The file names are gone: nothing to restore."""
