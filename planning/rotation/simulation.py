"""Multi-year rotation simulation: retirements, rotation, returns, new hires.

docs/domain.md, “Teacher rotation” and “Balance indicators”.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning import metrics
from planning.columns import TEACHERS
from planning.contracts import check
from planning.establishment import subject_gaps
from planning.rotation.eligibility import receivers
from planning.rotation.planner import plan
from planning.rotation.rules import RotationRules

__all__ = ["simulate"]

_COLUMNS = [
    "year", "retired", "returned", "moved", "backbone_moved", "hired", "teachers",
    "shortage", "counties_primary", "counties_junior",
]  # fmt: skip


def simulate(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    years: int,
    curriculum: pd.DataFrame,
    hire_rate: float = 1.0,
) -> pd.DataFrame:
    """Run the rotation ``years`` times (1–5), one school year after another
    (docs/domain.md, “Teacher rotation”).

    Each year, in order: active teachers at or past the retirement age retire;
    teachers whose term (``rules.term_years``) ends go back to their home school (and
    count their years there afresh); :func:`~planning.rotation.planner.plan` moves this year's
    teachers (each joins the receiving school that year, so is not eligible again while
    away); each retirement is replaced by ``hire_rate`` new teachers in the same school
    and subject (rounded half up per school: new hires are 24, untitled, not backbone).

    Returns one row per year: year, retired, returned, moved, backbone_moved, hired,
    teachers (active), shortage (receivers' subject shortage, FTE, after the year's
    moves) and counties_primary / counties_junior: the counties meeting the threshold
    on all three teacher indicators of :func:`planning.metrics.balance` (0.50 primary,
    0.45 junior), the plan's own objective.
    """
    rules = rules or RotationRules()
    balance_rules = metrics.BalanceRules(backbone_levels=rules.backbone_levels)
    if not 1 <= years <= 5:
        raise ValueError(f"years must be 1–5; got {years}")
    if not 0 <= hire_rate <= 2:
        raise ValueError(f"hire_rate must be in [0, 2]; got {hire_rate}")
    check(teachers, "teachers")
    state = teachers.copy()
    home = pd.Series(dtype="int64")  # teacher_id -> home school, while away
    back = pd.Series(dtype="int64")  # teacher_id -> year of return
    next_id = int(state["teacher_id"].max()) + 1 if len(state) else 1
    receiving = schools.loc[receivers(schools, rules), "school_id"]
    rows = []
    for y in range(year, year + years):
        age = y - state["birth_year"]
        retire_age = np.where(
            state["gender"] == "F", rules.retire_age_female, rules.retire_age_male
        )
        leaving = (state["status"] == "active") & (age >= retire_age)
        gone = state[leaving]
        state = state[~leaving]
        home = home.drop(gone["teacher_id"], errors="ignore")
        back = back.drop(gone["teacher_id"], errors="ignore")

        due = back[back <= y].index
        returning = state["teacher_id"].isin(due)
        homes = home.reindex(state.loc[returning, "teacher_id"]).to_numpy()
        state.loc[returning, "school_id"] = homes
        state.loc[returning, "school_since"] = y
        home, back = home.drop(due), back.drop(due)

        result = plan(state, schools, rules, year=y, curriculum=curriculum)
        moves = result.moves.set_index("teacher_id")
        moving = state["teacher_id"].isin(moves.index)
        state.loc[moving, "school_id"] = (
            moves["to_school"].reindex(state.loc[moving, "teacher_id"]).to_numpy()
        )
        state.loc[moving, "school_since"] = y
        home = pd.concat([home, moves["from_school"]])
        back = pd.concat([back, pd.Series(y + rules.term_years, index=moves.index)])

        hires = _hires(gone, hire_rate, y, next_id)
        next_id += len(hires)
        state = pd.concat([state, hires], ignore_index=True)

        gaps = subject_gaps(schools, state, curriculum)
        teaching = ~gaps["subject"].isin(rules.non_teaching_subjects)
        short = gaps[teaching & gaps["school_id"].isin(receiving)]["gap"].clip(lower=0).sum()
        county = metrics.balance(schools, state, balance_rules)
        meeting = {
            level: int(county[county["level"] == level].groupby("district_id")["meets"].all().sum())
            for level in ("primary", "junior")
        }
        rows.append(
            (
                y,
                len(gone),
                len(due),
                len(moves),
                int(result.moves["backbone"].sum()),
                len(hires),
                int((state["status"] == "active").sum()),
                round(float(short), 3),
                meeting["primary"],
                meeting["junior"],
            )
        )
    return pd.DataFrame(rows, columns=_COLUMNS)


def _hires(gone: pd.DataFrame, rate: float, year: int, first_id: int) -> pd.DataFrame:
    """New teachers replacing the retired, per school and subject; columns the spec
    gives a default (not backbone, status active…) take it."""
    if gone.empty or rate == 0:
        return gone.iloc[0:0]
    slots = gone.groupby(["school_id", "section", "subject"]).size() * rate
    count = np.floor(slots.to_numpy() + 0.5 + 1e-9).astype(int)
    keys = np.repeat(slots.index.to_numpy(), count)
    n = len(keys)
    ids = np.arange(first_id, first_id + n)
    hires = pd.DataFrame(
        {
            "teacher_id": ids,
            "staff_no": [f"N{year}{i:06d}" for i in ids],
            "name": "",
            "gender": np.where(ids % 2 == 0, "F", "M"),
            "birth_year": year - 24,
            "school_id": [k[0] for k in keys],
            "section": [k[1] for k in keys],
            "subject": [k[2] for k in keys],
            "title": "none",
            "post_grade": 13,
            "school_since": year,
            "weekly_periods": 12,
        }
    )
    return hires.assign(**{c: v for c, v in TEACHERS.defaults().items() if c not in hires})
