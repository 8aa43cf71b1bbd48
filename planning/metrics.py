"""Balance indicators (均衡): coefficient of variation, Gini.

docs/domain.md, “Balance indicators”.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd

from planning import params

__all__ = [
    "BALANCE_LEVELS", "INDICATORS", "BalanceRules", "balance",
    "cv", "gini", "indicator_flags", "indicator_values",
]  # fmt: skip

INDICATORS: tuple[str, ...] = ("degree", "backbone", "pe_arts")
BALANCE_LEVELS: tuple[str, ...] = ("primary", "junior")

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


@dataclass(frozen=True)
class BalanceRules:
    """The teacher indicators of the county quality-balance rule, with its numbers.

    docs/domain.md, “Balance indicators (均衡)” (教督〔2017〕6号): per 100 students of a
    school section, teachers with a degree above the level required for that section
    (``degree_above``: 专科 or higher for primary, 本科 or higher for junior),
    county-level-or-higher backbone teachers (``backbone_levels``) and PE and arts
    teachers (``pe_arts_subjects``: PE, music, fine arts). Each indicator's
    enrollment-weighted coefficient of variation across a county's schools must be at
    most ``cv_max_primary`` / ``cv_max_junior``; each school should reach the per-school
    minimums (``min_*``). Sections with fewer than ``min_students`` pupils (teaching
    points, 教学点) are left out of the coefficient.
    """

    cv_max_primary: float = 0.50
    cv_max_junior: float = 0.45
    min_degree_primary: float = 4.2
    min_degree_junior: float = 5.3
    min_backbone: float = 1.0
    min_pe_arts: float = 0.9
    min_students: int = 50
    backbone_levels: tuple[str, ...] = ("county", "city", "province")
    pe_arts_subjects: tuple[str, ...] = ("pe", "music", "art")
    degree_above_primary: tuple[str, ...] = ("associate", "bachelor", "postgraduate")
    degree_above_junior: tuple[str, ...] = ("bachelor", "postgraduate")

    def cv_max(self, level: str) -> float:
        """The threshold of ``level`` (primary or junior)."""
        return self.cv_max_primary if level == "primary" else self.cv_max_junior

    def minimum(self, level: str, indicator: str) -> float:
        """The per-school minimum per 100 students of ``indicator`` in ``level``."""
        if indicator == "degree":
            return self.min_degree_primary if level == "primary" else self.min_degree_junior
        return self.min_backbone if indicator == "backbone" else self.min_pe_arts

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> BalanceRules:
        return params.from_json(cls, text)


def indicator_flags(teachers: pd.DataFrame, rules: BalanceRules) -> pd.DataFrame:
    """Which indicators each teacher counts toward: columns degree, backbone, pe_arts.

    ``degree`` depends on the teacher's ``section``: above 中专 for primary, above 专科
    for junior (the Teachers Law's required levels). Senior-section teachers count
    toward none (the rule covers compulsory schools).

    >>> t = pd.DataFrame({"section": ["primary", "junior", "junior"],
    ...     "degree": ["associate", "associate", "bachelor"],
    ...     "backbone": ["county", "school", "none"], "subject": ["math", "pe", "art"]})
    >>> indicator_flags(t, BalanceRules()).to_numpy().tolist()
    [[True, True, False], [False, False, True], [True, False, True]]
    """
    section = teachers["section"]
    above = (section.eq("primary") & teachers["degree"].isin(rules.degree_above_primary)) | (
        section.eq("junior") & teachers["degree"].isin(rules.degree_above_junior)
    )
    compulsory = section.isin(BALANCE_LEVELS)
    return pd.DataFrame(
        {
            "degree": above.to_numpy(),
            "backbone": (compulsory & teachers["backbone"].isin(rules.backbone_levels)).to_numpy(),
            "pe_arts": (compulsory & teachers["subject"].isin(rules.pe_arts_subjects)).to_numpy(),
        },
        index=teachers.index,
    )


def indicator_values(
    schools: pd.DataFrame, teachers: pd.DataFrame, rules: BalanceRules | None = None
) -> pd.DataFrame:
    """Each school section's teacher indicators per 100 of its students.

    One row per (school_id, level) with students in that compulsory level: district_id,
    students, included (at least ``min_students``: teaching points are left out of the
    county coefficient), and per indicator the count of active teachers of that section
    and the value per 100 students. A nine-year school (九年一贯制) gives two rows, each
    section with its own pupils and its own teachers (``section``), as the rule counts
    them; a complete secondary school's senior section is not counted.
    """
    rules = rules or BalanceRules()
    active = teachers[teachers["status"] == "active"]
    flags = indicator_flags(active, rules)
    rows = []
    for level in BALANCE_LEVELS:
        enrolled = schools[schools[f"students_{level}"] > 0]
        of_level = flags[active["section"].to_numpy() == level]
        ids = active.loc[of_level.index, "school_id"]
        frame = pd.DataFrame(
            {
                "school_id": enrolled["school_id"].to_numpy(),
                "district_id": enrolled["district_id"].to_numpy(),
                "level": level,
                "students": enrolled[f"students_{level}"].to_numpy(),
            }
        )
        frame["included"] = frame["students"] >= rules.min_students
        for indicator in INDICATORS:
            count = of_level[indicator].groupby(ids).sum()
            n = count.reindex(frame["school_id"], fill_value=0).to_numpy().astype("int64")
            frame[f"{indicator}_count"] = n
            frame[indicator] = n / frame["students"].to_numpy() * 100
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)


def balance(
    schools: pd.DataFrame, teachers: pd.DataFrame, rules: BalanceRules | None = None
) -> pd.DataFrame:
    """The 2017 teacher indicators by county: the coefficient of variation against the
    threshold, and the schools below the per-school minimum.

    Rule (docs/domain.md, “Balance indicators (均衡)”, 教督〔2017〕6号): each county (县域,
    ``district_id``) is judged on its own, never one figure over the city. For each
    compulsory level and indicator, x_i is school section i's value per 100 students
    (:func:`indicator_values`), weighted by its students: p_i = students_i / Σ students,
    x̄ = Σ p_i x_i, CV = sqrt(Σ p_i (x_i − x̄)²) / x̄ (:func:`cv`), over the sections with
    at least ``min_students`` pupils. ``meets`` is CV ≤ the level's threshold (0.50
    primary, 0.45 junior); a county whose mean is 0 (no such teacher at all) has an
    undefined CV and does not meet it.

    Returns one row per (district_id, level, indicator): cv, threshold, meets, mean,
    schools (sections counted), below_min (of those, how many fall below the per-school
    minimum) and minimum.

    >>> s = pd.DataFrame({"school_id": [1, 2], "district_id": [1, 1],
    ...     "students_primary": [100, 300], "students_junior": [0, 0]})
    >>> t = pd.DataFrame({"school_id": [1, 2, 2, 2], "section": ["primary"] * 4,
    ...     "status": ["active"] * 4, "degree": ["bachelor"] * 4,
    ...     "backbone": ["county", "none", "none", "county"], "subject": ["math"] * 4})
    >>> b = balance(s, t)
    >>> b[b["indicator"] == "backbone"][["cv", "meets", "below_min"]].round(3).to_numpy().tolist()
    [[0.577, False, 1]]
    """
    rules = rules or BalanceRules()
    values = indicator_values(schools, teachers, rules)
    rows = []
    for (district, level), group in values[values["included"]].groupby(["district_id", "level"]):
        for indicator in INDICATORS:
            x = group[indicator].to_numpy()
            w = group["students"].to_numpy()
            value = cv(x, weights=w)
            minimum = rules.minimum(str(level), indicator)
            rows.append(
                {
                    "district_id": int(district),
                    "level": str(level),
                    "indicator": indicator,
                    "cv": value,
                    "threshold": rules.cv_max(str(level)),
                    "meets": bool(value <= rules.cv_max(str(level))),
                    "mean": float(np.average(x, weights=w)),
                    "schools": len(group),
                    "below_min": int((x < minimum - 1e-9).sum()),
                    "minimum": minimum,
                }
            )
    return pd.DataFrame(rows)
