"""The best set of rotation moves under the rules: quotas met, shortages filled, each
county's teacher balance evened out, the shortest distances.

docs/domain.md, “Teacher rotation” and “Balance indicators”. Source: 教师〔2014〕4号,
教督〔2017〕6号.
"""

from __future__ import annotations

import dataclasses
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planning import vocab
from planning.contracts import check
from planning.establishment import subject_gaps
from planning.metrics import BalanceRules, indicator_values
from planning.rotation.arcs import (
    flag_pool,
    links,
    receiver_capacity,
    receiver_slots,
    sender_spare,
    teacher_groups,
)
from planning.rotation.eligibility import TEACHER_COLUMNS, eligible, quotas, receivers, senders
from planning.rotation.report import RotationSummary, binding, summarize
from planning.rotation.rules import RotationRules
from planning.rotation.solve import (
    TYPE_KEYS,
    CountySolution,
    assign_teachers,
    pair_by_distance,
    solve_county,
)

__all__ = ["RotationPlan", "plan"]

# One county's model: the county (None: the whole scope), solve_county's positional
# arguments and its links.
_Problem = tuple[int | None, tuple[Any, ...], pd.DataFrame | None]

_SCHOOL_COLUMNS = [
    "school_id", "district_id", "location", "is_weak", "lat", "lon",
    *[f"students_{lv}" for lv in vocab.LEVELS], *[f"classes_{lv}" for lv in vocab.LEVELS],
]  # fmt: skip


