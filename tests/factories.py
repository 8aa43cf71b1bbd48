"""Small frames in the DESIGN.md contracts with readable defaults.

A test names only what matters to it: ``school(students_primary=190)``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from seed.reference import standards_frame

__all__ = ["curriculum", "school", "schools", "standard", "teacher", "teachers"]

_SCHOOL = {
    "code": None,
    "name": None,
    "district_id": 1,
    "location": "urban",
    "is_weak": False,
    "lat": 32.0,
    "lon": 120.9,
    "students_primary": 0,
    "students_junior": 0,
    "students_senior": 0,
    "classes_primary": 0,
    "classes_junior": 0,
    "classes_senior": 0,
}
_TEACHER = {
    "staff_no": None,
    "name": "王芳",
    "gender": "F",
    "birth_year": 1985,
    "school_id": 1,
    "subject": "chinese",
    "title": "first",
    "post_grade": 9,
    "school_since": 2015,
    "backbone": "none",
    "special_grade": False,
    "head_teacher": False,
    "weekly_periods": 12,
    "assessment": "pass",
    "status": "active",
}


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
        return pd.DataFrame({k: pd.Series(dtype=_dtype(v)) for k, v in teacher().items()})
    return pd.DataFrame(list(rows))


def _dtype(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    return "str"


def standard(name: str = "2001") -> pd.DataFrame:
    frame = standards_frame()
    return frame[frame["name"] == name].drop(columns="name").reset_index(drop=True)


def curriculum(*rows: tuple[str, str, float, float]) -> pd.DataFrame:
    """Rows of (level, subject, periods_per_class, teacher_load)."""
    return pd.DataFrame(rows, columns=["level", "subject", "periods_per_class", "teacher_load"])
