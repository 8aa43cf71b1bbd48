"""Principal exchange (校长交流): the principals due to rotate exchange posts within their
county, the strongest going to the weak schools (docs/domain.md, "Cadres and training
(干部培训)", principal exchange).

The plan is an assignment (OR-Tools' linear sum assignment, as the rotation optimiser
pairs by distance with OR-Tools' graph solvers): each due principal takes a post that a
due principal of the same county leaves, never their own, at most ``max_km`` away.
Its objective, in order: as many principals moved as possible; then the largest sum,
over the weak schools' posts, of the assessment composite of the principal who takes
it (the weak schools get the strongest principals); then the fewest kilometres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from ortools.graph.python import linear_sum_assignment

from planning.contracts import check
from planning.geo import km_matrix
from planning.params import ParameterRefused

__all__ = ["Exchange", "ExchangeRules", "exchange"]

_KM_UNITS = 10  # distances in tenths of a km, as integers
_POINTS = 100  # composites (0–100) in hundredths, as integers


@dataclass(frozen=True)
class ExchangeRules:
    """``max_km``: the longest move between two schools of a county; default in
    docs/domain.md."""

    max_km: float = 80.0

    def __post_init__(self) -> None:
        if not self.max_km > 0:
            raise ParameterRefused("cadres.refused.max_km", "max_km must be > 0", value=self.max_km)


@dataclass(frozen=True)
class Exchange:
    """``moves``: one row per due principal (cadre_id, district_id, from_school,
    to_school, km, from_weak, to_weak, composite), ``to_school`` equal to
    ``from_school`` for one who stays (no other due principal's post within reach);
    ``counties``: per county the principals due, moved, the weak schools among their
    posts, and the mean composite of the principals heading those weak schools before
    and after the exchange (NaN without such a post)."""

    moves: pd.DataFrame
    counties: pd.DataFrame

    @property
    def stays(self) -> pd.DataFrame:
        return self.moves[self.moves["from_school"] == self.moves["to_school"]]

    @property
    def weak_before(self) -> float:
        """Mean composite of the principals heading the weak posts now (NaN: none)."""
        return _mean(self.moves.loc[self.moves["from_weak"], "composite"])

    @property
    def weak_after(self) -> float:
        """Mean composite of the principals heading the weak posts after the exchange."""
        return _mean(self.moves.loc[self.moves["to_weak"], "composite"])


def _mean(values: pd.Series) -> float:
    return round(float(values.mean()), 2) if len(values) else float("nan")


def exchange(
    due: pd.DataFrame,
    schools: pd.DataFrame,
    composite: pd.Series,
    rules: ExchangeRules | None = None,
) -> Exchange:
    """The exchange plan for the principals ``due`` (:func:`rotation_due`: cadre_id,
    school_id), with ``schools`` (school_id, district_id, is_weak, lat, lon) and each
    principal's assessment ``composite`` (indexed by cadre_id; a principal without one
    counts 0). The assignment is solved per county and is optimal for the objective in
    the module docstring.

    Two due principals of one county, the stronger at a strong school, swap:

    >>> due = pd.DataFrame({"cadre_id": [1, 2], "school_id": [10, 20]})
    >>> s = pd.DataFrame({"school_id": [10, 20], "district_id": [1, 1],
    ...     "is_weak": [False, True], "lat": [32.0, 32.1], "lon": [120.9, 120.9]})
    >>> plan = exchange(due, s, pd.Series({1: 90.0, 2: 70.0}))
    >>> plan.moves[["cadre_id", "to_school"]].to_dict("records")
    [{'cadre_id': 1, 'to_school': 20}, {'cadre_id': 2, 'to_school': 10}]
    >>> plan.counties[["due", "moved", "weak_before", "weak_after"]].to_dict("records")
    [{'due': 2, 'moved': 2, 'weak_before': 70.0, 'weak_after': 90.0}]
    """
    rules = rules or ExchangeRules()
    check(due, "cadres", ["cadre_id", "school_id"])
    check(schools, "schools", ["school_id", "district_id", "is_weak", "lat", "lon"])
    where = schools.set_index("school_id")[["district_id", "is_weak", "lat", "lon"]]
    posts = due[["cadre_id", "school_id"]].join(where, on="school_id")
    posts["composite"] = composite.reindex(posts["cadre_id"]).fillna(0.0).to_numpy()
    moves = [_county(group, rules) for _, group in posts.groupby("district_id", sort=True)]
    columns = ["cadre_id", "district_id", "from_school", "to_school", "km", "from_weak",
               "to_weak", "composite"]  # fmt: skip
    table = pd.concat(moves, ignore_index=True) if moves else pd.DataFrame(columns=columns)
    table = table.astype({"from_weak": bool, "to_weak": bool, "composite": float})
    return Exchange(table[columns], _counties(table))


def _county(posts: pd.DataFrame, rules: ExchangeRules) -> pd.DataFrame:
    """One county's assignment: principal i to post j, lexicographic costs as integers."""
    n = len(posts)
    lat, lon = posts["lat"].to_numpy(float), posts["lon"].to_numpy(float)
    km = km_matrix(lat, lon, lat, lon)
    km_units = np.rint(km * _KM_UNITS).astype(np.int64)
    points = np.rint(posts["composite"].to_numpy(float) * _POINTS).astype(np.int64)
    weak = posts["is_weak"].to_numpy(bool)
    allowed = (km <= rules.max_km) & ~np.eye(n, dtype=bool)
    # Lexicographic weights: a gain at a higher level outweighs any change below it.
    # No assignment's kilometres reach weak_scale (the sum of each row's longest
    # allowed move, plus 1); no assignment's weak-post gain reaches stay_cost.
    longest = np.where(allowed, km_units, 0).max(axis=1)
    weak_scale = int(longest.sum()) + 1
    stay_cost = (int(points.sum()) + 1) * weak_scale
    gain = np.outer(points, weak) * weak_scale
    cost = np.where(np.eye(n, dtype=bool), stay_cost, km_units) - gain
    left, right = np.nonzero(allowed | np.eye(n, dtype=bool))
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(left, right, cost[left, right])
    status = solver.solve()
    if status != solver.OPTIMAL:  # the self arcs make every county feasible
        raise RuntimeError(f"principal exchange: assignment status {status}")
    to = np.array([solver.right_mate(i) for i in range(n)], dtype=np.int64)
    school = posts["school_id"].to_numpy()
    return pd.DataFrame({
        "cadre_id": posts["cadre_id"].to_numpy(),
        "district_id": posts["district_id"].to_numpy(),
        "from_school": school,
        "to_school": school[to],
        "km": np.round(km[np.arange(n), to], 1),
        "from_weak": weak,
        "to_weak": weak[to],
        "composite": posts["composite"].to_numpy(float),
    })  # fmt: skip


def _counties(moves: pd.DataFrame) -> pd.DataFrame:
    """Per county: due, moved, weak posts, and their principals' mean composite before
    and after."""
    rows = [
        {
            "district_id": district,
            "due": len(group),
            "moved": int((group["from_school"] != group["to_school"]).sum()),
            "weak_posts": int(group["to_weak"].sum()),
            "weak_before": _mean(group.loc[group["from_weak"], "composite"]),
            "weak_after": _mean(group.loc[group["to_weak"], "composite"]),
        }
        for district, group in moves.groupby("district_id", sort=True)
    ]
    columns = ["district_id", "due", "moved", "weak_posts", "weak_before", "weak_after"]
    return pd.DataFrame(rows, columns=columns)
