"""Single-use links to set a password: invitations after joining, and password resets

A new table only; no existing table is altered (the member table and its search triggers
are untouched).

Revision ID: i4c81e0b7a2d5
Revises: d20b4fa11d6f
Create Date: 2026-12-02 07:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'i4c81e0b7a2d5'
down_revision: Union[str, Sequence[str], None] = 'd20b4fa11d6f'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'accountlink',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('created_by_user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    with op.batch_alter_table('accountlink', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accountlink_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accountlink_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('accountlink', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accountlink_user_id'))
        batch_op.drop_index(batch_op.f('ix_accountlink_member_id'))
    op.drop_table('accountlink')
