"""The Gardener Award (园丁奖) quota split across counties by teacher numbers.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Award split”.
"""

from __future__ import annotations

import pandas as pd

from planning.contracts import check
from planning.talent.errors import TalentError

__all__ = ["split_award"]


def split_award(quota: int, schools: pd.DataFrame, teachers: pd.DataFrame) -> pd.DataFrame:
    """Split ``quota`` awards across counties in proportion to their teachers.

    Rule (largest-remainder method, Hamilton): a county's exact share is
    quota × its teachers ÷ all teachers (teachers on the books, every status); each
    county first gets the whole part of its share, then the awards left over go one
    each to the counties with the largest fractional remainders, ties to the county
    with more teachers, then the smaller ``district_id``. The parts add up to
    ``quota`` exactly and each differs from its exact share by less than one. The
    arithmetic is in integers (quota × teachers divided with remainder), so no
    rounding error can move an award.

    Returns district_id, teachers, exact (float, for display), awards (int), one row
    per county with teachers, by ``district_id``. Refuses a negative quota
    (``negative``) and a quota with no teacher to share it (``no_candidates``).

    >>> s = pd.DataFrame({"school_id": [1, 2, 3], "district_id": [1, 2, 3]})
    >>> t = pd.DataFrame({"school_id": [1] * 5 + [2] * 3 + [3] * 2})
    >>> split_award(7, s, t)["awards"].tolist()  # exact 3.5, 2.1, 1.4
    [4, 2, 1]
    """
    if quota < 0:
        raise TalentError("negative", name="quota", value=quota)
    check(schools, "schools", ["school_id", "district_id"])
    check(teachers, "teachers", ["school_id"])
    county = teachers["school_id"].map(schools.set_index("school_id")["district_id"])
    counts = county.dropna().astype("int64").value_counts().sort_index()
    total = int(counts.sum())
    if total == 0:
        if quota == 0:
            return pd.DataFrame(
                {"district_id": pd.Series(dtype="int64"), "teachers": pd.Series(dtype="int64"),
                 "exact": pd.Series(dtype=float), "awards": pd.Series(dtype="int64")}
            )  # fmt: skip
        raise TalentError("no_candidates", what="award")
    frame = pd.DataFrame({"district_id": counts.index.astype("int64"), "teachers": counts.values})
    numer = frame["teachers"] * quota
    frame["whole"], frame["rest"] = numer // total, numer % total
    left = quota - int(frame["whole"].sum())
    order = frame.sort_values(["rest", "teachers", "district_id"], ascending=[False, False, True])
    extra = pd.Series(0, index=frame.index)
    extra[order.index[:left]] = 1
    frame["awards"] = (frame["whole"] + extra).astype("int64")
    frame["exact"] = numer / total
    return frame[["district_id", "teachers", "exact", "awards"]].reset_index(drop=True)
