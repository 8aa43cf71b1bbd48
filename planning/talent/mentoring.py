"""Mentoring network (带教, 联系点): backbone and special-grade teachers paired with
weak schools, so that each weak school has a mentor in each subject it lacks.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Mentoring”.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import params, vocab
from planning.contracts import check
from planning.establishment import subject_gaps
from planning.geo import km_matrix
from planning.lp import LinearModel, Solution
from planning.talent.errors import TalentError

__all__ = ["MentoringPlan", "MentoringRules", "mentoring"]


@dataclass(frozen=True)
class MentoringRules:
    """The mentoring assignment's parameters (docs/domain.md, “Mentoring”).

    ``max_km``: the longest distance between a mentor's school and the weak school
    (> 0); ``max_schools``: the most weak schools one mentor takes (k ≥ 1);
    ``mentor_levels``: backbone levels that mentor (special-grade teachers always
    do); ``strong_levels``: backbone levels whose presence at a weak school means it
    does not lack the subject; ``solve_seconds``: the solver's time limit."""

    max_km: float = 30.0
    max_schools: int = 2
    mentor_levels: tuple[str, ...] = ("city", "province")
    strong_levels: tuple[str, ...] = ("county", "city", "province")
    solve_seconds: float = 10.0

    def __post_init__(self) -> None:
        if not self.max_km > 0:
            raise TalentError("max_km", value=self.max_km)
        if self.max_schools < 1:
            raise TalentError("max_schools", value=self.max_schools)
        for name in ("mentor_levels", "strong_levels"):
            unknown = set(getattr(self, name)) - set(vocab.BACKBONES)
            if unknown:
                raise TalentError("unknown_backbone", value=", ".join(sorted(unknown)))

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> MentoringRules:
        return params.from_json(cls, text)


@dataclass(frozen=True)
class MentoringPlan:
    """``needs``: each weak school and subject it lacks (school_id, subject,
    covered: whether a mentor was assigned, reason: ``no_mentor_near`` when no mentor
    of the subject is within reach, ``mentors_full`` when those within reach were
    all taken, empty when covered); ``pairs``: teacher_id (mentor), mentor_school_id,
    school_id (weak), subject, km; ``needed``: weak school × subject cells taught there;
    ``covered_before``: of them, those with a strong teacher of their own;
    ``covered_after``: those plus the cells a mentor now covers; ``optimal``: whether
    HiGHS proved the assignment optimal."""

    needs: pd.DataFrame
    pairs: pd.DataFrame
    needed: int
    covered_before: int
    covered_after: int
    optimal: bool


