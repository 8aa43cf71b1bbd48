"""teacher host school (交流学校): where a teacher on exchange (支教) works

Revision ID: 0008_host_school
Revises: 0007
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008_host_school'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('host_school_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'teacher_host_school_id_fkey', 'school', ['host_school_id'], ['id'],
            ondelete='RESTRICT',
        )
        batch_op.create_index(
            batch_op.f('ix_teacher_host_school_id'), ['host_school_id'], unique=False
        )
        batch_op.create_check_constraint(
            'host_school_row',
            "host_school_id IS NULL OR (status = 'exchange_out' AND host_school_id <> school_id)",
        )


def downgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_constraint('host_school_row', type_='check')
        batch_op.drop_index(batch_op.f('ix_teacher_host_school_id'))
        batch_op.drop_constraint('teacher_host_school_id_fkey', type_='foreignkey')
        batch_op.drop_column('host_school_id')
