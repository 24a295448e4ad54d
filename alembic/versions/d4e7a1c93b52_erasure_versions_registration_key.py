"""Doors to close: complete erasure, a version on every editable record, one registration
per member and occurrence

- ``erasedperson``: tombstones of erased people (a keyed hash of the email), which the member
  import and the join form refuse. People erased before this change have none: their email
  was already blanked, so there is nothing to hash.
- ``version`` on member, event, assessment and steeringaction: a stale save is refused.
- A unique key on registration (event, member, occurrence). Duplicate rows that got in
  before it (two clicks, two tabs) are merged first: the oldest row is kept, attended if any
  of them was, registered if any was (else on the waiting list if any was).
- The audit log names actors by user id ("user:12"), not by email.
- Attendance rows keyed by an unsalted SHA-256 of an email lose that key: anyone can
  reverse it by hashing guessed addresses. It cannot be re-keyed with the installation's
  secret (dashboard.keys) without the email, which was never stored, so those rows become
  plain anonymous attendance (a member's rows stay theirs through member_id). Re-importing
  a file imported before this change adds its non-members again.
- SQLite: the member text index is optimised once, so fragments of names erased before
  this change are dropped from its segments.

Columns are added, never batch-altered: member is not rebuilt and its search triggers stay.

Revision ID: d4e7a1c93b52
Revises: 9d2c4b7e1f30
Create Date: 2026-12-02 07:20:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'd4e7a1c93b52'
down_revision: Union[str, Sequence[str], None] = '9d2c4b7e1f30'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VERSIONED = ("member", "event", "assessment", "steeringaction")
STATUS_RANK = {"registered": 0, "waitlisted": 1, "cancelled": 2}


def _merge_duplicate_registrations() -> None:
    bind = op.get_bind()
    registration = sa.table("registration", sa.column("id"), sa.column("event_id"),
                            sa.column("member_id"), sa.column("occurs_at"),
                            sa.column("status"), sa.column("attended"),
                            sa.column("source_key"))
    r = registration.c
    groups = bind.execute(
        sa.select(r.event_id, r.member_id, r.occurs_at)
        .where(r.member_id.is_not(None))
        .group_by(r.event_id, r.member_id, r.occurs_at)
        .having(sa.func.count() > 1)).all()
    for event_id, member_id, occurs_at in groups:
        same = r.occurs_at.is_(None) if occurs_at is None else r.occurs_at == occurs_at
        rows = bind.execute(
            sa.select(r.id, r.status, r.attended, r.source_key)
            .where(r.event_id == event_id, r.member_id == member_id, same)
            .order_by(r.id)).all()
        kept = rows[0]
        status = min((row.status for row in rows), key=lambda s: STATUS_RANK.get(s, 3))
        attended = any(row.attended for row in rows)
        key = next((row.source_key for row in rows if row.source_key), None)
        bind.execute(registration.delete().where(r.id.in_([row.id for row in rows[1:]])))
        bind.execute(registration.update().where(r.id == kept.id)
                     .values(status=status, attended=attended, source_key=key))


def upgrade() -> None:
    op.create_table(
        'erasedperson',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('erased_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email_hash'),
    )
    for table in VERSIONED:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False,
                                       server_default='1'))
    _merge_duplicate_registrations()
    op.create_index('uq_registration_member_once', 'registration', ['event_id', 'member_id'],
                    unique=True,
                    sqlite_where=sa.text("occurs_at IS NULL AND member_id IS NOT NULL"),
                    postgresql_where=sa.text("occurs_at IS NULL AND member_id IS NOT NULL"))
    op.create_index('uq_registration_member_occurrence', 'registration',
                    ['event_id', 'member_id', 'occurs_at'], unique=True)
    op.execute("UPDATE auditentry SET actor = 'user:' || CAST(actor_user_id AS VARCHAR) "
               "WHERE actor_user_id IS NOT NULL")
    op.execute("UPDATE registration SET source_key = NULL WHERE source_key IS NOT NULL")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.execute(sa.text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'member_search'")
    ).first():
        op.execute("INSERT INTO member_search(member_search) VALUES ('optimize')")


def downgrade() -> None:
    # The merged registrations, the old actor emails and the unsalted keys are not restored.
    op.drop_index('uq_registration_member_occurrence', table_name='registration')
    op.drop_index('uq_registration_member_once', table_name='registration')
    # A plain DROP COLUMN (SQLite 3.35+), not a batch rebuild of member.
    for table in reversed(VERSIONED):
        op.drop_column(table, 'version')
    op.drop_table('erasedperson')
