"""What a plan did and what limited it: the summary figures, the binding rules, the
schools' roles and the flows between counties.

docs/domain.md, “Teacher rotation” and “Balance indicators”.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planning import metrics
from planning.rotation.eligibility import ceil_share, receivers, senders
from planning.rotation.rules import RotationRules

__all__ = [
    "BINDING_COLUMNS", "RotationSummary", "apply_moves", "binding", "district_flows",
    "school_roles", "summarize",
]  # fmt: skip

# What limited a plan: one row per rule a sending school could not meet.
BINDING_COLUMNS = {
    "rule": "str",  # quota | backbone
    "school_id": "int64",
    "required": "int64",
    "achieved": "int64",
    # receiver_capacity | max_km | no_receiver | too_few_backbone | sole_backbone
    "reason": "str",
}


@dataclass(frozen=True)
class RotationSummary:
    """A plan's figures (docs/domain.md, “Teacher rotation” and “Balance indicators”).

    ``eligible`` teachers who must rotate; ``senders`` sending schools with a quota;
    ``required`` moves the quotas ask for; ``moved`` moves planned, ``backbone_moved``
    of them backbone teachers (``backbone_share`` of the moves); receivers' subject
    shortage in FTE ``shortage_before`` and ``shortage_after`` the moves;
    ``shortage_created``: the FTE of shortage the moves leave at their senders;
    ``most_backbone_received``: the most backbone teachers any one school receives;
    ``total_km`` and ``mean_km``; ``balance_before`` and ``balance_after``: the county
    balance (:func:`planning.metrics.balance`: one row per county, level and indicator
    with cv, threshold, meets); ``solver``: per county (district_id, −1 for a joint
    scope) the solver's status, whether proven optimal, the gap and the seconds, and
    for the teachers' wishes stage ``wish_optimal`` and ``wish_gap``.
    """

    eligible: int
    senders: int
    required: int
    moved: int
    backbone_moved: int
    backbone_share: float
    shortage_before: float
    shortage_after: float
    shortage_created: float
    most_backbone_received: int
    total_km: float
    mean_km: float
    balance_before: pd.DataFrame = field(repr=False)
    balance_after: pd.DataFrame = field(repr=False)
    solver: pd.DataFrame = field(repr=False)

    def balance(self) -> pd.DataFrame:
        """Before and after side by side: district_id, level, indicator, threshold,
        before, after, and ``worse`` where the plan raised a county's CV."""
        keys = ["district_id", "level", "indicator"]
        before = self.balance_before[[*keys, "threshold", "cv"]].rename(columns={"cv": "before"})
        after = self.balance_after[[*keys, "cv"]].rename(columns={"cv": "after"})
        out = before.merge(after, on=keys, how="outer")
        return out.assign(worse=(out["after"] > out["before"] + 1e-9).fillna(False))

    def counties_meeting(self, when: str, level: str, indicator: str | None = None) -> int:
        """How many counties meet the threshold ``when`` (before or after) in ``level``:
        on ``indicator``, or on all three when it is None."""
        frame = self.balance_before if when == "before" else self.balance_after
        if frame.empty:
            return 0
        rows = frame[frame["level"] == level]
        if indicator is not None:
            return int(rows.loc[rows["indicator"] == indicator, "meets"].sum())
        return int(rows.groupby("district_id")["meets"].all().sum())

    @property
    def counties(self) -> int:
        """Counties with a compulsory school counted."""
        return int(self.balance_before["district_id"].nunique()) if len(self.balance_before) else 0

    @property
    def proven_optimal(self) -> bool:
        """Whether every county's model was solved to proven optimality."""
        return bool(self.solver["optimal"].all()) if len(self.solver) else True


