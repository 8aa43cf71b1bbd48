"""teacher section (任教学段)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=8),
                                      nullable=False, server_default='primary'))
        batch_op.create_check_constraint(
            'section_vocab', "section IN ('primary', 'junior', 'senior')"
        )
    # A teacher of a school without primary pupils teaches its lowest section; a school
    # with several keeps 'primary' until someone says otherwise.
    op.execute(
        "UPDATE teacher SET section = CASE "
        "WHEN (SELECT students_primary FROM school WHERE school.id = teacher.school_id) > 0 "
        "THEN 'primary' "
        "WHEN (SELECT students_junior FROM school WHERE school.id = teacher.school_id) > 0 "
        "THEN 'junior' "
        "WHEN (SELECT students_senior FROM school WHERE school.id = teacher.school_id) > 0 "
        "THEN 'senior' ELSE 'primary' END"
    )
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.alter_column('section', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_constraint('section_vocab', type_='check')
        batch_op.drop_column('section')
