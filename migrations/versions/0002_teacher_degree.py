"""teacher degree (最高学历)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing teachers are taken to hold a bachelor's degree until someone says otherwise.
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('degree', sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=False, server_default='bachelor'))
        batch_op.create_check_constraint(
            'degree_vocab', "degree IN ('postgraduate', 'bachelor', 'associate', 'secondary')"
        )
    # The models keep no server default (new rows name their degree, or take the spec's).
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.alter_column('degree', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_constraint('degree_vocab', type_='check')
        batch_op.drop_column('degree')