@dataclass(frozen=True)
class RotationPlan:
    """``moves`` (:data:`~planning.rotation.solve.MOVE_COLUMNS`: teacher_id,
    from_school, to_school, section, subject, km, backbone), ``summary`` (the figures,
    :class:`~planning.rotation.report.RotationSummary`, county balance included) and
    ``binding`` (what limited the plan, :data:`~planning.rotation.report.BINDING_COLUMNS`:
    rule, school_id, required, achieved, reason)."""

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
    balance: BalanceRules | None = None,
) -> RotationPlan:
    """The best set of moves under the rules, for the objective the rotation is for:
    teacher balance within each county (docs/domain.md, “Teacher rotation”).

    Hard rules: only :func:`~planning.rotation.eligibility.eligible` teachers move
    (compulsory sections only), each at most once, within their section, to a receiver
    (:func:`~planning.rotation.eligibility.receivers`) short in the teacher's subject
    (:func:`planning.establishment.subject_gaps`), which takes at most its shortage
    rounded up per subject; ``km`` never exceeds ``max_km``; with ``within_district``
    both schools are in one county. Without ``fill_shortage`` a sender moves no more
    than its quota; with ``keep_sole_backbone`` it keeps at least one backbone teacher.

    Then, lexicographically (:mod:`planning.rotation.objective`): (1) each sender's
    quotas, moves >= ceil(rate × its eligible) and backbone moves >= ceil(backbone_share
    × moves); (2) receivers' shortage filled, in FTE, net of the shortage a move leaves at
    its sender; (3) each county's balance: the sum over primary and junior and over the
    three teacher indicators of ``balance`` (degree above the required level, backbone,
    PE and arts, per 100 students) of the squared coefficient of variation across the
    county's schools, each school's term convex in its count, so each further arrival
    at a school is worth less; weak schools' terms count ``weak_weight`` times; (4) the
    least total distance.

    Counties are independent (县管校聘): each is solved on its own, one per core (a
    mixed-integer program, HiGHS, within ``solve_seconds``; ``summary.solver`` says per
    county whether it is proven optimal or the gap left), then its senders and receivers
    are paired
    over the least distance. With ``within_district`` off, the scope is solved as one.
    Within a group of interchangeable teachers those longest at the school go first,
    then by ``teacher_id``, so the same input gives the same plan.

    When rules cannot all be met the plan meets as much as it can and ``binding`` says
    which rule failed at which school and why; nothing is raised for that.
    """
    rules = rules or RotationRules()
    balance_rules = dataclasses.replace(
        balance or BalanceRules(), backbone_levels=rules.backbone_levels
    )
    check(teachers, "teachers", TEACHER_COLUMNS)
    check(schools, "schools", _SCHOOL_COLUMNS)
    pool = eligible(teachers, schools, rules, year=year)
    pool = flag_pool(pool.assign(bb=pool["backbone"].isin(rules.backbone_levels)), balance_rules)
    sending = schools.loc[senders(schools, rules), "school_id"].to_numpy()
    receiving = schools.loc[receivers(schools, rules), "school_id"]
    gaps = subject_gaps(schools, teachers, curriculum)
    capacity = receiver_capacity(gaps, receiving, rules)
    quota = quotas(pool, sending, rules)
    groups = teacher_groups(pool)
    slots = receiver_slots(capacity, schools, balance_rules).merge(
        groups[TYPE_KEYS].drop_duplicates(), on=TYPE_KEYS
    )
    spare = sender_spare(gaps, sending)
    values = indicator_values(schools, teachers, balance_rules)
    present = teachers[teachers["status"] == "active"]
    held = present[present["backbone"].isin(rules.backbone_levels)].groupby("school_id").size()
    weak = schools.set_index("school_id")["is_weak"]
    district = schools.set_index("school_id")["district_id"]
    use_links = rules.max_km is not None or not rules.within_district
    allowed = unlimited = pd.DataFrame({"group": [], "slot": [], "km": []})
    if use_links:
        allowed, unlimited = links(groups, slots, schools, rules)
    scopes = sorted(schools["district_id"].unique()) if rules.within_district else [None]
    problems: list[_Problem] = []
    for county in scopes:
        in_scope = (
            schools["school_id"]
            if county is None
            else schools.loc[schools["district_id"] == county, "school_id"]
        )
        g_mask = groups["school_id"].isin(in_scope).to_numpy()
        s_mask = slots["receiver"].isin(in_scope).to_numpy()
        q = quota[quota.index.isin(in_scope) & (quota > 0)]
        if not len(q) or not g_mask.any():
            continue
        county_links = None
        if use_links:
            g_pos = pd.Series(range(int(g_mask.sum())), index=groups.index[g_mask])
            s_pos = pd.Series(range(int(s_mask.sum())), index=slots.index[s_mask])
            inside = allowed["group"].isin(g_pos.index) & allowed["slot"].isin(s_pos.index)
            county_links = pd.DataFrame(
                {
                    "group": g_pos.reindex(allowed.loc[inside, "group"]).to_numpy(dtype=np.int64),
                    "slot": s_pos.reindex(allowed.loc[inside, "slot"]).to_numpy(dtype=np.int64),
                    "km": allowed.loc[inside, "km"].to_numpy(),
                }
            )
        county_values = values if county is None else values[values["district_id"] == county]
        problems.append(
            (county, (groups[g_mask], slots[s_mask], q, spare, county_values, weak, held, rules),
             county_links)
        )  # fmt: skip

    def solve_one(problem: _Problem) -> tuple[int | None, CountySolution, float]:
        county, args, county_links = problem
        started = time.perf_counter()
        sol = solve_county(*args, links=county_links)
        return county, sol, time.perf_counter() - started

    # Counties are independent and HiGHS releases the interpreter while it solves: one
    # county per core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool_of_solvers:
        solved = list(pool_of_solvers.map(solve_one, problems))
    pairs, solver = [], []
    for county, sol, seconds in solved:
        pairs.append(sol.pairs if use_links else pair_by_distance(sol.sends, sol.arrivals, schools))
        solver.append(
            (-1 if county is None else int(county), sol.status, sol.optimal, sol.gap, seconds)
        )
    chosen = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame()
    moves = assign_teachers(chosen, pool)
    solver_frame = pd.DataFrame(
        solver, columns=["district_id", "status", "optimal", "gap", "seconds"]
    )
    reach = groups.assign(district_id=district.reindex(groups["school_id"]).to_numpy())
    return RotationPlan(
        moves=moves,
        summary=summarize(
            schools, teachers, pool, quota, moves, capacity, spare, solver_frame, rules,
            balance_rules,
        ),
        binding=binding(
            quota, moves, pool, held, _reached(reach, slots, allowed, district, use_links),
            _reached(reach, slots, unlimited, district, use_links), rules,
        ),
    )  # fmt: skip


def _reached(
    groups: pd.DataFrame,
    slots: pd.DataFrame,
    allowed: pd.DataFrame,
    district: pd.Series,
    use_links: bool,
) -> set[int]:
    """Senders with at least one possible receiver."""
    if use_links:
        return set(groups["school_id"].to_numpy()[allowed["group"].unique().astype(int)])
    right = slots.assign(district_id=district.reindex(slots["receiver"]).to_numpy())
    both = groups.merge(
        right[[*TYPE_KEYS, "district_id"]].drop_duplicates(), on=[*TYPE_KEYS, "district_id"]
    )
    return set(both["school_id"])
