"""Sessions: when each was last used (for the idle timeout) and how it was signed in to

Every session is ended here: until now the token sat in a cookie the browser's scripts could
read; from now on only an HttpOnly cookie set by the backend carries it, so everyone signs in
once more. The table is then empty, so the new columns can be NOT NULL without a default.

Revision ID: s5e1a7c93b2d
Revises: i4c81e0b7a2d5
Create Date: 2026-12-02 07:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 's5e1a7c93b2d'
down_revision: Union[str, Sequence[str], None] = 'i4c81e0b7a2d5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("DELETE FROM usersession")
    with op.batch_alter_table('usersession', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=False))
        batch_op.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('usersession', schema=None) as batch_op:
        batch_op.drop_column('method')
        batch_op.drop_column('last_seen_at')
