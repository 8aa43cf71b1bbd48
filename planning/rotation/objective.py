"""What the rotation plan optimises: the weights, and each candidate move's value.

docs/domain.md, “Teacher rotation” and “Balance indicators”. In order of weight: meet
every sending school's quotas; with ``fill_shortage``, fill as many receiver shortages
as possible; prefer weak receivers and the largest shortages, and send backbone
teachers where they are scarcest; then the shortest distance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning import vocab
from planning.rotation.rules import RotationRules

__all__ = [
    "BACKBONE_VALUE", "FILL_VALUE", "QUOTA_PENALTY", "SHORTAGE_VALUE", "WEAK_VALUE",
    "arc_values", "balance_scores",
]  # fmt: skip

# Objective weights (per teacher moved).
QUOTA_PENALTY = 1_000_000.0  # per teacher a sending school falls short of a quota
FILL_VALUE = 10_000.0  # per move, with fill_shortage: fill as much shortage as possible
WEAK_VALUE = 200.0  # per move into a weak school (薄弱学校)
SHORTAGE_VALUE = 20.0  # per FTE of the receiver's shortage in the subject (up to 10)
BACKBONE_VALUE = 20.0  # per backbone teacher moved, × (scarcity + relief − 20)


def balance_scores(
    schools: pd.DataFrame, teachers: pd.DataFrame, rules: RotationRules
) -> tuple[pd.Series, pd.Series]:
    """How much one backbone teacher more (scarcity) or fewer (relief) evens a school out,
    each 0 (not at all) … 10, indexed by school id (docs/domain.md, “Balance
    indicators”: backbone teachers per 100 students, weighted by enrollment).

    With x = backbone teachers per 100 students and x̄ their enrollment-weighted mean,
    one teacher changes x by Δ = 100 / students. The first-order change of the
    weighted variance is proportional to 2(x − x̄) + Δ for a gain and −2(x − x̄) + Δ for
    a loss, so scarcity = 10 × (x̄ − x − Δ/2) / x̄ and relief = 10 × (x − x̄ − Δ/2) / x̄,
    clipped to 0–10: a large school with none scores high scarcity, a tiny school where
    one teacher would overshoot the mean scores 0.

    >>> s = pd.DataFrame({"school_id": [1, 2], "students_primary": [1000, 1000],
    ...     "students_junior": [0, 0], "students_senior": [0, 0]})
    >>> t = pd.DataFrame({"school_id": [1] * 20, "status": ["active"] * 20,
    ...     "backbone": ["county"] * 20})
    >>> scarcity, relief = balance_scores(s, t, RotationRules())
    >>> scarcity.round(2).tolist(), relief.round(2).tolist()
    ([0.0, 9.5], [9.5, 0.0])
    """
    bb = teachers[
        (teachers["status"] == "active") & teachers["backbone"].isin(rules.backbone_levels)
    ]
    count = bb.groupby("school_id").size().reindex(schools["school_id"], fill_value=0).to_numpy()
    students = schools[[f"students_{lv}" for lv in vocab.LEVELS]].sum(axis=1).to_numpy()
    has = students > 0
    x = np.where(has, count / np.maximum(students, 1) * 100, 0.0)
    mean = np.average(x[has], weights=students[has]) if has.any() else 0.0
    if mean <= 0:
        mean = 1.0
    delta = np.where(has, 100 / np.maximum(students, 1), np.inf)
    index = schools["school_id"].to_numpy()
    scarcity = np.clip(10 * (mean - x - delta / 2) / mean, 0, 10)
    relief = np.clip(10 * (x - mean - delta / 2) / mean, 0, 10)
    return pd.Series(scarcity, index=index), pd.Series(relief, index=index)


def arc_values(arcs: pd.DataFrame) -> np.ndarray:
    """Each candidate move's value per teacher moved, in tenths (integers; km to 100 m).

    Rule (docs/domain.md, “Teacher rotation”): +``WEAK_VALUE`` into a weak school;
    +``SHORTAGE_VALUE`` per FTE of the receiver's shortage in the subject (``cap``, up
    to 10); for a backbone teacher +``BACKBONE_VALUE`` × (the receiver's ``scarcity`` +
    the sender's ``relief`` − 20, see :func:`balance_scores`), so a sending school
    keeps its backbone teachers beyond the required share; −1 per km.

    >>> arcs = pd.DataFrame({"weak": [1.0, 0.0], "cap": [3, 12], "backbone": [False, True],
    ...     "scarcity": [0.0, 10.0], "relief": [0.0, 5.0], "km": [12.34, 1.0]})
    >>> arc_values(arcs).tolist()
    [2477, 990]
    """
    value = (
        WEAK_VALUE * arcs["weak"].to_numpy()
        + SHORTAGE_VALUE * np.minimum(arcs["cap"].to_numpy(), 10)
        + BACKBONE_VALUE
        * arcs["backbone"].to_numpy()
        * (arcs["scarcity"].to_numpy() + arcs["relief"].to_numpy() - 20.0)
        - arcs["km"].to_numpy()
    )
    return np.rint(value * 10).astype("int64")
