"""Small frames in the docs/design.md contracts (the column spec) with readable defaults.

A test names only what matters to it: ``school(students_primary=190)``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planning.columns import (
    CADRE_RECORDS,
    CADRE_RESERVES,
    CADRE_SCORES,
    CADRES,
    CURRICULUM,
    MENTOR_LINKS,
    SCHOOLS,
    TABLES,
    TEACHERS,
    WISHES,
    Table,
)
from planning.contracts import coerce
from seed.reference import standards_frame

__all__ = [
    "cadre",
    "cadre_record",
    "cadre_reserve",
    "cadre_score",
    "cadres",
    "curriculum",
    "frame",
    "mentor_link",
    "school",
    "schools",
    "standard",
    "teacher",
    "teachers",
    "wish",
]


def _row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """A row in the spec's column order: ``values``, and the spec's defaults elsewhere."""
    return {c.name: values.get(c.name, c.default) for c in table.columns if c.name != table.key}


# Readable values for what the column spec requires (code, name and staff_no follow
# the id); its defaults fill the rest.
_SCHOOL = _row(SCHOOLS, {"district_id": 1, "location": "urban", "lat": 32.0, "lon": 120.9})
_TEACHER = _row(
    TEACHERS,
    {"name": "王芳", "gender": "F", "birth_year": 1985, "school_id": 1, "subject": "chinese",
     "title": "first", "post_grade": 9, "school_since": 2015, "weekly_periods": 12},
)  # fmt: skip


def school(school_id: int = 1, **values: Any) -> dict[str, Any]:
    row = {"school_id": school_id, **_SCHOOL, **values}
    row["code"] = row["code"] or f"S{school_id:04d}"
    row["name"] = row["name"] or f"学校{school_id}"
    return row


def schools(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows) or [school()])


def teacher(teacher_id: int = 1, **values: Any) -> dict[str, Any]:
    row = {"teacher_id": teacher_id, **_TEACHER, **values}
    row["staff_no"] = row["staff_no"] or f"T{teacher_id:06d}"
    return row


def teachers(*rows: dict[str, Any]) -> pd.DataFrame:
    """A teachers frame; ``teachers()`` is an empty frame with the contract's columns."""
    if not rows:
        return coerce(pd.DataFrame([teacher()]).iloc[0:0], "teachers")
    return pd.DataFrame(list(rows))


def standard(name: str = "2001") -> pd.DataFrame:
    frame = standards_frame()
    return frame[frame["name"] == name].drop(columns="name").reset_index(drop=True)


def curriculum(*rows: tuple[str, str, float, float]) -> pd.DataFrame:
    """Rows of (level, subject, periods_per_class, teacher_load)."""
    return pd.DataFrame(rows, columns=CURRICULUM.names)


# Cadres (干部队伍): a principal of school 1, and entries about cadre 1.
_CADRE = _row(
    CADRES,
    {"name": "张伟", "gender": "M", "birth_year": 1970, "school_id": 1,
     "position": "principal", "appointed_year": 2022},
)  # fmt: skip
_CADRE_RECORD = _row(CADRE_RECORDS, {"cadre_id": 1, "year": 2025, "kind": "training",
                                     "detail": "提高培训", "hours": 72.0})  # fmt: skip
_CADRE_RESERVE = _row(CADRE_RESERVES, {"cadre_id": 1, "target_position": "principal",
                                       "district_id": 1, "entered_year": 2024})  # fmt: skip
_CADRE_SCORE = _row(CADRE_SCORES, {"cadre_id": 1, "year": 2025, "results": 80.0,
                                   "satisfaction": 85.0, "review": 90.0})  # fmt: skip


def cadre(cadre_id: int = 1, **values: Any) -> dict[str, Any]:
    row = {"cadre_id": cadre_id, **_CADRE, **values}
    row["cadre_no"] = row["cadre_no"] or f"C{cadre_id:05d}"
    return row


def cadres(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows) or [cadre()])


def cadre_record(**values: Any) -> dict[str, Any]:
    return {**_CADRE_RECORD, **values}


def cadre_reserve(**values: Any) -> dict[str, Any]:
    return {**_CADRE_RESERVE, **values}


def cadre_score(**values: Any) -> dict[str, Any]:
    return {**_CADRE_SCORE, **values}


def frame(table: str, *rows: dict[str, Any]) -> pd.DataFrame:
    """A frame of ``table``'s contract: ``rows``, or empty with the contract's columns."""
    return coerce(pd.DataFrame(list(rows), columns=TABLES[table].names), table)


# Teachers' wishes (志愿): teacher 1's first choice is school 1.
_WISH = _row(WISHES, {"teacher_id": 1, "rank": 1, "school_id": 1})


def wish(**values: Any) -> dict[str, Any]:
    return {**_WISH, **values}


# Mentoring links (带教结对): teacher 1 mentors school 1 in mathematics since 2025.
_MENTOR_LINK = _row(
    MENTOR_LINKS, {"teacher_id": 1, "school_id": 1, "subject": "math", "started_year": 2025}
)


def mentor_link(link_id: int = 1, **values: Any) -> dict[str, Any]:
    return {"link_id": link_id, **_MENTOR_LINK, **values}
