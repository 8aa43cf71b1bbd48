"""Who sends, who receives, who must rotate, and how many per sending school.

docs/domain.md, “Teacher rotation”. Source: 教师〔2014〕4号.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from planning.contracts import check
from planning.rotation.rules import RotationRules

__all__ = ["TEACHER_COLUMNS", "ceil_share", "eligible", "quotas", "receivers", "senders"]

# The teacher columns the rotation engine reads.
TEACHER_COLUMNS = [
    "teacher_id", "school_id", "gender", "birth_year", "section", "subject", "school_since",
    "backbone", "degree", "status",
]  # fmt: skip


def ceil_share(share: float, counts: np.ndarray) -> np.ndarray:
    """ceil(share × count) per count, exactly: the share is read as the decimal it is
    written as, so 10 % of 30 is 3, not 4 (docs/domain.md, “Teacher rotation”: “at
    least 10 %”, “at least 20 %”).

    >>> ceil_share(0.1, np.array([30, 31, 0])).tolist()
    [3, 4, 0]
    """
    f = Fraction(str(share))
    return -((-f.numerator * counts.astype("int64")) // f.denominator)


def senders(schools: pd.DataFrame, rules: RotationRules) -> pd.Series:
    """Boolean mask of sending schools: a location in ``sender_locations`` or a quality
    school (``quality_school_ids``), and not weak (docs/domain.md, “Teacher rotation”).

    >>> s = pd.DataFrame({"school_id": [1, 2, 3], "location": ["urban", "urban", "rural"],
    ...     "is_weak": [False, True, False]})
    >>> senders(s, RotationRules()).tolist()
    [True, False, False]
    """
    return (
        schools["location"].isin(rules.sender_locations)
        | schools["school_id"].isin(rules.quality_school_ids)
    ) & ~schools["is_weak"]


def receivers(schools: pd.DataFrame, rules: RotationRules) -> pd.Series:
    """Boolean mask of receiving schools: a location in ``receiver_locations`` or weak
    (薄弱学校), and never a sender (docs/domain.md, “Teacher rotation”).

    >>> s = pd.DataFrame({"school_id": [1, 2, 3], "location": ["urban", "urban", "rural"],
    ...     "is_weak": [False, True, False]})
    >>> receivers(s, RotationRules()).tolist()
    [False, True, True]
    """
    return (schools["location"].isin(rules.receiver_locations) | schools["is_weak"]) & ~senders(
        schools, rules
    )


def eligible(
    teachers: pd.DataFrame, schools: pd.DataFrame, rules: RotationRules, *, year: int
) -> pd.DataFrame:
    """Teachers who must rotate this year (the rows of ``teachers``, in their order).

    Rule (docs/domain.md, “Teacher rotation”): status ``active``; ``year −
    school_since >= min_years``; at a sending school (:func:`senders`); not within
    ``retire_guard_years`` of the retirement age (``retire_age_male`` /
    ``retire_age_female``), i.e. retirement age − age > guard; teaching staff (subject
    not in ``non_teaching_subjects``) of a compulsory section (``section`` primary or
    junior: the rule covers compulsory schools, 义务教育学校).

    >>> s = pd.DataFrame({"school_id": [1], "location": ["urban"], "is_weak": [False]})
    >>> t = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...     "gender": ["F", "F", "M"], "birth_year": [1980, 1970, 1970],
    ...     "subject": ["math"] * 3, "school_since": [2010, 2010, 2022],
    ...     "backbone": ["none"] * 3, "status": ["active"] * 3, "section": ["primary"] * 3,
    ...     "degree": ["bachelor"] * 3})
    >>> eligible(t, s, RotationRules(), year=2026)["teacher_id"].tolist()
    [1]
    """
    check(teachers, "teachers", TEACHER_COLUMNS)
    check(schools, "schools", ["school_id", "location", "is_weak"])
    sending = schools.loc[senders(schools, rules), "school_id"]
    age = year - teachers["birth_year"]
    retire = np.where(teachers["gender"] == "F", rules.retire_age_female, rules.retire_age_male)
    mask = (
        (teachers["status"] == "active")
        & (year - teachers["school_since"] >= rules.min_years)
        & teachers["school_id"].isin(sending)
        & (retire - age > rules.retire_guard_years)
        & ~teachers["subject"].isin(rules.non_teaching_subjects)
        & teachers["section"].isin(("primary", "junior"))
    )
    return teachers[mask]


def quotas(pool: pd.DataFrame, sending: np.ndarray, rules: RotationRules) -> pd.Series:
    """Moves required of each sending school: ceil(``rate`` × its :func:`eligible`
    teachers), indexed by the ``sending`` school ids, 0 where none is eligible
    (docs/domain.md, “Teacher rotation”: at least 10 % each school year).

    >>> pool = pd.DataFrame({"school_id": [1] * 11 + [2]})
    >>> quotas(pool, np.array([1, 2, 3]), RotationRules()).tolist()
    [2, 1, 0]
    """
    per_school = pool.groupby("school_id").size().reindex(sending, fill_value=0)
    return pd.Series(ceil_share(rules.rate, per_school.to_numpy()), index=sending)
