"""Rows as they are edited: every column with ``id`` and ``version``, read with SQL;
teachers found anywhere in the city, the other tables' rows by county."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, Select, or_, select

from models.tables import School, Teacher
from models.writers import EDITABLE
from planning import columns

__all__ = ["TeacherSearch", "find_teachers", "table_rows"]


@dataclass(frozen=True)
class TeacherSearch:
    """Which teachers to edit, anywhere in the city. ``text`` matches a name, staff
    number or school name (any part); ``subjects_named`` are the subject codes whose
    label matches it (labels live in the UI's catalog). Each filter left empty allows
    everything."""

    text: str = ""
    subjects_named: tuple[str, ...] = ()
    districts: tuple[int, ...] = ()
    schools: tuple[int, ...] = ()
    subjects: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


def find_teachers(engine: Engine, search: TeacherSearch, *, limit: int = 2_000) -> pd.DataFrame:
    """The teachers ``search`` finds (all columns, by id), at most ``limit``."""
    t = Teacher.__table__.c  # type: ignore[attr-defined]
    s = School.__table__.c  # type: ignore[attr-defined]
    query = select(Teacher.__table__).join(School.__table__, s.id == t.school_id)  # type: ignore[attr-defined]
    text = search.text.strip()
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(t.name.like(like), t.staff_no.like(like), s.name.like(like),
                t.subject.in_(search.subjects_named))
        )  # fmt: skip
    for column, allowed in (
        (s.district_id, search.districts), (t.school_id, search.schools),
        (t.subject, search.subjects), (t.title, search.titles), (t.status, search.statuses),
    ):  # fmt: skip
        if allowed:
            query = query.where(column.in_(allowed))
    with engine.connect() as conn:
        return pd.read_sql(query.order_by(t.id).limit(limit), conn)


def table_rows(
    engine: Engine, table: str, *, where: dict[str, object] | None = None, limit: int = 5_000
) -> pd.DataFrame:
    """The rows of an editable table (all columns), optionally ``where`` column == value;
    ``district_id`` on a table without that column means the county its rows belong to
    (:func:`_in_district`)."""
    model = EDITABLE[table]
    cols = model.__table__.c  # type: ignore[attr-defined]
    query = select(model.__table__).order_by(cols.id).limit(limit)  # type: ignore[attr-defined]
    for column, value in (where or {}).items():
        if column == "district_id" and column not in cols:
            query = _in_district(query, table, value)
        else:
            query = query.where(cols[column] == value)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def _in_district(query: Select, table: str, district: object) -> Select:
    """``query`` of the stored ``table`` narrowed to the rows of one county, reached
    through the table's first reference, then that table's, until one names the county:
    a leader's record through the leader's school, a wish through the teacher's school."""
    spec, joined = columns.stored(table), EDITABLE[table].__table__  # type: ignore[attr-defined]
    while "district_id" not in spec.names:
        via = next(c for c in spec.file_columns if c.ref)
        target = columns.TABLES[str(via.ref)]
        model = EDITABLE[target.stored].__table__  # type: ignore[attr-defined]
        query = query.join(model, model.c.id == joined.c[via.column])
        spec, joined = target, model
    return query.where(joined.c[spec["district_id"].column] == district)
