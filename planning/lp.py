"""A sparse linear model, built row by row and solved with HiGHS.

The rotation model is a mixed-integer program; building it as plain arrays (not one
Python object per term) keeps a county's model to a few milliseconds to assemble.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import ArrayLike

__all__ = ["LinearModel", "Solution"]

INF = float("inf")


@dataclass(frozen=True)
class Solution:
    """Column values, HiGHS's status text, whether it is proven optimal, and the gap
    between the solution and the best bound (0 when proven optimal); ``feasible``:
    whether the values are a feasible solution at all (a time limit may leave none)."""

    values: np.ndarray
    status: str
    optimal: bool
    gap: float
    feasible: bool = True


class LinearModel:
    """Columns with bounds, costs and integrality; rows lo <= Σ a x <= hi; minimised."""

    def __init__(self) -> None:
        self._lb: list[np.ndarray] = []
        self._ub: list[np.ndarray] = []
        self._cost: list[np.ndarray] = []
        self._int: list[np.ndarray] = []
        self._n = 0
        self._rows_start: list[int] = [0]
        self._index: list[np.ndarray] = []
        self._value: list[np.ndarray] = []
        self._nnz = 0
        self._lo: list[float] = []
        self._hi: list[float] = []

    @property
    def num_cols(self) -> int:
        return self._n

    @property
    def num_rows(self) -> int:
        return len(self._lo)

    def add_cols(
        self, lower: ArrayLike, upper: ArrayLike, cost: ArrayLike, *, integer: bool
    ) -> np.ndarray:
        """New columns; returns their indices."""
        lower = np.asarray(lower, dtype=float)
        k = lower.size
        self._lb.append(lower)
        self._ub.append(np.broadcast_to(np.asarray(upper, dtype=float), (k,)).copy())
        self._cost.append(np.broadcast_to(np.asarray(cost, dtype=float), (k,)).copy())
        self._int.append(np.full(k, integer))
        start = self._n
        self._n += k
        return np.arange(start, start + k)

    def costs(self) -> np.ndarray:
        """Every column's cost, in column order."""
        return _cat(self._cost)

    def set_costs(self, cost: ArrayLike) -> None:
        """Replace every column's cost (a further stage of a lexicographic objective)."""
        cost = np.asarray(cost, dtype=float)
        if cost.size != self._n:
            raise ValueError(f"{self._n} costs expected; got {cost.size}")
        self._cost = [cost.copy()]

    def add_row(self, cols: ArrayLike, coefs: ArrayLike, lo: float, hi: float) -> None:
        """lo <= Σ coefs × cols <= hi (a column may appear once)."""
        cols = np.asarray(cols, dtype=np.int64)
        coefs = np.broadcast_to(np.asarray(coefs, dtype=float), cols.shape)
        self._index.append(cols)
        self._value.append(coefs)
        self._nnz += cols.size
        self._rows_start.append(self._nnz)
        self._lo.append(lo)
        self._hi.append(hi)

    def add_rows(
        self,
        row: ArrayLike,
        cols: ArrayLike,
        coefs: ArrayLike,
        lo: ArrayLike,
        hi: ArrayLike,
    ) -> None:
        """Many rows at once: entry k puts ``coefs[k]`` × column ``cols[k]`` into row
        ``row[k]`` (0 … R−1, each row's entries anywhere in the arrays); ``lo`` and
        ``hi`` hold the R rows' bounds. A column may appear once per row."""
        row = np.asarray(row, dtype=np.int64)
        lo = np.asarray(lo, dtype=float)
        order = np.argsort(row, kind="stable")
        counts = np.bincount(row, minlength=lo.size)
        self._index.append(np.asarray(cols, dtype=np.int64)[order])
        self._value.append(np.broadcast_to(np.asarray(coefs, dtype=float), row.shape)[order])
        starts = self._nnz + np.cumsum(counts)
        self._rows_start.extend(starts.tolist())
        self._nnz += int(row.size)
        self._lo.extend(lo.tolist())
        self._hi.extend(np.broadcast_to(np.asarray(hi, dtype=float), lo.shape).tolist())

    def solve(self, *, time_limit: float, abs_gap: float = 1e-6) -> Solution:
        """Minimise with HiGHS (one thread, silent) within ``time_limit`` seconds."""
        lp = highspy.HighsLp()
        lp.num_col_ = self._n
        lp.num_row_ = self.num_rows
        lp.col_cost_ = _cat(self._cost)
        lp.col_lower_ = _cat(self._lb)
        lp.col_upper_ = _cat(self._ub)
        lp.row_lower_ = np.asarray(self._lo, dtype=float)
        lp.row_upper_ = np.asarray(self._hi, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.asarray(self._rows_start, dtype=np.int32)
        lp.a_matrix_.index_ = _cat(self._index).astype(np.int32)
        lp.a_matrix_.value_ = _cat(self._value)
        lp.a_matrix_.num_col_ = self._n
        lp.a_matrix_.num_row_ = self.num_rows
        integer = _cat(self._int).astype(bool)
        if integer.any():
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                for b in integer
            ]
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", float(abs_gap))
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        values = np.asarray(h.getSolution().col_value, dtype=float)
        optimal = status == highspy.HighsModelStatus.kOptimal
        if values.size != self._n:
            values = np.zeros(self._n)
        gap = 0.0
        if integer.any() and not optimal:
            gap = float(info.objective_function_value - info.mip_dual_bound)
        feasible = optimal or int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
        return Solution(values, h.modelStatusToString(status), optimal, gap, feasible)


def _cat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0)
