"""Scope: restrict schools and teachers to districts, locations and sections.

A filter, not a rule: pages use it for "one county or the city" and the sidebar
filters, so every engine sees the same restricted frames.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from planning.contracts import check

__all__ = ["restrict"]


def restrict(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    *,
    district_ids: Collection[int] | None = None,
    locations: Collection[str] | None = None,
    levels: Collection[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Schools matching every given filter, and the teachers of those schools.

    ``None`` (or an empty collection) means no filter. ``levels`` keeps schools that
    enroll students in at least one of those sections.

    >>> s = pd.DataFrame({"school_id": [1, 2], "district_id": [1, 2],
    ...     "location": ["urban", "rural"], "students_primary": [100, 0],
    ...     "students_junior": [0, 50], "students_senior": [0, 0]})
    >>> t = pd.DataFrame({"teacher_id": [10, 20], "school_id": [1, 2]})
    >>> s2, t2 = restrict(s, t, locations=["rural"])
    >>> list(s2["school_id"]), list(t2["teacher_id"])
    ([2], [20])
    >>> list(restrict(s, t, levels=["primary"])[0]["school_id"])
    [1]
    """
    check(schools, "schools", ["school_id", "district_id", "location"])
    mask = pd.Series(True, index=schools.index)
    if district_ids:
        mask &= schools["district_id"].isin(list(district_ids))
    if locations:
        mask &= schools["location"].isin(list(locations))
    if levels:
        enrolled = pd.concat([schools[f"students_{lv}"] > 0 for lv in levels], axis=1)
        mask &= enrolled.any(axis=1)
    if mask.all():
        return schools, teachers
    kept = schools[mask]
    return kept, teachers[teachers["school_id"].isin(kept["school_id"])]
