"""SQLModel tables: the schema Alembic migrates (docs/design.md "Persistence").

Table classes do not validate on construction (docs/design.md); the database does,
through CHECK, UNIQUE and FOREIGN KEY constraints. The CHECKs (vocabularies, bounds,
non-empty text) are generated from the column spec (:mod:`planning.columns`); the
columns themselves are written out for SQLModel and kept equal to the spec by
``tests/test_column_spec.py``. Every editable table carries ``version``, raised by
one on each write.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from planning import columns

__all__ = [
    "AuditLog",
    "Cadre",
    "CadreRecord",
    "CadreReserve",
    "CadreScore",
    "Curriculum",
    "DataGeneration",
    "Decision",
    "District",
    "MentorLink",
    "PayPolicy",
    "Scenario",
    "School",
    "StaffingStandard",
    "Teacher",
    "Wish",
]


# The one constraint migration 0001 named otherwise than the rule below.
_NAMED = {("curriculum", "periods_per_class"): "periods_nonneg"}


def _checks(table: columns.Table) -> tuple[CheckConstraint, ...]:
    """The CHECK constraints the spec asks of ``table``: a closed vocabulary
    (``<col>_vocab``), non-empty text (``<col>_nonempty``), bounds (``<col>_range``
    for ``BETWEEN``, ``<col>_nonneg`` for ``>= 0``, ``<col>_pos`` for ``> 0``)."""
    out = []
    for c in table.columns:
        if c.vocab and c.closed:
            allowed = ", ".join(f"'{v}'" for v in c.codes)
            out.append(CheckConstraint(f"{c.column} IN ({allowed})", name=f"{c.column}_vocab"))
        if c.nonempty:
            out.append(CheckConstraint(f"{c.column} <> ''", name=f"{c.column}_nonempty"))
        if c.ge is not None and c.le is not None:
            rule, suffix = f"BETWEEN {c.ge:g} AND {c.le:g}", "range"
        elif c.ge is not None:
            rule, suffix = f">= {c.ge:g}", "nonneg" if c.ge == 0 else "min"
        elif c.gt is not None:
            rule, suffix = f"> {c.gt:g}", "pos" if c.gt == 0 else "min"
        else:
            continue
        name = _NAMED.get((table.stored, c.name), f"{c.column}_{suffix}")
        out.append(CheckConstraint(f"{c.column} {rule}", name=name))
    return tuple(out)


class District(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=16)
    name: str = Field(max_length=64)
    lat: float
    lon: float
    version: int = Field(default=1)


class School(SQLModel, table=True):
    __table_args__ = _checks(columns.SCHOOLS)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=128)
    district_id: int = Field(foreign_key="district.id", index=True, ondelete="RESTRICT")
    location: str = Field(max_length=8)
    is_weak: bool = False
    lat: float = 0.0
    lon: float = 0.0
    students_primary: int = 0
    students_junior: int = 0
    students_senior: int = 0
    classes_primary: int = 0
    classes_junior: int = 0
    classes_senior: int = 0
    version: int = Field(default=1)


# A host school (支教) only for a teacher on exchange, and never their own school.
HOST_SCHOOL_RULE = (
    "host_school_id IS NULL OR (status = 'exchange_out' AND host_school_id <> school_id)"
)


class Teacher(SQLModel, table=True):
    __table_args__ = (
        *_checks(columns.TEACHERS),
        CheckConstraint(HOST_SCHOOL_RULE, name="host_school_row"),
    )

    id: int | None = Field(default=None, primary_key=True)
    staff_no: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=64)
    gender: str = Field(max_length=1)
    birth_year: int
    school_id: int = Field(foreign_key="school.id", index=True, ondelete="RESTRICT")
    section: str = Field(default="primary", max_length=8)
    subject: str = Field(max_length=32)
    title: str = Field(max_length=16)
    degree: str = Field(default="bachelor", max_length=16)
    post_grade: int
    school_since: int
    backbone: str = Field(default="none", max_length=16)
    special_grade: bool = False
    head_teacher: bool = False
    weekly_periods: int = 0
    assessment: str = Field(default="pass", max_length=16)
    status: str = Field(default="active", max_length=16)
    host_school_id: int | None = Field(
        default=None, foreign_key="school.id", index=True, ondelete="RESTRICT"
    )
    version: int = Field(default=1)


class StaffingStandard(SQLModel, table=True):
    """One row of a named staffing standard set (``2001``, ``2014``, custom copies)."""

    __tablename__ = "staffing_standard"
    __table_args__ = (
        UniqueConstraint("name", "level", "location", name="standard_set_row"),
        *_checks(columns.STANDARDS),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    level: str = Field(max_length=8)
    location: str = Field(max_length=8)
    students_per_staff: float
    version: int = Field(default=1)


class Curriculum(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("level", "subject", name="curriculum_level_subject"),
        *_checks(columns.CURRICULUM),
    )

    id: int | None = Field(default=None, primary_key=True)
    level: str = Field(max_length=8)
    subject: str = Field(max_length=32)
    periods_per_class: float
    teacher_load: float
    version: int = Field(default=1)


class PayPolicy(SQLModel, table=True):
    """A named pay policy; ``params`` is the JSON of ``planning.pay.PayPolicy``."""

    __tablename__ = "pay_policy"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    params: str = Field(sa_column=Column(Text, nullable=False))
    version: int = Field(default=1)


class Scenario(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'baseline', 'approved')", name="scenario_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=128)
    params: str = Field(sa_column=Column(Text, nullable=False))
    author: str = Field(max_length=64)
    status: str = Field(default="draft", max_length=16)
    data_date: datetime | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    version: int = Field(default=1)


class Decision(SQLModel, table=True):
    """Why a scenario was approved: the decision as written in the minutes, the meeting
    that took it, who approved it and on which day (issue 16, "Decisions recorded").
    Written in the approval's transaction; a scenario is approved once."""

    __table_args__ = (
        CheckConstraint("text <> ''", name="decision_text_nonempty"),
        CheckConstraint("meeting <> ''", name="decision_meeting_nonempty"),
        CheckConstraint("approver <> ''", name="decision_approver_nonempty"),
    )

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", unique=True, ondelete="RESTRICT")
    text: str = Field(sa_column=Column(Text, nullable=False))
    meeting: str = Field(max_length=128)
    approver: str = Field(max_length=64)
    decided_on: date
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class AuditLog(SQLModel, table=True):
    """Who changed what and when; written in the same transaction as the change."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=lambda: datetime.now(UTC), index=True)
    actor: str = Field(max_length=64)
    table_name: str = Field(max_length=32, index=True)
    key: str = Field(max_length=64)
    action: str = Field(max_length=16)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class DataGeneration(SQLModel, table=True):
    """One row: how many times the database was restored. Part of the loaders' stamp,
    so a server never mistakes restored data (with reused audit ids) for what it cached."""

    __tablename__ = "data_generation"

    id: int = Field(default=1, primary_key=True)
    generation: int = Field(default=1)


# Cadres (干部队伍, issue 17): the column spec's cadres, cadre_records, cadre_reserves
# and cadre_scores.


class Cadre(SQLModel, table=True):
    __table_args__ = _checks(columns.CADRES)

    id: int | None = Field(default=None, primary_key=True)
    cadre_no: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=64)
    gender: str = Field(max_length=1)
    birth_year: int
    school_id: int = Field(foreign_key="school.id", index=True, ondelete="RESTRICT")
    position: str = Field(max_length=16)
    appointed_year: int
    term: int = 1
    pretraining_hours: float = 0.0
    version: int = Field(default=1)


class CadreRecord(SQLModel, table=True):
    """One growth-file entry (成长档案): training, lecture, report, secondment, award."""

    __tablename__ = "cadre_record"
    __table_args__ = (
        UniqueConstraint("cadre_id", "year", "kind", "detail", name="cadre_record_row"),
        *_checks(columns.CADRE_RECORDS),
    )

    id: int | None = Field(default=None, primary_key=True)
    cadre_id: int = Field(foreign_key="cadre.id", index=True, ondelete="RESTRICT")
    year: int
    kind: str = Field(max_length=16)
    detail: str = Field(max_length=128)
    hours: float = 0.0
    version: int = Field(default=1)


class CadreReserve(SQLModel, table=True):
    """One entry of the reserve pool (后备干部库)."""

    __tablename__ = "cadre_reserve"
    __table_args__ = (
        UniqueConstraint("cadre_id", "target_position", name="cadre_reserve_row"),
        *_checks(columns.CADRE_RESERVES),
    )

    id: int | None = Field(default=None, primary_key=True)
    cadre_id: int = Field(foreign_key="cadre.id", index=True, ondelete="RESTRICT")
    target_position: str = Field(max_length=16)
    district_id: int = Field(foreign_key="district.id", index=True, ondelete="RESTRICT")
    entered_year: int
    status: str = Field(default="pool", max_length=16)
    version: int = Field(default=1)


class CadreScore(SQLModel, table=True):
    """A leader's annual assessment scores by component (0–100 each)."""

    __tablename__ = "cadre_score"
    __table_args__ = (
        UniqueConstraint("cadre_id", "year", name="cadre_score_row"),
        *_checks(columns.CADRE_SCORES),
    )

    id: int | None = Field(default=None, primary_key=True)
    cadre_id: int = Field(foreign_key="cadre.id", index=True, ondelete="RESTRICT")
    year: int
    results: float
    satisfaction: float
    review: float
    version: int = Field(default=1)


