"""wishes (志愿): up to five ranked receiving schools per teacher

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('wish',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('rank BETWEEN 1 AND 5', name='rank_range'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('teacher_id', 'rank', name='wish_rank_row'),
    sa.UniqueConstraint('teacher_id', 'school_id', name='wish_school_row')
    )
    with op.batch_alter_table('wish', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wish_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wish_teacher_id'), ['teacher_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('wish', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wish_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_wish_school_id'))

    op.drop_table('wish')
