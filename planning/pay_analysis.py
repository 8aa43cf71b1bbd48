"""What a pay allocation means: headline figures, winners and losers, distributions.

DOMAIN.md, "Performance pay (绩效工资)": the figures a planner reads off an
:func:`planning.pay.allocate` result. Every teacher on the books is paid; the means,
ratios and spreads describe teachers present and teaching (``active``), whose pay is a
full year's work at a known school, while the budget is everything the allocation pays
out. Money stays integer fen; means are floats.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning import metrics, pay

__all__ = [
    "PayChange",
    "PaySummary",
    "change",
    "distribution",
    "slip",
    "summary",
]

_PARTS = ("basic_fen", "incentive_fen", "subsidy_fen", "total_fen")


@dataclass(frozen=True)
class PaySummary:
    """The headline of one allocation.

    ``budget_fen``: everything paid (pools plus subsidies); ``active``: active teachers;
    ``mean_fen``: their mean total pay (0 when there are none); ``urban_rural_ratio``:
    :func:`planning.pay.urban_rural_ratio` (nan when either group is empty); ``gini``:
    :func:`planning.metrics.gini` of their total pay.
    """

    budget_fen: int
    active: int
    mean_fen: float
    urban_rural_ratio: float
    gini: float


@dataclass(frozen=True)
class PayChange:
    """How an allocation differs from a baseline allocation of the same teachers.

    ``gains`` / ``losses`` / ``same``: teachers whose total pay rises, falls or stays
    (:func:`planning.pay.compare`); ``budget_delta_fen``: the change in the budget.
    """

    gains: int
    losses: int
    same: int
    budget_delta_fen: int


def _active(allocation: pd.DataFrame, teachers: pd.DataFrame) -> pd.DataFrame:
    frame = allocation.merge(teachers[["teacher_id", "status"]], on="teacher_id")
    return frame[frame["status"] == "active"]


def summary(allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame) -> PaySummary:
    """Budget, mean, urban/rural ratio and Gini of an allocation (active teachers).

    >>> alloc = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 2, 2],
    ...                       "total_fen": [300, 100, 100]})
    >>> people = pd.DataFrame({"teacher_id": [1, 2, 3], "title": ["first"] * 3,
    ...                        "status": ["active", "active", "seconded"]})
    >>> places = pd.DataFrame({"school_id": [1, 2], "location": ["urban", "rural"],
    ...                        "district_id": [1, 1]})
    >>> s = summary(alloc, people, places)
    >>> (s.budget_fen, s.active, s.mean_fen, s.urban_rural_ratio, s.gini)
    (500, 2, 200.0, 3.0, 0.25)
    """
    active = _active(allocation, teachers)["total_fen"]
    return PaySummary(
        budget_fen=int(allocation["total_fen"].sum()),
        active=len(active),
        mean_fen=float(active.mean()) if len(active) else 0.0,
        urban_rural_ratio=pay.urban_rural_ratio(allocation, teachers, schools),
        gini=metrics.gini(active.to_numpy()),
    )


def change(base: pd.DataFrame, proposal: pd.DataFrame) -> PayChange:
    """Winners and losers of ``proposal`` against ``base`` (two allocations), and the
    budget change. A teacher in only one of them counts 0 in the other.

    >>> b = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...                   "total_fen": [100, 100, 100]})
    >>> p = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...                   "total_fen": [120, 90, 100]})
    >>> change(b, p)
    PayChange(gains=1, losses=1, same=1, budget_delta_fen=10)
    """
    outcome = pay.compare(base, proposal)["outcome"]
    return PayChange(
        gains=int((outcome == "gain").sum()),
        losses=int((outcome == "loss").sum()),
        same=int((outcome == "same").sum()),
        budget_delta_fen=int(proposal["total_fen"].sum() - base["total_fen"].sum()),
    )


def distribution(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame, by: str
) -> pd.DataFrame:
    """Total pay of active teachers per group ``by`` (``location``, ``title``,
    ``school_id`` or ``district_id``): :func:`planning.pay.summarize`'s columns plus
    ``mean_yuan``, ``p10_yuan`` and ``p90_yuan`` (the same figures in yuan, for a
    chart's axis)."""
    stats = pay.summarize(allocation, teachers, schools, by)
    for q in ("mean", "p10", "p90"):
        stats[f"{q}_yuan"] = stats[f"{q}_fen"] / 100
    return stats


def slip(teacher_id: int, base: pd.DataFrame, proposal: pd.DataFrame) -> pd.DataFrame:
    """One teacher's pay slip: per part (basic, incentive, subsidy, total) the
    baseline, the proposal and the change, in fen (0 where an allocation lacks them).

    >>> b = pd.DataFrame({"teacher_id": [7], "basic_fen": [70], "incentive_fen": [30],
    ...                   "subsidy_fen": [0], "total_fen": [100]})
    >>> p = b.assign(incentive_fen=[45], total_fen=[115])
    >>> slip(7, b, p)["delta_fen"].tolist()
    [0, 15, 0, 15]
    """

    def parts(allocation: pd.DataFrame) -> pd.Series:
        rows = allocation.loc[allocation["teacher_id"] == teacher_id, list(_PARTS)]
        return rows.iloc[0] if len(rows) else pd.Series(0, index=list(_PARTS))

    before, after = parts(base), parts(proposal)
    out = pd.DataFrame(
        {
            "part": list(_PARTS),
            "base_fen": before.to_numpy(),
            "proposal_fen": after.to_numpy(),
        }
    ).astype({"base_fen": "int64", "proposal_fen": "int64"})
    out["delta_fen"] = out["proposal_fen"] - out["base_fen"]
    return out
