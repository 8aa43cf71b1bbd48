"""The network the plan is chosen from: groups of interchangeable teachers, what each
receiver can take, what each sender can spare, and the candidate moves between them.

docs/domain.md, “Teacher rotation”: a receiver takes at most its shortage in the
teacher's subject, rounded up; moves stay inside a county (县域内) unless the planner
lifts it, and never exceed ``max_km``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.geo import km_pairs
from planning.rotation.rules import RotationRules

__all__ = ["candidate_arcs", "receiver_capacity", "sender_surplus", "teacher_groups"]

_EPS = 1e-9


def teacher_groups(pool: pd.DataFrame) -> pd.DataFrame:
    """Eligible teachers counted per (school_id, subject, backbone): teachers in one
    group are interchangeable to the plan (docs/domain.md, “Teacher rotation”).
    ``pool`` holds the :func:`~planning.rotation.eligibility.eligible` teachers with a
    boolean ``bb`` column (a backbone level in ``backbone_levels``). One column, ``count``.

    >>> pool = pd.DataFrame({"school_id": [1, 1, 1], "subject": ["math"] * 3,
    ...     "bb": [False, True, False]})
    >>> teacher_groups(pool)["count"].to_dict()
    {(1, 'math', False): 2, (1, 'math', True): 1}
    """
    return (
        pool.groupby(["school_id", "subject", "bb"]).size().rename("count").to_frame()
        .rename_axis(["school_id", "subject", "backbone"])
    )  # fmt: skip


def receiver_capacity(
    gaps: pd.DataFrame, receiving: pd.Series, rules: RotationRules
) -> pd.DataFrame:
    """What each receiving school can take per teaching subject: its shortage (FTE,
    :func:`planning.establishment.subject_gaps`) rounded up, where it is short
    (docs/domain.md, “Teacher rotation”). Columns receiver, subject, gap, cap.

    >>> gaps = pd.DataFrame({"school_id": [2, 2, 3], "subject": ["math", "admin", "math"],
    ...     "gap": [2.08, 1.0, -0.5]})
    >>> receiver_capacity(gaps, pd.Series([2, 3]), RotationRules()).values.tolist()
    [[2, 'math', 2.08, 3]]
    """
    teaching = ~gaps["subject"].isin(rules.non_teaching_subjects)
    short = gaps[teaching & gaps["school_id"].isin(receiving) & (gaps["gap"] > _EPS)]
    return pd.DataFrame(
        {
            "receiver": short["school_id"].to_numpy(),
            "subject": short["subject"].to_numpy(),
            "gap": short["gap"].to_numpy(),
            "cap": np.ceil(short["gap"].to_numpy() - _EPS).astype("int64"),
        }
    )


def sender_surplus(gaps: pd.DataFrame, sending: np.ndarray) -> pd.Series:
    """Teachers each sending school can spare per subject without falling short itself:
    its surplus (FTE) rounded down, indexed by (school_id, subject) (docs/domain.md,
    “Teacher rotation”, ``fill_shortage``: a sender keeps its own subject need).

    >>> gaps = pd.DataFrame({"school_id": [1, 1], "subject": ["math", "music"],
    ...     "gap": [-3.1, 0.4]})
    >>> sender_surplus(gaps, np.array([1])).tolist()
    [3, 0]
    """
    spare = gaps[gaps["school_id"].isin(sending)]
    return pd.Series(
        np.floor(np.maximum(-spare["gap"].to_numpy(), 0) + _EPS).astype("int64"),
        index=pd.MultiIndex.from_frame(spare[["school_id", "subject"]]),
    )


def candidate_arcs(
    groups: pd.DataFrame, capacity: pd.DataFrame, schools: pd.DataFrame, rules: RotationRules
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidate (group → receiver) moves within the rules, and all of them ignoring
    ``max_km`` (to tell when the distance limit is what stops a quota).

    A group of :func:`teacher_groups` may go to a receiver of :func:`receiver_capacity`
    in the same subject, another school, in the same county with ``within_district``;
    ``km`` is the great-circle distance (docs/domain.md, “Teacher rotation”). Each row
    carries the group's columns (school_id, subject, backbone, count), the receiver's
    (receiver and any other capacity column) and km.
    """
    place = schools.set_index("school_id")
    left = groups.reset_index()
    keys = ["subject"]
    if rules.within_district:  # join within each county: never build the cross-county pairs
        left["district_id"] = place["district_id"].reindex(left["school_id"]).to_numpy()
        capacity = capacity.assign(
            district_id=place["district_id"].reindex(capacity["receiver"]).to_numpy()
        )
        keys.append("district_id")
    arcs = left.merge(capacity, on=keys, suffixes=("", "_r"))
    arcs = arcs[arcs["school_id"] != arcs["receiver"]].drop(columns="district_id", errors="ignore")
    sender_ids = arcs["school_id"].to_numpy()
    receiver_ids = arcs["receiver"].to_numpy()
    arcs = arcs.assign(
        km=km_pairs(
            place["lat"].reindex(sender_ids).to_numpy(),
            place["lon"].reindex(sender_ids).to_numpy(),
            place["lat"].reindex(receiver_ids).to_numpy(),
            place["lon"].reindex(receiver_ids).to_numpy(),
        )
    )
    unlimited = arcs
    if rules.max_km is not None:
        arcs = arcs[arcs["km"] <= rules.max_km]
    return arcs.reset_index(drop=True), unlimited