# Teachers' wishes (志愿, issue 12): the column spec's wishes. A teacher ranks a school
# once and gives each rank once; wishes go with their teacher or school.


class Wish(SQLModel, table=True):
    """One of a teacher's wishes: a receiving school and its rank (1 = first choice)."""

    __table_args__ = (
        UniqueConstraint("teacher_id", "rank", name="wish_rank_row"),
        UniqueConstraint("teacher_id", "school_id", name="wish_school_row"),
        *_checks(columns.WISHES),
    )

    id: int | None = Field(default=None, primary_key=True)
    teacher_id: int = Field(foreign_key="teacher.id", index=True, ondelete="CASCADE")
    rank: int
    school_id: int = Field(foreign_key="school.id", index=True, ondelete="CASCADE")
    version: int = Field(default=1)


# Mentoring links (带教结对, issue 18): the column spec's mentor_links. A link goes with
# its teacher or school, as wishes do.


class MentorLink(SQLModel, table=True):
    """A mentor (a teacher) paired with a weak school in one subject, from
    ``started_year``; ``ended_year`` is 0 while the link runs (``status`` active)."""

    __tablename__ = "mentor_link"
    __table_args__ = (
        UniqueConstraint("teacher_id", "school_id", "subject", "started_year",
                         name="mentor_link_row"),
        *_checks(columns.MENTOR_LINKS),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    teacher_id: int = Field(foreign_key="teacher.id", index=True, ondelete="CASCADE")
    school_id: int = Field(foreign_key="school.id", index=True, ondelete="CASCADE")
    subject: str = Field(max_length=32)
    started_year: int
    ended_year: int = 0
    status: str = Field(default="active", max_length=16)
    note: str = Field(default="", max_length=256)
    version: int = Field(default=1)
