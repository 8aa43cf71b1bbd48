"""The best set of rotation moves under the rules, proven optimal for the objective.

docs/domain.md, “Teacher rotation” and “Balance indicators”. Source: 教师〔2014〕4号.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planning import vocab
from planning.contracts import check
from planning.establishment import subject_gaps
from planning.rotation.arcs import candidate_arcs, receiver_capacity, sender_surplus, teacher_groups
from planning.rotation.eligibility import TEACHER_COLUMNS, eligible, quotas, receivers, senders
from planning.rotation.objective import balance_scores
from planning.rotation.report import RotationSummary, binding, summarize
from planning.rotation.rules import RotationRules
from planning.rotation.solve import assign_teachers, solve_flow, solve_mip

__all__ = ["RotationPlan", "plan"]

_SCHOOL_COLUMNS = [
    "school_id", "district_id", "location", "is_weak", "lat", "lon",
    *[f"students_{lv}" for lv in vocab.LEVELS], *[f"classes_{lv}" for lv in vocab.LEVELS],
]  # fmt: skip


@dataclass(frozen=True)
class RotationPlan:
    """``moves`` (:data:`~planning.rotation.solve.MOVE_COLUMNS`: teacher_id,
    from_school, to_school, subject, km, backbone), ``summary`` (the figures,
    :class:`~planning.rotation.report.RotationSummary`) and ``binding`` (what limited
    the plan, :data:`~planning.rotation.report.BINDING_COLUMNS`: rule, school_id,
    required, achieved, reason)."""

    moves: pd.DataFrame
    summary: RotationSummary
    binding: pd.DataFrame = field(repr=False)


def plan(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    curriculum: pd.DataFrame,
) -> RotationPlan:
    """The best set of moves under the rules, proven optimal for this objective
    (docs/domain.md, “Teacher rotation”).

    Hard rules: only :func:`~planning.rotation.eligibility.eligible` teachers move, each
    at most once, to a receiver (:func:`~planning.rotation.eligibility.receivers`) short
    in the teacher's subject (:func:`planning.establishment.subject_gaps`), a receiver
    taking at most its shortage rounded up, per subject; ``km`` is the great-circle
    distance and never exceeds ``max_km``; with ``within_district`` both schools are in
    one county. Per sending school, moves >= ceil(rate × its eligible) and backbone
    moves >= ceil(backbone_share × its moves); without ``fill_shortage`` a school moves
    no more than its quota; with it, it never gives up a teacher of a subject it is
    itself short of (the sender keeps its own subject need).

    Objective (:mod:`planning.rotation.objective`), maximised: −1,000,000 per teacher a
    sending school falls short of its quota, and −1,000,000 per backbone teacher short
    of ceil(backbone_share × quota); +10,000 per move with ``fill_shortage``; per move
    the arc's value (:func:`~planning.rotation.objective.arc_values`: weak receivers,
    the largest shortages, backbone teachers from where they are plentiful to where
    they are scarcest, −1 per km). Without ``fill_shortage`` this is a min-cost flow
    (OR-Tools network simplex); with it, the backbone share must hold for every extra
    move too, an integer program (HiGHS). Both are solved to proven optimality; within
    a group of interchangeable teachers (same school, subject and backbone flag) those
    longest at the school go first, then by ``teacher_id``, so the same input gives the
    same plan.

    When rules cannot all be met the plan meets as much as it can and ``binding`` says
    which rule failed at which school and why; nothing is raised for that.
    """
    rules = rules or RotationRules()
    check(teachers, "teachers", TEACHER_COLUMNS)
    check(schools, "schools", _SCHOOL_COLUMNS)
    pool = eligible(teachers, schools, rules, year=year)
    pool = pool.assign(bb=pool["backbone"].isin(rules.backbone_levels))
    sending = schools.loc[senders(schools, rules), "school_id"].to_numpy()
    receiving = schools.loc[receivers(schools, rules), "school_id"]

    gaps = subject_gaps(schools, teachers, curriculum)
    place = schools.set_index("school_id")
    scarcity, relief = balance_scores(schools, teachers, rules)
    capacity = receiver_capacity(gaps, receiving, rules)
    capacity = capacity.assign(
        weak=place["is_weak"].reindex(capacity["receiver"]).to_numpy().astype(float),
        scarcity=scarcity.reindex(capacity["receiver"]).to_numpy(),
    )
    quota = quotas(pool, sending, rules)
    groups = teacher_groups(pool)
    arcs, unlimited = candidate_arcs(groups, capacity, schools, rules)
    arcs["relief"] = relief.reindex(arcs["school_id"]).to_numpy()
    active_quota = quota[quota > 0]
    moves_per_arc = np.zeros(len(arcs), dtype="int64")
    if len(arcs) and len(active_quota):
        if rules.fill_shortage:
            surplus = sender_surplus(gaps, sending)
            moves_per_arc = solve_mip(arcs, groups, active_quota, surplus, rules)
        else:
            moves_per_arc = solve_flow(arcs, groups, active_quota, rules)
    moves = assign_teachers(arcs, moves_per_arc, pool)
    return RotationPlan(
        moves=moves,
        summary=summarize(schools, teachers, pool, quota, moves, capacity, rules),
        binding=binding(quota, moves, pool, arcs, unlimited, rules),
    )
