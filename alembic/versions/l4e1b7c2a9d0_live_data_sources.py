"""Live data: data sources with schedules, encrypted secrets and conditional-fetch
validators; sync runs with rejected counts, Welsh messages and the runner's fence; the
runner's lease.

Revision ID: l4e1b7c2a9d0
Revises: s4e7a1c9b2d3
Create Date: 2026-12-02 07:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'l4e1b7c2a9d0'
down_revision: Union[str, Sequence[str], None] = 's4e7a1c9b2d3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'runnerlease',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('fence', sa.Integer(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('name'),
    )
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        # Sources made before this run only by hand until someone gives them a schedule.
        batch_op.add_column(sa.Column('schedule_minutes', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('settings', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('secret', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('etag', sqlmodel.sql.sqltypes.AutoString(length=300),
                                      nullable=True))
        batch_op.add_column(sa.Column('last_modified',
                                      sqlmodel.sql.sqltypes.AutoString(length=100),
                                      nullable=True))
        batch_op.add_column(sa.Column('failures', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('next_run_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_success_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.create_index(batch_op.f('ix_datasource_next_run_at'), ['next_run_at'],
                              unique=False)
    with op.batch_alter_table('syncrun', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rejected', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('message_cy', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('fence', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('syncrun', schema=None) as batch_op:
        batch_op.drop_column('fence')
        batch_op.drop_column('message_cy')
        batch_op.drop_column('rejected')
    with op.batch_alter_table('datasource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_datasource_next_run_at'))
        for column in ('version', 'last_success_at', 'next_run_at', 'failures',
                       'last_modified', 'etag', 'secret', 'settings', 'schedule_minutes'):
            batch_op.drop_column(column)
    op.drop_table('runnerlease')
