"""Content in both languages, the body registry's codes and other names, registration per
occurrence of a recurring event

Revision ID: 7b3f1e2a9c44
Revises: 5e3a9c1d2b47
Create Date: 2026-12-02 04:40:00

Only new nullable columns: no table is rebuilt (so member's search triggers are untouched).
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '7b3f1e2a9c44'
down_revision: Union[str, Sequence[str], None] = '5e3a9c1d2b47'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT_COLUMNS = {
    'event': [('title_cy', sa.String(length=300)), ('description_cy', sa.Text()),
              ('location_cy', sa.String(length=300))],
    'steeringaction': [('title_cy', sa.String(length=300)), ('description_cy', sa.Text())],
    'datasource': [('name_cy', sa.String(length=120))],
}


def upgrade() -> None:
    for table, columns in TEXT_COLUMNS.items():
        for name, type_ in columns:
            op.add_column(table, sa.Column(name, type_, nullable=True))
    op.add_column('organisation', sa.Column('gss_code', sa.String(length=9), nullable=True))
    op.add_column('organisation', sa.Column('other_names', sa.JSON(), nullable=True))
    op.create_index('ix_organisation_gss_code', 'organisation', ['gss_code'], unique=False)
    op.add_column('registration', sa.Column('occurs_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('registration') as batch:
        batch.drop_column('occurs_at')
    op.drop_index('ix_organisation_gss_code', table_name='organisation')
    with op.batch_alter_table('organisation') as batch:
        batch.drop_column('other_names')
        batch.drop_column('gss_code')
    for table, columns in TEXT_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, _ in reversed(columns):
                batch.drop_column(name)
