"""The steering group's workspace: actions with RAG, start date, notes and ways of working;
a decisions log (references, supersession, review dates); meetings with agendas, minutes
in both languages, attendance and published minutes

Revision ID: s4e7a1c9b2d3
Revises: s5e1a7c93b2d
Create Date: 2026-12-02 07:10:00

The member table is not altered (its search triggers stay). The decision table is rebuilt
on SQLite (batch mode) so its meeting becomes optional; existing decisions get references
DEC-001... in order and the date of their meeting.
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 's4e7a1c9b2d3'
down_revision: Union[str, Sequence[str], None] = 's5e1a7c93b2d'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

String = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.add_column('steeringaction', sa.Column('starts_on', sa.Date(), nullable=True))
    op.add_column('steeringaction', sa.Column('rag', String(length=10), nullable=True))
    op.add_column('steeringaction', sa.Column('rag_reason', sa.Text(), nullable=True))
    op.add_column('steeringaction', sa.Column('agenda_item_id', sa.Integer(), nullable=True))
    # steeringaction.version comes from d4e7a1c93b52 (a version on every editable record).
    op.create_index(op.f('ix_steeringaction_agenda_item_id'), 'steeringaction',
                    ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_steeringaction_rag'), 'steeringaction', ['rag'], unique=False)

    op.add_column('steeringmeeting', sa.Column('title_cy', String(length=200), nullable=True))
    op.add_column('steeringmeeting', sa.Column('place', String(length=300), nullable=True))
    op.add_column('steeringmeeting', sa.Column('online_url', String(length=500), nullable=True))
    op.add_column('steeringmeeting', sa.Column('minutes_published', sa.Boolean(),
                                               server_default='0', nullable=False))
    op.add_column('steeringmeeting', sa.Column('version', sa.Integer(), server_default='1',
                                               nullable=False))

    with op.batch_alter_table('decision') as batch:
        batch.add_column(sa.Column('reference', String(length=20), nullable=True))
        batch.add_column(sa.Column('decided_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('text_cy', sa.Text(), nullable=True))
        batch.add_column(sa.Column('rationale', sa.Text(), nullable=True))
        batch.add_column(sa.Column('rationale_cy', sa.Text(), nullable=True))
        batch.add_column(sa.Column('options', sa.Text(), nullable=True))
        batch.add_column(sa.Column('options_cy', sa.Text(), nullable=True))
        batch.add_column(sa.Column('decided_by', String(length=300), nullable=True))
        batch.add_column(sa.Column('review_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('status', String(length=20), server_default='active',
                                   nullable=False))
        batch.add_column(sa.Column('superseded_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('agenda_item_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch.alter_column('meeting_id', existing_type=sa.Integer(), nullable=True)
        batch.create_index(batch.f('ix_decision_agenda_item_id'), ['agenda_item_id'],
                           unique=False)
        batch.create_index(batch.f('ix_decision_decided_on'), ['decided_on'], unique=False)
        batch.create_index(batch.f('ix_decision_review_on'), ['review_on'], unique=False)
        batch.create_index(batch.f('ix_decision_status'), ['status'], unique=False)
        batch.create_unique_constraint('uq_decision_reference', ['reference'])
        batch.create_foreign_key('fk_decision_superseded_by', 'decision',
                                 ['superseded_by_id'], ['id'])
    # Existing decisions: references in the order they were made, dated by their meeting.
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        'SELECT decision.id, steeringmeeting.held_on FROM decision '
        'LEFT JOIN steeringmeeting ON steeringmeeting.id = decision.meeting_id '
        'ORDER BY decision.id')).all()
    for number, (decision_id, held_on) in enumerate(rows, start=1):
        bind.execute(sa.text('UPDATE decision SET reference = :ref, decided_on = :on '
                             'WHERE id = :id'),
                     {'ref': f'DEC-{number:03d}', 'on': held_on, 'id': decision_id})

    op.create_table(
        'actionwaylink',
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('way_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['steeringaction.id']),
        sa.ForeignKeyConstraint(['way_id'], ['wayofworking.id']),
        sa.PrimaryKeyConstraint('action_id', 'way_id'),
    )
    op.create_table(
        'actionnote',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('author', String(length=320), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['steeringaction.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_actionnote_action_id'), 'actionnote', ['action_id'], unique=False)
    op.create_table(
        'decisionactionlink',
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['steeringaction.id']),
        sa.ForeignKeyConstraint(['decision_id'], ['decision.id']),
        sa.PrimaryKeyConstraint('decision_id', 'action_id'),
    )
    op.create_table(
        'decisionobjectivelink',
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('objective_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['decision_id'], ['decision.id']),
        sa.ForeignKeyConstraint(['objective_id'], ['objective.id']),
        sa.PrimaryKeyConstraint('decision_id', 'objective_id'),
    )
    op.create_table(
        'meetingattendance',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('apologies', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['steeringmeeting.id']),
        sa.ForeignKeyConstraint(['member_id'], ['member.id']),
        sa.PrimaryKeyConstraint('meeting_id', 'member_id'),
    )
    op.create_table(
        'agendaitem',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', String(length=300), nullable=False),
        sa.Column('title_cy', String(length=300), nullable=True),
        sa.Column('minutes_allowed', sa.Integer(), nullable=False),
        sa.Column('source', String(length=20), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=True),
        sa.Column('decision_id', sa.Integer(), nullable=True),
        sa.Column('carried_from_id', sa.Integer(), nullable=True),
        sa.Column('minutes', sa.Text(), nullable=True),
        sa.Column('minutes_cy', sa.Text(), nullable=True),
        sa.Column('outcome', String(length=20), nullable=False),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['steeringaction.id']),
        sa.ForeignKeyConstraint(['carried_from_id'], ['agendaitem.id']),
        sa.ForeignKeyConstraint(['decision_id'], ['decision.id']),
        sa.ForeignKeyConstraint(['meeting_id'], ['steeringmeeting.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_agendaitem_meeting_id'), 'agendaitem', ['meeting_id'],
                    unique=False)
    # The agenda proposal looks for carried-over items not yet carried into a meeting.
    op.create_index(op.f('ix_agendaitem_carried_from_id'), 'agendaitem', ['carried_from_id'],
                    unique=False)
    op.create_index(op.f('ix_agendaitem_outcome'), 'agendaitem', ['outcome'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_agendaitem_outcome'), table_name='agendaitem')
    op.drop_index(op.f('ix_agendaitem_carried_from_id'), table_name='agendaitem')
    op.drop_index(op.f('ix_agendaitem_meeting_id'), table_name='agendaitem')
    op.drop_table('agendaitem')
    op.drop_table('meetingattendance')
    op.drop_table('decisionobjectivelink')
    op.drop_table('decisionactionlink')
    op.drop_index(op.f('ix_actionnote_action_id'), table_name='actionnote')
    op.drop_table('actionnote')
    op.drop_table('actionwaylink')
    with op.batch_alter_table('decision') as batch:
        batch.drop_constraint('fk_decision_superseded_by', type_='foreignkey')
        batch.drop_constraint('uq_decision_reference', type_='unique')
        for name in ('status', 'review_on', 'decided_on', 'agenda_item_id'):
            batch.drop_index(f'ix_decision_{name}')
        for name in ('version', 'agenda_item_id', 'superseded_by_id', 'status', 'review_on',
                     'decided_by', 'options_cy', 'options', 'rationale_cy', 'rationale',
                     'text_cy', 'decided_on', 'reference'):
            batch.drop_column(name)
        batch.alter_column('meeting_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('steeringmeeting') as batch:
        for name in ('version', 'minutes_published', 'online_url', 'place', 'title_cy'):
            batch.drop_column(name)
    op.drop_index(op.f('ix_steeringaction_rag'), table_name='steeringaction')
    op.drop_index(op.f('ix_steeringaction_agenda_item_id'), table_name='steeringaction')
    with op.batch_alter_table('steeringaction') as batch:
        for name in ('agenda_item_id', 'rag_reason', 'rag', 'starts_on'):
            batch.drop_column(name)