def apply_moves(teachers: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """``teachers`` with each moved teacher at their receiving school."""
    after = teachers.copy()
    if len(moves):
        destination = moves.set_index("teacher_id")["to_school"]
        hit = after["teacher_id"].isin(destination.index)
        after.loc[hit, "school_id"] = destination.reindex(after.loc[hit, "teacher_id"]).to_numpy()
    return after


def summarize(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    pool: pd.DataFrame,
    quota: pd.Series,
    moves: pd.DataFrame,
    capacity: pd.DataFrame,
    spare: pd.Series,
    solver: pd.DataFrame,
    rules: RotationRules,
    balance: metrics.BalanceRules,
) -> RotationSummary:
    """The :class:`RotationSummary` of ``moves``: ``pool`` the eligible teachers,
    ``quota`` the required moves per sending school, ``capacity`` the receivers'
    shortages (:func:`~planning.rotation.arcs.receiver_capacity`), ``spare`` what each
    sender has beyond its need per subject. The shortage after is each (receiver,
    subject) shortage less its arrivals, never below 0; the shortage created is, per
    (sender, subject), the teachers sent beyond its spare; figures rounded to 3
    decimals (docs/domain.md, “Teacher rotation”).
    """
    after = apply_moves(teachers, moves)
    arrived = moves.groupby(["to_school", "subject"]).size()
    short = capacity.set_index(["receiver", "subject"])["gap"]
    short_after = (short - arrived.reindex(short.index, fill_value=0).to_numpy()).clip(lower=0)
    sent = moves.groupby(["from_school", "subject"]).size()
    created = (sent - spare.reindex(sent.index, fill_value=0.0).to_numpy()).clip(lower=0)
    received_bb = moves[moves["backbone"]].groupby("to_school").size()
    n = len(moves)
    return RotationSummary(
        eligible=len(pool),
        senders=int((quota > 0).sum()),
        required=int(quota.sum()),
        moved=n,
        backbone_moved=int(moves["backbone"].sum()) if n else 0,
        backbone_share=float(moves["backbone"].mean()) if n else 0.0,
        shortage_before=round(float(short.sum()), 3),
        shortage_after=round(float(short_after.sum()), 3),
        shortage_created=round(float(created.sum()), 3),
        most_backbone_received=int(received_bb.max()) if len(received_bb) else 0,
        total_km=round(float(moves["km"].sum()), 3) if n else 0.0,
        mean_km=round(float(moves["km"].mean()), 3) if n else 0.0,
        balance_before=metrics.balance(schools, teachers, balance),
        balance_after=metrics.balance(schools, after, balance),
        solver=solver,
    )


def binding(
    quota: pd.Series,
    moves: pd.DataFrame,
    pool: pd.DataFrame,
    held_backbone: pd.Series,
    reach: set[int],
    reach_unlimited: set[int],
    rules: RotationRules,
) -> pd.DataFrame:
    """What limited the plan (:data:`BINDING_COLUMNS`), per sending school; every row,
    never cut short.

    Rule (docs/domain.md, “Teacher rotation”): a ``quota`` row where a school moves
    fewer than ceil(rate × eligible) (``quota``), because its receivers are full
    (``receiver_capacity``: it has possible receivers), every receiver is beyond
    ``max_km`` (``max_km``: it has some only without the limit) or no receiver is short
    in its subjects and sections (``no_receiver``); a ``backbone`` row where fewer than
    ceil(backbone_share × moves) are backbone teachers, because it has too few eligible
    (``too_few_backbone``), would have to give away its last one (``sole_backbone``,
    with ``keep_sole_backbone``) or has nowhere to send them (``no_receiver``). ``pool`` holds the
    eligible teachers with their ``bb`` flag; ``reach`` the senders with a possible
    receiver, ``reach_unlimited`` the same ignoring ``max_km``.
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
        if bb_eligible.get(school, 0) < need:
            reason = "too_few_backbone"
        elif rules.keep_sole_backbone and int(held_backbone.get(school, 0)) - 1 < need:
            reason = "sole_backbone"
        else:
            reason = "no_receiver"
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
