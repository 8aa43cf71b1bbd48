"""What a pay allocation means: headline figures, winners and losers, distributions.

docs/domain.md, "Performance pay (绩效工资)": the figures a planner reads off an
:func:`planning.pay.allocate` result. Every teacher on the books is paid; the means,
ratios and spreads describe teachers present and teaching (``active``), whose pay is a
full year's work at a known school, while the budget is everything the allocation pays
out. Money stays integer fen; means are floats.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning import metrics, pay, vocab

__all__ = [
    "LOSS_BANDS_YUAN",
    "PayChange",
    "PaySummary",
    "change",
    "distribution",
    "losers",
    "loss_bands",
    "slip",
    "summary",
]

_PARTS = ("basic_fen", "incentive_fen", "subsidy_fen", "total_fen")
# Upper edges (yuan a year) of the bands a loss falls in; the last band is open.
LOSS_BANDS_YUAN: tuple[int, ...] = (100, 500, 1_000, 2_000, 5_000, 10_000)


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
    ``school_id`` or ``district_id``; titles in rank order, highest first):
    :func:`planning.pay.summarize`'s columns plus
    ``mean_yuan``, ``p10_yuan`` and ``p90_yuan`` (the same figures in yuan, for a
    chart's axis)."""
    stats = pay.summarize(allocation, teachers, schools, by)
    if by == "title":  # rank order, highest title first
        rank = {code: i for i, code in enumerate(vocab.TITLES)}
        stats = stats.sort_values("title", key=lambda c: c.map(rank)).reset_index(drop=True)
    for q in ("mean", "p10", "p90"):
        stats[f"{q}_yuan"] = stats[f"{q}_fen"] / 100
    return stats


def losers(
    base: pd.DataFrame, proposal: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    """Every teacher whose total pay falls from ``base`` to ``proposal`` (two
    allocations), the largest loss first (ties by ``teacher_id``): teacher_id,
    school_id, location, title, base_fen, proposal_fen, delta_fen (< 0).

    >>> b = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1], "total_fen": [100, 100]})
    >>> p = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1], "total_fen": [120, 90]})
    >>> people = pd.DataFrame({"teacher_id": [1, 2], "title": ["first", "second"]})
    >>> places = pd.DataFrame({"school_id": [1], "location": ["town"]})
    >>> losers(b, p, people, places)[["teacher_id", "title", "delta_fen"]].values.tolist()
    [[2, 'second', -10]]
    """
    diff = pay.compare(base, proposal)
    lost = diff[diff["delta_fen"] < 0].merge(teachers[["teacher_id", "title"]], on="teacher_id")
    lost = lost.merge(schools[["school_id", "location"]], on="school_id", how="left")
    columns = ["teacher_id", "school_id", "location", "title"]
    columns += ["base_fen", "proposal_fen", "delta_fen"]
    return lost.sort_values(["delta_fen", "teacher_id"])[columns].reset_index(drop=True)


def loss_bands(lost: pd.DataFrame) -> pd.DataFrame:
    """How many of :func:`losers` lose up to each of ``LOSS_BANDS_YUAN`` (a loss of x
    yuan falls in the first band whose edge is >= x; ``upto_yuan`` None: more than the
    last edge): upto_yuan, teachers. Every loser is counted once.

    >>> loss_bands(pd.DataFrame({"delta_fen": [-10_000, -10_001, -2_000_000]}))["teachers"].tolist()
    [1, 1, 0, 0, 0, 0, 1]
    """
    edges = [edge * 100 for edge in LOSS_BANDS_YUAN]
    loss = -lost["delta_fen"].to_numpy()
    band = pd.Series(pd.Index(edges).searchsorted(loss, side="left"))
    counts = band.value_counts().reindex(range(len(edges) + 1), fill_value=0)
    return pd.DataFrame(
        {
            "upto_yuan": pd.Series([*LOSS_BANDS_YUAN, None], dtype=object),
            "teachers": counts.to_numpy().astype("int64"),
        }
    )


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
