"""Migration d20b4fa11d6f: attendance runs recorded with the uploaded file's name (shown on
the public sources page) keep their counts and lose the name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlmodel import Session, select

from dashboard.models import DataSource, SyncRun
from tests import factories as f

MIGRATION = next((Path(__file__).parents[2] / "alembic" / "versions").glob(
    "d20b4fa11d6f_*.py"))


def run_upgrade(engine) -> None:
    spec = importlib.util.spec_from_file_location("attendance_runs", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        module.upgrade()


def test_old_attendance_runs_lose_the_file_name_and_keep_their_counts(db):
    with Session(db) as session:
        attendance = DataSource(name="Attendance imports", kind="registrations")
        other = DataSource(name="Calendar import", kind="ics")
        session.add_all([attendance, other])
        session.flush()
        now = f.utc(2026, 6, 1, 9)
        for source, message in (
                (attendance, "Rhian Hughes: attendees.xlsx: 2 added, 0 updated, 1 unchanged "
                             "(1 members, 2 not members)"),
                (attendance, "Event 4: 1 added, 0 updated, 0 unchanged (0 members, 1 not "
                             "members)"),
                (attendance, "Siôn.csv: something else"),
                (other, "calendar.ics: 3 added")):
            session.add(SyncRun(source_id=source.id, started_at=now, status="succeeded",
                                message=message))
        session.commit()
    run_upgrade(db)
    with Session(db) as session:
        messages = list(session.exec(select(SyncRun.message).order_by(SyncRun.id)).all())
    assert messages == [
        "Attendance import: 2 added, 0 updated, 1 unchanged (1 members, 2 not members)",
        "Event 4: 1 added, 0 updated, 0 unchanged (0 members, 1 not members)",
        "Attendance import",
        "calendar.ics: 3 added",  # not an upload of personal data: left as it was
    ]
