"""What a plan did and what limited it: the summary figures, the binding rules, the
schools' roles and the flows between counties.

docs/domain.md, “Teacher rotation” and “Balance indicators”.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning import metrics
from planning.rotation.eligibility import ceil_share, receivers, senders
from planning.rotation.rules import RotationRules

__all__ = [
    "BINDING_COLUMNS", "RotationSummary", "binding", "district_flows", "school_roles",
    "summarize",
]  # fmt: skip

# What limited a plan: one row per rule a sending school could not meet.
BINDING_COLUMNS = {
    "rule": "str",  # quota | backbone
    "school_id": "int64",
    "required": "int64",
    "achieved": "int64",
    "reason": "str",  # receiver_capacity | max_km | no_receiver | too_few_backbone
}


@dataclass(frozen=True)
class RotationSummary:
    """A plan's figures (docs/domain.md, “Teacher rotation” and “Balance indicators”).

    ``eligible`` teachers who must rotate; ``senders`` sending schools with a quota;
    ``required`` moves the quotas ask for; ``moved`` moves planned, ``backbone_moved``
    of them backbone teachers (``backbone_share`` of the moves); receivers' subject
    shortage in FTE ``shortage_before`` and ``shortage_after`` the moves; ``total_km``
    and ``mean_km`` of the moves; the backbone-teacher coefficient of variation
    (:func:`planning.metrics.backbone_cv`) per level before and after.
    """

    eligible: int
    senders: int
    required: int
    moved: int
    backbone_moved: int
    backbone_share: float
    shortage_before: float
    shortage_after: float
    total_km: float
    mean_km: float
    cv_primary_before: float
    cv_primary_after: float
    cv_junior_before: float
    cv_junior_after: float

    def balance(self) -> pd.DataFrame:
        """The CVs as rows: level (primary, junior), when (before, after), cv, and the
        level's threshold (:data:`planning.metrics.CV_THRESHOLD`)."""
        rows = [
            ("primary", "before", self.cv_primary_before),
            ("primary", "after", self.cv_primary_after),
            ("junior", "before", self.cv_junior_before),
            ("junior", "after", self.cv_junior_after),
        ]
        frame = pd.DataFrame(rows, columns=["level", "when", "cv"])
        return frame.assign(threshold=frame["level"].map(metrics.CV_THRESHOLD))


def summarize(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    pool: pd.DataFrame,
    quota: pd.Series,
    moves: pd.DataFrame,
    capacity: pd.DataFrame,
    rules: RotationRules,
) -> RotationSummary:
    """The :class:`RotationSummary` of ``moves``: ``pool`` the eligible teachers,
    ``quota`` the required moves per sending school, ``capacity`` the receivers'
    shortages (:func:`~planning.rotation.arcs.receiver_capacity`). The shortage after
    is each (receiver, subject) shortage less its arrivals, never below 0; figures
    rounded to 3 decimals (docs/domain.md, “Teacher rotation”).
    """
    after = teachers.copy()
    if len(moves):
        destination = moves.set_index("teacher_id")["to_school"]
        hit = after["teacher_id"].isin(destination.index)
        after.loc[hit, "school_id"] = destination.reindex(after.loc[hit, "teacher_id"]).to_numpy()
    arrived = moves.groupby(["to_school", "subject"]).size()
    short = capacity.set_index(["receiver", "subject"])["gap"]
    short_after = (short - arrived.reindex(short.index, fill_value=0).to_numpy()).clip(lower=0)
    n = len(moves)

    def cv(level: str, frame: pd.DataFrame) -> float:
        return metrics.backbone_cv(
            schools, frame, level=level, backbone_levels=rules.backbone_levels
        )

    return RotationSummary(
        eligible=len(pool),
        senders=int((quota > 0).sum()),
        required=int(quota.sum()),
        moved=n,
        backbone_moved=int(moves["backbone"].sum()) if n else 0,
        backbone_share=float(moves["backbone"].mean()) if n else 0.0,
        shortage_before=round(float(short.sum()), 3),
        shortage_after=round(float(short_after.sum()), 3),
        total_km=round(float(moves["km"].sum()), 3) if n else 0.0,
        mean_km=round(float(moves["km"].mean()), 3) if n else 0.0,
        cv_primary_before=cv("primary", teachers),
        cv_primary_after=cv("primary", after),
        cv_junior_before=cv("junior", teachers),
        cv_junior_after=cv("junior", after),
    )


