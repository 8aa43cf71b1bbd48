"""Balance indicators (均衡): coefficient of variation, Gini.

docs/domain.md, “Balance indicators”.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

__all__ = ["CV_THRESHOLD", "backbone_cv", "cv", "gini"]

# 教督〔2017〕6号: the coefficient of variation of each teacher indicator across a
# county's schools must be at most 0.50 (primary) and 0.45 (junior).
CV_THRESHOLD = {"primary": 0.50, "junior": 0.45}

ArrayLike: TypeAlias = Sequence[float] | np.ndarray | pd.Series


def cv(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Coefficient of variation (差异系数) of ``values``, weighted as docs/domain.md,
    “Balance indicators” states.

    With p_i = w_i / Σ w, mean x̄ = Σ p_i x_i and CV = sqrt(Σ p_i (x_i − x̄)²) / x̄;
    schools are weighted by enrollment. Unweighted when ``weights`` is None. Returns
    ``nan`` for no values, zero total weight or a zero mean.

    >>> cv([1, 1, 1])
    0.0
    >>> round(cv([1, 3]), 4)
    0.5
    >>> round(cv([1, 3], weights=[3, 1]), 4)
    0.5774
    """
    x = np.asarray(values, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    if x.size == 0 or w.shape != x.shape or (w < 0).any() or w.sum() <= 0:
        return float("nan")
    p = w / w.sum()
    mean = float((p * x).sum())
    if mean == 0:
        return float("nan")
    return float(np.sqrt((p * (x - mean) ** 2).sum()) / mean)


def backbone_cv(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    *,
    level: str,
    backbone_levels: Sequence[str] = ("county", "city", "province"),
) -> float:
    """CV across schools of backbone teachers per 100 students (docs/domain.md,
    “Balance indicators”).

    Schools enrolling students in ``level`` count; x = the school's active teachers
    with a backbone level in ``backbone_levels`` per 100 of its students, weighted by
    its enrollment in ``level``. Compare with :data:`CV_THRESHOLD`.
    """
    enrolled = schools[schools[f"students_{level}"] > 0].sort_values("school_id")
    if enrolled.empty:
        return float("nan")
    active = teachers[(teachers["status"] == "active") & teachers["backbone"].isin(backbone_levels)]
    count = active.groupby("school_id").size().reindex(enrolled["school_id"], fill_value=0)
    students = enrolled[["students_primary", "students_junior", "students_senior"]].sum(axis=1)
    x = count.to_numpy() / students.to_numpy() * 100
    return cv(x, weights=enrolled[f"students_{level}"].to_numpy())


def gini(values: ArrayLike) -> float:
    """Gini coefficient of non-negative ``values`` (0 equal … 1 one takes all).

    >>> gini([5, 5, 5])
    0.0
    >>> round(gini([0, 0, 0, 10]), 4)
    0.75
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    if n == 0 or x.sum() == 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * x).sum()) / (n * x.sum()) - (n + 1) / n)
