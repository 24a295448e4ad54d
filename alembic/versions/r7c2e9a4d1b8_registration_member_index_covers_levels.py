"""A member's registrations indexed with what their engagement level reads (attended, the
event), in place of the index on the member alone: the directory's rows count each member's
attendance from the index

Revision ID: r7c2e9a4d1b8
Revises: l4e1b7c2a9d0
Create Date: 2026-12-04 16:10:00.000000

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = 'r7c2e9a4d1b8'
down_revision: Union[str, Sequence[str], None] = 'l4e1b7c2a9d0'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_member_attended_event',
                              ['member_id', 'attended', 'event_id'], unique=False)
        batch_op.drop_index('ix_registration_member_id')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_member_id', ['member_id'], unique=False)
        batch_op.drop_index('ix_registration_member_attended_event')