def binding(
    quota: pd.Series,
    moves: pd.DataFrame,
    pool: pd.DataFrame,
    arcs: pd.DataFrame,
    unlimited: pd.DataFrame,
    rules: RotationRules,
) -> pd.DataFrame:
    """What limited the plan (:data:`BINDING_COLUMNS`), per sending school.

    Rule (docs/domain.md, “Teacher rotation”): a ``quota`` row where a school moves
    fewer than ceil(rate × eligible) (``quota``), because its receivers are full
    (``receiver_capacity``: it has candidate moves), every receiver is beyond
    ``max_km`` (``max_km``: it has moves only without the limit) or no receiver is
    short in its subjects (``no_receiver``); a ``backbone`` row where fewer than
    ceil(backbone_share × moves) are backbone teachers, because it has too few eligible
    (``too_few_backbone``) or nowhere to send them (``no_receiver``). ``pool`` holds
    the eligible teachers with their ``bb`` flag; ``arcs`` and ``unlimited`` are
    :func:`~planning.rotation.arcs.candidate_arcs`.
    """
    active = quota[quota > 0]
    moved = moves.groupby("from_school").size().reindex(active.index, fill_value=0)
    moved_bb = (
        moves[moves["backbone"]].groupby("from_school").size()
        .reindex(active.index, fill_value=0)
    )  # fmt: skip
    quota_short = (active - moved).clip(lower=0)
    required_bb = pd.Series(ceil_share(rules.backbone_share, moved.to_numpy()), index=active.index)
    bb_short = (required_bb - moved_bb).clip(lower=0)
    bb_eligible = pool[pool["bb"]].groupby("school_id").size()
    reach = set(arcs["school_id"])
    reach_unlimited = set(unlimited["school_id"])
    rows = []
    for school in quota_short[quota_short > 0].index:
        if school in reach:
            reason = "receiver_capacity"
        elif school in reach_unlimited:
            reason = "max_km"
        else:
            reason = "no_receiver"
        rows.append(("quota", school, int(quota[school]), int(moved[school]), reason))
    for school, missing in bb_short[bb_short > 0].items():
        done = int(moved_bb[school])
        need = done + int(missing)
        reason = "too_few_backbone" if bb_eligible.get(school, 0) < need else "no_receiver"
        rows.append(("backbone", school, need, done, reason))
    return pd.DataFrame(rows, columns=list(BINDING_COLUMNS)).astype(BINDING_COLUMNS)


def school_roles(schools: pd.DataFrame, rules: RotationRules) -> pd.Series:
    """Each school's role under the rules: ``sender``
    (:func:`~planning.rotation.eligibility.senders`), ``receiver``
    (:func:`~planning.rotation.eligibility.receivers`) or ``other``, indexed like
    ``schools`` (docs/domain.md, “Teacher rotation”).

    >>> s = pd.DataFrame({"school_id": [1, 2, 3], "location": ["urban", "rural", "town"],
    ...     "is_weak": [False, False, False]})
    >>> school_roles(s, RotationRules(receiver_locations=("rural",))).tolist()
    ['sender', 'receiver', 'other']
    """
    role = pd.Series("other", index=schools.index)
    role[receivers(schools, rules)] = "receiver"
    role[senders(schools, rules)] = "sender"
    return role


def district_flows(moves: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """Moves counted per (from_district, to_district), the sending and the receiving
    school's county (docs/domain.md, “Teacher rotation”: 县域内 unless lifted); one
    row per pair that has moves, sorted by the pair.

    >>> s = pd.DataFrame({"school_id": [1, 2, 3], "district_id": [7, 7, 8]})
    >>> m = pd.DataFrame({"from_school": [1, 1, 2], "to_school": [2, 3, 3]})
    >>> district_flows(m, s).values.tolist()
    [[7, 7, 1], [7, 8, 2]]
    """
    district_of = schools.set_index("school_id")["district_id"]
    return (
        pd.DataFrame(
            {
                "from_district": district_of.reindex(moves["from_school"]).to_numpy(),
                "to_district": district_of.reindex(moves["to_school"]).to_numpy(),
            }
        )
        .groupby(["from_district", "to_district"])
        .size()
        .rename("moves")
        .reset_index()
    )
