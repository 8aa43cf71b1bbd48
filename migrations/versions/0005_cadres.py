"""cadres (干部队伍): leaders, growth-file entries, reserve pool, assessment scores

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cadre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cadre_no', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('gender', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('position', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('appointed_year', sa.Integer(), nullable=False),
    sa.Column('term', sa.Integer(), nullable=False),
    sa.Column('pretraining_hours', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("gender IN ('F', 'M')", name='gender_vocab'),
    sa.CheckConstraint("position IN ('secretary', 'principal', 'deputy_secretary', 'vice_principal', 'middle')", name='position_vocab'),
    sa.CheckConstraint('pretraining_hours >= 0', name='pretraining_hours_nonneg'),
    sa.CheckConstraint('term >= 1', name='term_min'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cadre_no')
    )
    with op.batch_alter_table('cadre', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadre_school_id'), ['school_id'], unique=False)

    op.create_table('cadre_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cadre_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("detail <> ''", name='detail_nonempty'),
    sa.CheckConstraint("kind IN ('training', 'lecture', 'report', 'secondment', 'award')", name='kind_vocab'),
    sa.CheckConstraint('hours >= 0', name='hours_nonneg'),
    sa.ForeignKeyConstraint(['cadre_id'], ['cadre.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cadre_id', 'year', 'kind', 'detail', name='cadre_record_row')
    )
    with op.batch_alter_table('cadre_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadre_record_cadre_id'), ['cadre_id'], unique=False)

    op.create_table('cadre_reserve',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cadre_id', sa.Integer(), nullable=False),
    sa.Column('target_position', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('entered_year', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('pool', 'review', 'appointed', 'left')", name='status_vocab'),
    sa.CheckConstraint("target_position IN ('secretary', 'principal', 'deputy_secretary', 'vice_principal', 'middle')", name='target_position_vocab'),
    sa.ForeignKeyConstraint(['cadre_id'], ['cadre.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cadre_id', 'target_position', name='cadre_reserve_row')
    )
    with op.batch_alter_table('cadre_reserve', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadre_reserve_cadre_id'), ['cadre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cadre_reserve_district_id'), ['district_id'], unique=False)

    op.create_table('cadre_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cadre_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('results', sa.Float(), nullable=False),
    sa.Column('satisfaction', sa.Float(), nullable=False),
    sa.Column('review', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('results BETWEEN 0 AND 100', name='results_range'),
    sa.CheckConstraint('review BETWEEN 0 AND 100', name='review_range'),
    sa.CheckConstraint('satisfaction BETWEEN 0 AND 100', name='satisfaction_range'),
    sa.ForeignKeyConstraint(['cadre_id'], ['cadre.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cadre_id', 'year', name='cadre_score_row')
    )
    with op.batch_alter_table('cadre_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadre_score_cadre_id'), ['cadre_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cadre_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadre_score_cadre_id'))

    op.drop_table('cadre_score')
    with op.batch_alter_table('cadre_reserve', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadre_reserve_district_id'))
        batch_op.drop_index(batch_op.f('ix_cadre_reserve_cadre_id'))

    op.drop_table('cadre_reserve')
    with op.batch_alter_table('cadre_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadre_record_cadre_id'))

    op.drop_table('cadre_record')
    with op.batch_alter_table('cadre', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadre_school_id'))

    op.drop_table('cadre')
