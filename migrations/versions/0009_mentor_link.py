"""mentor_link (带教结对): mentoring links stored and tracked

Revision ID: 0009_mentor_link
Revises: 0008_host_school
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009_mentor_link'
down_revision: str | None = '0008_host_school'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mentor_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=32), nullable=False),
    sa.Column('started_year', sa.Integer(), nullable=False),
    sa.Column('ended_year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=256), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("subject <> ''", name='subject_nonempty'),
    sa.CheckConstraint('started_year >= 2000', name='started_year_min'),
    sa.CheckConstraint('ended_year >= 0', name='ended_year_nonneg'),
    sa.CheckConstraint("status IN ('active', 'ended')", name='status_vocab'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('teacher_id', 'school_id', 'subject', 'started_year',
                        name='mentor_link_row')
    )
    with op.batch_alter_table('mentor_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentor_link_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentor_link_teacher_id'), ['teacher_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mentor_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentor_link_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_mentor_link_school_id'))

    op.drop_table('mentor_link')
