"""The best set of rotation moves under the rules: quotas met, shortages filled, each
county's teacher balance evened out, the shortest distances.

docs/domain.md, “Teacher rotation” and “Balance indicators”. Source: 教师〔2014〕4号,
教督〔2017〕6号.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planning.geo import km_pairs
from planning.metrics import BalanceRules
from planning.rotation.counties import prepare, solve_each, split
from planning.rotation.report import RotationSummary, binding, summarize
from planning.rotation.rules import RotationRules
from planning.rotation.solve import (
    MOVE_COLUMNS,
    TYPE_KEYS,
    assign_teachers,
    pair_by_distance,
    solve_county,
)
from planning.rotation.wishes import WISH_COLUMNS, WishOutcome, move_reasons, wish_outcome

__all__ = ["RotationPlan", "plan"]


@dataclass(frozen=True)
class RotationPlan:
    """``moves`` (:data:`~planning.rotation.solve.MOVE_COLUMNS`: teacher_id,
    from_school, to_school, section, subject, km, backbone), ``summary`` (the figures,
    :class:`~planning.rotation.report.RotationSummary`, county balance included) and
    ``binding`` (what limited the plan, :data:`~planning.rotation.report.BINDING_COLUMNS`:
    rule, school_id, required, achieved, reason). Each move also says why the teacher
    goes there (``reason``, :data:`~planning.rotation.wishes.MOVE_REASONS`, and
    ``wish_rank``); ``wishes`` tells how the moves meet the teachers' wishes
    (:class:`~planning.rotation.wishes.WishOutcome`)."""

    moves: pd.DataFrame
    summary: RotationSummary
    binding: pd.DataFrame = field(repr=False)
    wishes: WishOutcome = field(repr=False)


def plan(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    curriculum: pd.DataFrame,
    balance: BalanceRules | None = None,
    wishes: pd.DataFrame | None = None,
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

    With ``wishes`` (WISH_COLUMNS: teacher_id, rank 1–5, school_id; docs/domain.md,
    “Teachers' wishes”) and ``rules.use_wishes`` a further stage places as many
    wishing teachers as it can at a listed school, best rank first, holding the quotas
    and shortage and giving up at most ``wish_tolerance`` of the balance gain
    (:func:`~planning.rotation.wishes.wish_stage`); wishes the plan cannot use are
    left out and counted (``wishes.ignored``), and the plan runs on the rest.

    When rules cannot all be met the plan meets as much as it can and ``binding`` says
    which rule failed at which school and why; nothing is raised for that.
    """
    rules = rules or RotationRules()
    if not rules.use_wishes:
        wishes = None
    inputs = prepare(
        teachers, schools, rules, year=year, curriculum=curriculum, balance=balance,
        wishes=wishes,
    )  # fmt: skip
    counties = split(inputs)
    solved = solve_each(
        counties,
        lambda c: solve_county(
            c.groups, c.slots, c.quota, inputs.spare, c.values, inputs.weak, inputs.held,
            rules, links=c.links, wishes=c.wishes if wishes is not None else None,
        ),
    )  # fmt: skip
    pairs, solver, granted, options = [], [], [], []
    for county, (sol, seconds) in zip(counties, solved, strict=True):
        pairs.append(
            sol.pairs if inputs.use_links else pair_by_distance(sol.sends, sol.arrivals, schools)
        )
        code = -1 if county.county is None else county.county
        solver.append(
            (code, sol.status, sol.optimal, sol.gap, seconds, sol.wish_optimal, sol.wish_gap)
        )
        granted.append(sol.granted)
        options.append(sol.options)
    chosen = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame()
    wished = _frames(granted, ["teacher_id", "rank", "school_id", "from_school", *TYPE_KEYS])
    rest = inputs.pool[~inputs.pool["teacher_id"].isin(wished["teacher_id"])]
    moves = _with_wished(assign_teachers(chosen, rest), wished, schools)
    moves = move_reasons(
        moves, inputs.wishes, _frames(options, WISH_COLUMNS), wished, inputs.capacity
    )
    solver_frame = pd.DataFrame(
        solver,
        columns=["district_id", "status", "optimal", "gap", "seconds", "wish_optimal", "wish_gap"],
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
        wishes=wish_outcome(moves, inputs.wishes, inputs.ignored),
    )  # fmt: skip


def _frames(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The non-empty ``parts`` as one frame (``columns`` when there are none)."""
    kept = [p for p in parts if len(p)]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=columns)


def _with_wished(moves: pd.DataFrame, wished: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """``moves`` and the granted wishes' moves (each teacher to their wished school),
    by teacher_id."""
    if wished.empty:
        return moves
    place = schools.set_index("school_id")
    frm, to = wished["from_school"].to_numpy(), wished["school_id"].to_numpy()
    km = km_pairs(
        place["lat"].reindex(frm).to_numpy(), place["lon"].reindex(frm).to_numpy(),
        place["lat"].reindex(to).to_numpy(), place["lon"].reindex(to).to_numpy(),
    )  # fmt: skip
    granted = pd.DataFrame(
        {"teacher_id": wished["teacher_id"].to_numpy(), "from_school": frm, "to_school": to,
         "section": wished["section"].to_numpy(), "subject": wished["subject"].to_numpy(),
         "km": km, "backbone": wished["bb"].to_numpy(dtype=bool)}
    )  # fmt: skip
    both = pd.concat([moves, granted], ignore_index=True) if len(moves) else granted
    return both.sort_values("teacher_id", ignore_index=True).astype(MOVE_COLUMNS)


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
