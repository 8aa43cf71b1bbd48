"""What the rotation plan optimises: quotas, then shortages, then county balance, then km.

docs/domain.md, “Teacher rotation” and “Balance indicators”. The plan is
lexicographic: no gain at a lower level makes up for a loss at a higher one. The
levels are expressed as weights, each level's whole range below one unit of the level
above it.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "BALANCE_WEIGHT",
    "CREATED_WEIGHT",
    "DISTANCE_WEIGHT",
    "QUOTA_WEIGHT",
    "SEGMENTS",
    "SHORTAGE_WEIGHT",
    "balance_costs",
    "deviation",
]

# 1. The quotas: per teacher a sending school falls short of ceil(rate × eligible),
#    and per backbone teacher short of ceil(backbone_share × moves).
QUOTA_WEIGHT = 1e4
# 2. Receivers' shortage filled in the teacher's subject, in FTE, net of the shortage
#    a move leaves at its sender, which counts twice: a sender's own classes come first,
#    so beyond its quota a teacher goes only where they fill at least twice what their
#    school is left short. A county fills at most a few hundred FTE: far below one
#    teacher of quota.
SHORTAGE_WEIGHT = 10.0
CREATED_WEIGHT = 20.0
# 3. Balance: the county's Σ over level and indicator of the squared coefficient of
#    variation (six terms, each a CV² well below 1): below one FTE of shortage.
BALANCE_WEIGHT = 1.0
# 4. Distance, per km moved: a county's moves add up to well below the smallest
#    balance step. Used only where a move's distance must be chosen inside the model
#    (with ``max_km`` or across counties); otherwise distance is minimised exactly,
#    after the rest is fixed (:func:`planning.rotation.solve.pair_by_distance`).
DISTANCE_WEIGHT = 1e-7
# Segments of each school's convex balance cost; arrivals beyond the last are costed
# at its rate (the cost keeps rising, so this only ever under-charges a ninth move).
SEGMENTS = 8


def deviation(x: np.ndarray, mean: float, below: float | np.ndarray = 1.0) -> np.ndarray:
    """A school's term of the county's CV², (x − x̄)² / x̄², with the part below the
    mean counted ``below`` times (a weak school's shortfall weighs more; its surplus
    does not). Convex in x for ``below`` >= 0, so the plan's costs keep rising.

    >>> deviation(np.array([0.0, 1.0, 2.0]), 1.0, below=2.0).tolist()
    [2.0, 0.0, 1.0]
    """
    gap = np.asarray(x, dtype=float) - mean
    return np.where(gap < 0, below, 1.0) * gap**2 / mean**2


def balance_costs(
    value: float,
    students: float,
    share: float,
    mean: float,
    *,
    steps: int,
    sign: int,
    below: float = 1.0,
) -> np.ndarray:
    """The cost of each of ``steps`` successive arrivals (``sign`` = 1) or departures
    (``sign`` = −1) of one teacher counting toward an indicator, at a school section
    whose ``value`` is the indicator per 100 of its ``students``, ``share`` of its
    county's pupils in that level, where the county's mean is ``mean``.

    Rule (docs/domain.md, “Balance indicators”): with the county's mean x̄ fixed (moves
    stay in the county and in their section), CV² = Σ p_i (x_i − x̄)² / x̄² is a sum of
    one convex function per school of its own count (:func:`deviation`; ``below`` weighs
    a weak school's shortfall); one teacher more changes x_i by h = 100 / students_i, so
    the k-th arrival costs p_i (d(x_i + k·h) − d(x_i + (k−1)·h)). The costs rise with k:
    each extra arrival is worth less than the one before (diminishing returns), and an
    arrival at a school already above the mean costs more than it saves.

    >>> # 200 pupils, none counting, a quarter of the county's pupils, mean 1 per 100:
    >>> balance_costs(0.0, 200, 0.25, 1.0, steps=3, sign=1).round(4).tolist()
    [-0.1875, -0.0625, 0.0625]
    >>> balance_costs(0.0, 200, 0.25, 1.0, steps=3, sign=1, below=2.0).round(4).tolist()
    [-0.375, -0.125, 0.0625]
    """
    h = 100.0 / students
    x = value + sign * h * np.arange(steps + 1)
    return share * np.diff(deviation(x, mean, below))
