"""City figures for the Overview page: size, teacher supply, backbone share, age.

Descriptive statistics of the data as loaded; no policy rule is applied here.
"Backbone" counts county level or above, as the balance indicators of docs/domain.md do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning import vocab
from planning.contracts import check

__all__ = ["AGE_BANDS", "SENIOR_BACKBONE", "age_profile", "by_district", "by_location", "headline"]

SENIOR_BACKBONE = ("county", "city", "province")
AGE_BANDS = (20, 25, 30, 35, 40, 45, 50, 55, 60, 65)

_SCHOOL_COLS = ["school_id", "district_id", "location", "is_weak"] + [
    f"students_{lv}" for lv in vocab.LEVELS
]
_TEACHER_COLS = ["school_id", "birth_year", "backbone", "status", "subject"]


def _active(schools: pd.DataFrame, teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers present and teaching: active, not administration or support staff
    (:data:`planning.vocab.NON_TEACHING`), who would understate students per teacher."""
    check(schools, "schools", _SCHOOL_COLS)
    check(teachers, "teachers", _TEACHER_COLS)
    teaching = ~teachers["subject"].isin(vocab.NON_TEACHING)
    act = teachers.loc[(teachers["status"] == "active") & teaching, _TEACHER_COLS]
    place = schools.set_index("school_id")[["district_id", "location"]]
    return act.join(place, on="school_id", how="inner")


def _students(schools: pd.DataFrame) -> pd.Series:
    return schools[[f"students_{lv}" for lv in vocab.LEVELS]].sum(axis=1)


def headline(schools: pd.DataFrame, teachers: pd.DataFrame) -> dict[str, float]:
    """Schools, teachers present and teaching (active, not administration or support
    staff), students and students per such teacher.

    >>> s = pd.DataFrame({"school_id": [1], "district_id": [1], "location": ["urban"],
    ...     "is_weak": [False], "students_primary": [40], "students_junior": [0],
    ...     "students_senior": [0]})
    >>> t = pd.DataFrame({"school_id": [1, 1, 1], "birth_year": [1980, 1990, 1970],
    ...     "backbone": ["none", "city", "none"], "status": ["active", "leave", "active"],
    ...     "subject": ["math", "math", "admin"]})
    >>> headline(s, t)
    {'schools': 1, 'teachers': 1, 'students': 40, 'students_per_teacher': 40.0,
     'backbone_share': 0.0}
    """
    act = _active(schools, teachers)
    students = int(_students(schools).sum())
    n = len(act)
    return {
        "schools": len(schools),
        "teachers": n,
        "students": students,
        "students_per_teacher": students / n if n else float("nan"),
        "backbone_share": float(act["backbone"].isin(SENIOR_BACKBONE).mean()) if n else 0.0,
    }


def _grouped(
    schools: pd.DataFrame, teachers: pd.DataFrame, key: str | list[str], year: int
) -> pd.DataFrame:
    act = _active(schools, teachers).assign(
        senior_backbone=lambda f: f["backbone"].isin(SENIOR_BACKBONE),
        age=lambda f: year - f["birth_year"],
    )
    per_school = (
        schools.assign(students=_students(schools))
        .groupby(key)
        .agg(
            schools=("school_id", "size"),
            students=("students", "sum"),
            weak_schools=("is_weak", "sum"),
        )
    )
    per_teacher = act.groupby(key).agg(
        teachers=("school_id", "size"),
        backbone_share=("senior_backbone", "mean"),
        mean_age=("age", "mean"),
    )
    out = per_school.join(per_teacher, how="left")
    out["teachers"] = out["teachers"].fillna(0).astype("int64")
    out["students_per_teacher"] = out["students"] / out["teachers"].replace(0, np.nan)
    return out.reset_index()


def by_location(schools: pd.DataFrame, teachers: pd.DataFrame, *, year: int) -> pd.DataFrame:
    """One row per location: schools, students, weak_schools, teachers,
    backbone_share (county level or above), mean_age, students_per_teacher."""
    out = _grouped(schools, teachers, "location", year)
    order = {loc: i for i, loc in enumerate(vocab.LOCATIONS)}
    return out.sort_values("location", key=lambda s: s.map(order)).reset_index(drop=True)


def by_district(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    districts: pd.DataFrame,
    *,
    year: int,
    split_location: bool = False,
) -> pd.DataFrame:
    """One row per district (and location, with ``split_location``): the district's
    name and the columns of :func:`by_location`."""
    check(districts, "districts", ["district_id", "name"])
    key = ["district_id", "location"] if split_location else "district_id"
    out = _grouped(schools, teachers, key, year)
    return districts[["district_id", "name"]].merge(out, on="district_id", how="inner")


def age_profile(schools: pd.DataFrame, teachers: pd.DataFrame, *, year: int) -> pd.DataFrame:
    """Active teachers by location and five-year age band: location, band (lower age),
    teachers, share (of the location's teachers)."""
    act = _active(schools, teachers)
    age = year - act["birth_year"]
    band = pd.cut(age, bins=list(AGE_BANDS), right=False, labels=list(AGE_BANDS[:-1]))
    counts = (
        act.assign(band=band)
        .dropna(subset=["band"])
        .astype({"band": "int64"})
        .groupby(["location", "band"])
        .size()
        .rename("teachers")
        .reset_index()
    )
    counts["share"] = counts["teachers"] / counts.groupby("location")["teachers"].transform("sum")
    return counts
