"""Cadre assessment (干部考核): a weighted composite of quantified results, satisfaction
and leaders' review, graded with a cap on the share rated 优秀 (docs/domain.md,
"Cadres and training (干部培训)")."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.contracts import check
from planning.params import ParameterRefused

__all__ = ["AssessmentRules", "grade", "grade_changes"]

_COMPONENTS = ("results", "satisfaction", "review")


@dataclass(frozen=True)
class AssessmentRules:
    """Weights of the three components (they sum to 1), the cap on the share 优秀 and
    the grade floors; defaults in docs/domain.md."""

    results_weight: float = 0.5
    satisfaction_weight: float = 0.3
    review_weight: float = 0.2
    excellent_cap: float = 0.15
    excellent_min: float = 85.0
    pass_min: float = 60.0
    basic_min: float = 50.0

    def __post_init__(self) -> None:
        weights = self.weights
        if any(not 0 <= w <= 1 for w in weights) or abs(sum(weights) - 1) > 1e-9:
            total = round(sum(weights), 6)
            raise ParameterRefused(
                "cadres.refused.weights", f"the weights must each be 0–1 and sum to 1; got {total}",
                total=total,
            )  # fmt: skip
        if not 0 <= self.excellent_cap <= 1:
            raise ParameterRefused(
                "cadres.refused.cap", "the cap on 优秀 must be 0–1", value=self.excellent_cap
            )
        if not self.excellent_min >= self.pass_min >= self.basic_min:
            raise ParameterRefused(
                "cadres.refused.floors", "grade floors must fall: excellent >= pass >= basic",
                value=f"{self.excellent_min}, {self.pass_min}, {self.basic_min}",
            )  # fmt: skip

    @property
    def weights(self) -> tuple[float, float, float]:
        """(results, satisfaction, review)."""
        return (self.results_weight, self.satisfaction_weight, self.review_weight)


def grade(scores: pd.DataFrame, rules: AssessmentRules | None = None, *, year: int) -> pd.DataFrame:
    """Each leader's composite and grade for ``year``.

    composite = results × w₁ + satisfaction × w₂ + review × w₃ (rounded to 4 places).
    Leaders are ranked by composite, highest first (ties: the lower cadre id first);
    优秀 (``excellent``) goes to those ranked within ``floor(excellent_cap × n)`` whose
    composite reaches ``excellent_min``; the others are ``pass`` at ``pass_min`` or more
    (a leader the cap keeps from 优秀 is ``pass``), ``basic`` at ``basic_min`` or more,
    else ``fail``.

    >>> s = pd.DataFrame({"cadre_id": [1, 2, 3, 4], "year": [2025] * 4,
    ...     "results": [95.0, 90.0, 70.0, 40.0], "satisfaction": [90.0, 95.0, 70.0, 40.0],
    ...     "review": [90.0, 90.0, 70.0, 40.0]})
    >>> grade(s, AssessmentRules(excellent_cap=0.25), year=2025)[["cadre_id", "composite",
    ...     "grade"]].to_dict("records")
    [{'cadre_id': 1, 'composite': 92.5, 'grade': 'excellent'},
     {'cadre_id': 2, 'composite': 91.5, 'grade': 'pass'},
     {'cadre_id': 3, 'composite': 70.0, 'grade': 'pass'},
     {'cadre_id': 4, 'composite': 40.0, 'grade': 'fail'}]
    """
    rules = rules or AssessmentRules()
    check(scores, "cadre_scores", ["cadre_id", "year", *_COMPONENTS])
    rows = scores[scores["year"] == year]
    values = rows[list(_COMPONENTS)].to_numpy(dtype=float) @ np.array(rules.weights)
    out = rows[["cadre_id"]].assign(composite=np.round(values, 4))
    out = out.sort_values(["composite", "cadre_id"], ascending=[False, True], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    seats = math.floor(rules.excellent_cap * len(out) + 1e-9)
    composite = out["composite"]
    out["grade"] = np.select(
        [
            (out["rank"] <= seats) & (composite >= rules.excellent_min),
            composite >= rules.pass_min,
            composite >= rules.basic_min,
        ],
        ["excellent", "pass", "basic"],
        "fail",
    )
    return out.reset_index(drop=True)


def grade_changes(
    scores: pd.DataFrame, rules: AssessmentRules, before: AssessmentRules, *, year: int
) -> pd.DataFrame:
    """The leaders whose grade under ``rules`` differs from that under ``before``:
    cadre_id, composite and grade under each (``_before`` / ``_after``).

    >>> s = pd.DataFrame({"cadre_id": [1, 2], "year": [2025] * 2,
    ...     "results": [95.0, 80.0], "satisfaction": [80.0, 95.0], "review": [90.0, 90.0]})
    >>> after = AssessmentRules(0.2, 0.6, 0.2, excellent_cap=0.5)
    >>> grade_changes(s, after, AssessmentRules(excellent_cap=0.5), year=2025)[
    ...     ["cadre_id", "grade_before", "grade_after"]].to_dict("records")
    [{'cadre_id': 1, 'grade_before': 'excellent', 'grade_after': 'pass'},
     {'cadre_id': 2, 'grade_before': 'pass', 'grade_after': 'excellent'}]
    """
    old = grade(scores, before, year=year)[["cadre_id", "composite", "grade"]]
    new = grade(scores, rules, year=year)[["cadre_id", "composite", "grade"]]
    both = old.merge(new, on="cadre_id", suffixes=("_before", "_after"))
    changed = both[both["grade_before"] != both["grade_after"]]
    return changed.sort_values("cadre_id").reset_index(drop=True)
