"""The best set of rotation moves under the rules: quotas met, shortages filled, each
county's teacher balance evened out, the shortest distances.

docs/domain.md, “Teacher rotation” and “Balance indicators”. Source: 教师〔2014〕4号,
教督〔2017〕6号.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planning.metrics import BalanceRules
from planning.rotation.counties import prepare, solve_each, split
from planning.rotation.report import RotationSummary, binding, summarize
from planning.rotation.rules import RotationRules
from planning.rotation.solve import (
    TYPE_KEYS,
    assign_teachers,
    pair_by_distance,
    solve_county,
)

__all__ = ["RotationPlan", "plan"]


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
    inputs = prepare(teachers, schools, rules, year=year, curriculum=curriculum, balance=balance)
    counties = split(inputs)
    solved = solve_each(
        counties,
        lambda c: solve_county(
            c.groups, c.slots, c.quota, inputs.spare, c.values, inputs.weak, inputs.held,
            rules, links=c.links,
        ),
    )  # fmt: skip
    pairs, solver = [], []
    for county, (sol, seconds) in zip(counties, solved, strict=True):
        pairs.append(
            sol.pairs if inputs.use_links else pair_by_distance(sol.sends, sol.arrivals, schools)
        )
        code = -1 if county.county is None else county.county
        solver.append((code, sol.status, sol.optimal, sol.gap, seconds))
    chosen = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame()
    moves = assign_teachers(chosen, inputs.pool)
    solver_frame = pd.DataFrame(
        solver, columns=["district_id", "status", "optimal", "gap", "seconds"]
    )
    groups, slots, district = inputs.groups, inputs.slots, inputs.district
    reach = groups.assign(district_id=district.reindex(groups["school_id"]).to_numpy())
    use_links = inputs.use_links
    return RotationPlan(
        moves=moves,
        summary=summarize(
            schools, teachers, inputs.pool, inputs.quota, moves, inputs.capacity, inputs.spare,
            solver_frame, rules, inputs.balance,
        ),
        binding=binding(
            inputs.quota, moves, inputs.pool, inputs.held,
            _reached(reach, slots, inputs.allowed, district, use_links),
            _reached(reach, slots, inputs.unlimited, district, use_links), rules,
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
