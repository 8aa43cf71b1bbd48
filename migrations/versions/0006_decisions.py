"""decisions: why a scenario was approved (decision, meeting, approver, day)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('meeting', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('approver', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("text <> ''", name='decision_text_nonempty'),
    sa.CheckConstraint("meeting <> ''", name='decision_meeting_nonempty'),
    sa.CheckConstraint("approver <> ''", name='decision_approver_nonempty'),
    sa.ForeignKeyConstraint(['scenario_id'], ['scenario.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scenario_id')
    )


def downgrade() -> None:
    op.drop_table('decision')