def mentoring(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    curriculum: pd.DataFrame,
    rules: MentoringRules | None = None,
) -> MentoringPlan:
    """Pair mentors with the weak schools' subjects that lack a strong teacher.

    Rule (docs/domain.md, “Mentoring”): the cells are each weak school's
    (``is_weak``) subjects with a need (:func:`planning.establishment.subject_gaps`,
    need > 0); a cell is covered before when an active teacher of that subject at the
    school is special-grade or backbone in ``strong_levels``, else it *lacks* the
    subject. Mentors are active special-grade teachers and backbone teachers in
    ``mentor_levels`` at schools that are not weak. An assignment x[mentor, cell] ∈
    {0, 1} is allowed when the subjects match and the schools are at most ``max_km``
    apart; each lacking cell gets at most one mentor and each mentor at most
    ``max_schools`` cells (a mentor mentors one subject, so cells = schools).
    Lexicographically: the most cells covered, then the least total distance (as one
    objective: each cell is worth more than any sum of distances). A bipartite
    b-matching: its constraint matrix is totally unimodular, so the linear program
    has integral optimal vertices; HiGHS solves the LP, and the MIP should a
    solution come back fractional.

    Refuses a city with no mentor at all (``no_mentors``).
    """
    rules = rules or MentoringRules()
    check(schools, "schools", ["school_id", "is_weak", "lat", "lon"])
    check(
        teachers,
        "teachers",
        ["teacher_id", "school_id", "subject", "backbone", "special_grade", "status"],
    )
    active = teachers[teachers["status"] == "active"]
    weak_ids = schools.loc[schools["is_weak"], "school_id"]
    weak = schools[schools["school_id"].isin(weak_ids)]
    gaps = subject_gaps(weak, active, curriculum)
    cells = gaps.loc[gaps["need"] > 0, ["school_id", "subject"]].reset_index(drop=True)
    strong = active[active["special_grade"] | active["backbone"].isin(rules.strong_levels)]
    have = set(zip(strong["school_id"], strong["subject"], strict=True))
    cells["before"] = [
        (s, j) in have for s, j in zip(cells["school_id"], cells["subject"], strict=True)
    ]
    lacking = cells[~cells["before"]].reset_index(drop=True)
    mentors = active[
        (active["special_grade"] | active["backbone"].isin(rules.mentor_levels))
        & ~active["school_id"].isin(weak_ids)
    ].reset_index(drop=True)
    if mentors.empty:
        raise TalentError("no_mentors")
    where = schools.set_index("school_id")[["lat", "lon"]]
    m_at = where.loc[mentors["school_id"]].to_numpy(dtype=float)
    c_at = where.loc[lacking["school_id"]].to_numpy(dtype=float)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    kms: list[np.ndarray] = []
    for subject, m_idx in mentors.groupby("subject").indices.items():
        c_idx = np.flatnonzero(lacking["subject"].to_numpy() == subject)
        if c_idx.size == 0:
            continue
        km = km_matrix(m_at[m_idx, 0], m_at[m_idx, 1], c_at[c_idx, 0], c_at[c_idx, 1])
        mi, ci = np.nonzero(km <= rules.max_km)
        rows.append(m_idx[mi])
        cols.append(c_idx[ci])
        kms.append(km[mi, ci])
    mentor_of = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    cell_of = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    km_of = np.concatenate(kms) if kms else np.zeros(0)
    chosen = np.zeros(mentor_of.size, dtype=bool)
    optimal = True
    if mentor_of.size:
        args = (mentor_of, cell_of, km_of, len(lacking), len(mentors), rules)
        solution = _assign(*args, integer=False)
        if np.abs(solution.values - np.round(solution.values)).max() > 1e-6:
            solution = _assign(*args, integer=True)  # a fractional vertex: solve the MIP
        chosen = solution.values > 0.5
        optimal = solution.optimal
    pairs = pd.DataFrame(
        {
            "teacher_id": mentors["teacher_id"].to_numpy()[mentor_of[chosen]],
            "mentor_school_id": mentors["school_id"].to_numpy()[mentor_of[chosen]],
            "school_id": lacking["school_id"].to_numpy()[cell_of[chosen]],
            "subject": lacking["subject"].to_numpy()[cell_of[chosen]],
            "km": km_of[chosen],
        }
    ).astype({"teacher_id": "int64", "mentor_school_id": "int64", "school_id": "int64"})
    pairs = pairs.sort_values(["school_id", "subject"]).reset_index(drop=True)
    got = np.zeros(len(lacking), dtype=bool)
    got[cell_of[chosen]] = True
    reachable = np.zeros(len(lacking), dtype=bool)
    reachable[cell_of] = True
    needs = lacking[["school_id", "subject"]].assign(
        covered=got,
        reason=np.select([got, reachable], ["", "mentors_full"], "no_mentor_near"),
    )
    before = int(cells["before"].sum())
    return MentoringPlan(
        needs=needs,
        pairs=pairs,
        needed=len(cells),
        covered_before=before,
        covered_after=before + int(got.sum()),
        optimal=optimal,
    )


def _assign(
    mentor_of: np.ndarray,
    cell_of: np.ndarray,
    km_of: np.ndarray,
    cells: int,
    mentors: int,
    rules: MentoringRules,
    *,
    integer: bool,
) -> Solution:
    """The b-matching: each allowed pair a column in [0, 1] costing its distance less
    the worth of a covered cell (more than any sum of distances); each cell at most
    one mentor, each mentor at most ``max_schools`` cells."""
    model = LinearModel()
    worth = float(km_of.sum()) + 1.0
    x = model.add_cols(np.zeros(mentor_of.size), 1.0, km_of - worth, integer=integer)
    model.add_rows(cell_of, x, 1.0, np.full(cells, -np.inf), 1.0)
    model.add_rows(mentor_of, x, 1.0, np.full(mentors, -np.inf), rules.max_schools)
    return model.solve(time_limit=rules.solve_seconds)
