"""Urban–rural teacher rotation (交流轮岗): who is eligible, and the best set of moves.

DOMAIN.md, "Teacher rotation (交流轮岗)" and "Balance indicators (均衡)". Source:
教师〔2014〕4号.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow
from ortools.linear_solver import pywraplp

from planning import metrics, params, vocab
from planning.contracts import check
from planning.establishment import subject_gaps
from planning.geo import km_pairs

__all__ = ["OBJECTIVE", "RotationPlan", "RotationRules", "eligible", "plan", "receivers", "senders"]

# Objective weights (per teacher moved) — see :func:`plan`.
QUOTA_PENALTY = 1_000_000.0  # per teacher a sending school falls short of a quota
FILL_VALUE = 10_000.0  # per move, with fill_shortage: fill as much shortage as possible
WEAK_VALUE = 200.0  # per move into a weak school (薄弱学校)
SHORTAGE_VALUE = 20.0  # per FTE of the receiver's shortage in the subject (up to 10)
BACKBONE_VALUE = 20.0  # per backbone teacher moved, × (scarcity + relief − 20): see plan()
OBJECTIVE = (
    "1. meet every sending school's quotas (moves >= ceil(rate × eligible); backbone "
    "moves >= ceil(backbone_share × moves)); 2. with fill_shortage, fill as many "
    "receiver shortages as possible; 3. prefer weak receivers and the largest "
    "shortages, and send backbone teachers where they are scarcest; 4. minimise km."
)


@dataclass(frozen=True)
class RotationRules:
    """The rotation rules, with DOMAIN.md defaults (教师〔2014〕4号).

    ``min_years``: years at the same school before a teacher must rotate; ``rate``:
    share of a sending school's eligible teachers to rotate each year; ``backbone_share``:
    share of the rotating teachers who must be backbone teachers (``backbone_levels``);
    ``retire_guard_years``: teachers this close to the retirement age are exempt;
    ``sender_locations`` (and ``quality_school_ids``) send, ``receiver_locations`` and
    weak schools receive (a weak school never sends); ``max_km``: the longest move;
    ``within_district``: moves stay inside a county (县域内); ``fill_shortage``: fill
    as much receiver shortage as senders can spare, beyond the quotas;
    ``non_teaching_subjects`` never rotate; ``term_years``: a rotation's length, used by
    the multi-year simulation.
    """

    min_years: int = 6
    rate: float = 0.10
    backbone_share: float = 0.20
    max_km: float | None = None
    retire_guard_years: int = 3
    retire_age_male: int = 60
    retire_age_female: int = 55
    sender_locations: tuple[str, ...] = ("urban",)
    receiver_locations: tuple[str, ...] = ("town", "rural")
    quality_school_ids: tuple[int, ...] = ()
    fill_shortage: bool = False
    within_district: bool = True
    backbone_levels: tuple[str, ...] = ("county", "city", "province")
    non_teaching_subjects: tuple[str, ...] = ("admin",)
    term_years: int = 3

    def __post_init__(self) -> None:
        def bad(name: str, rule: str) -> ValueError:
            return ValueError(
                f"The '{name}' parameter of RotationRules must be {rule}; "
                f"got {getattr(self, name)!r}."
            )

        if not 0 <= self.rate <= 1:
            raise bad("rate", "in [0, 1]")
        if not 0 <= self.backbone_share <= 1:
            raise bad("backbone_share", "in [0, 1]")
        if self.min_years < 0:
            raise bad("min_years", ">= 0")
        if self.retire_guard_years < 0:
            raise bad("retire_guard_years", ">= 0")
        if self.max_km is not None and self.max_km <= 0:
            raise bad("max_km", "> 0 or None")
        if self.term_years < 1:
            raise bad("term_years", ">= 1")
        for name in ("sender_locations", "receiver_locations"):
            if set(getattr(self, name)) - set(vocab.LOCATIONS):
                raise bad(name, f"a subset of {', '.join(vocab.LOCATIONS)}")
        if set(self.backbone_levels) - set(vocab.BACKBONES):
            raise bad("backbone_levels", f"a subset of {', '.join(vocab.BACKBONES)}")

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> RotationRules:
        return params.from_json(cls, text)


@dataclass(frozen=True)
class RotationPlan:
    """``moves`` (teacher_id, from_school, to_school, subject, km, backbone), ``summary``
    (figures) and ``binding`` (what limited the plan: rule, school_id, required,
    achieved, reason, text)."""

    moves: pd.DataFrame
    summary: dict[str, Any]
    binding: pd.DataFrame = field(repr=False)


_TEACHER_COLS = [
    "teacher_id", "school_id", "gender", "birth_year", "subject", "school_since",
    "backbone", "status",
]  # fmt: skip
_SCHOOL_COLS = [
    "school_id", "district_id", "location", "is_weak", "lat", "lon",
    *[f"students_{lv}" for lv in vocab.LEVELS], *[f"classes_{lv}" for lv in vocab.LEVELS],
]  # fmt: skip


def _ceil_share(share: float, counts: np.ndarray) -> np.ndarray:
    """ceil(share × count), exactly (0.1 × 30 is 3, not 4)."""
    f = Fraction(str(share))
    return -((-f.numerator * counts.astype("int64")) // f.denominator)


def senders(schools: pd.DataFrame, rules: RotationRules) -> pd.Series:
    """Boolean mask of sending schools: sender locations or quality schools, not weak."""
    return (
        schools["location"].isin(rules.sender_locations)
        | schools["school_id"].isin(rules.quality_school_ids)
    ) & ~schools["is_weak"]


def receivers(schools: pd.DataFrame, rules: RotationRules) -> pd.Series:
    """Boolean mask of receiving schools: receiver locations or weak, never senders."""
    return (schools["location"].isin(rules.receiver_locations) | schools["is_weak"]) & ~senders(
        schools, rules
    )


def eligible(
    teachers: pd.DataFrame, schools: pd.DataFrame, rules: RotationRules, *, year: int
) -> pd.DataFrame:
    """Teachers who must rotate this year (the rows of ``teachers``, in their order).

    Rule (DOMAIN.md): status ``active``; ``year − school_since >= min_years``; at a
    sending school (:func:`senders`); not within ``retire_guard_years`` of the
    retirement age (``retire_age_male`` / ``retire_age_female``), i.e. retirement age
    − age > guard; teaching staff (subject not in ``non_teaching_subjects``).

    >>> s = pd.DataFrame({"school_id": [1], "location": ["urban"], "is_weak": [False]})
    >>> t = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...     "gender": ["F", "F", "M"], "birth_year": [1980, 1970, 1970],
    ...     "subject": ["math"] * 3, "school_since": [2010, 2010, 2022],
    ...     "backbone": ["none"] * 3, "status": ["active"] * 3})
    >>> eligible(t, s, RotationRules(), year=2026)["teacher_id"].tolist()
    [1]
    """
    check(teachers, "teachers", _TEACHER_COLS)
    check(schools, "schools", ["school_id", "location", "is_weak"])
    sending = schools.loc[senders(schools, rules), "school_id"]
    age = year - teachers["birth_year"]
    retire = np.where(teachers["gender"] == "F", rules.retire_age_female, rules.retire_age_male)
    mask = (
        (teachers["status"] == "active")
        & (year - teachers["school_since"] >= rules.min_years)
        & teachers["school_id"].isin(sending)
        & (retire - age > rules.retire_guard_years)
        & ~teachers["subject"].isin(rules.non_teaching_subjects)
    )
    return teachers[mask]


def _balance_scores(
    schools: pd.DataFrame, teachers: pd.DataFrame, rules: RotationRules
) -> tuple[pd.Series, pd.Series]:
    """How much one backbone teacher more (scarcity) or fewer (relief) evens a school out,
    each 0 (not at all) … 10.

    With x = backbone teachers per 100 students and x̄ their enrollment-weighted mean,
    one teacher changes x by Δ = 100 / students. The first-order change of the
    weighted variance is proportional to 2(x − x̄) + Δ for a gain and −2(x − x̄) + Δ for
    a loss, so scarcity = 10 × (x̄ − x − Δ/2) / x̄ and relief = 10 × (x − x̄ − Δ/2) / x̄,
    clipped to 0–10: a large school with none scores high scarcity, a tiny school where
    one teacher would overshoot the mean scores 0.
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


def _arcs(
    groups: pd.DataFrame, capacity: pd.DataFrame, schools: pd.DataFrame, rules: RotationRules
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidate (group -> receiver) arcs within the rules, and all arcs ignoring max_km."""
    place = schools.set_index("school_id")
    left = groups.reset_index()
    keys = ["subject"]
    if rules.within_district:  # join within each county: never build the cross-county pairs
        left["district_id"] = place["district_id"].reindex(left["school_id"]).to_numpy()
        capacity = capacity.assign(
            district_id=place["district_id"].reindex(capacity["receiver"]).to_numpy()
        )
        keys.append("district_id")
    arcs = left.merge(capacity, on=keys, suffixes=("", "_r"))
    arcs = arcs[arcs["school_id"] != arcs["receiver"]].drop(columns="district_id", errors="ignore")
    sender_ids = arcs["school_id"].to_numpy()
    receiver_ids = arcs["receiver"].to_numpy()
    arcs = arcs.assign(
        km=km_pairs(
            place["lat"].reindex(sender_ids).to_numpy(),
            place["lon"].reindex(sender_ids).to_numpy(),
            place["lat"].reindex(receiver_ids).to_numpy(),
            place["lon"].reindex(receiver_ids).to_numpy(),
        )
    )
    unlimited = arcs
    if rules.max_km is not None:
        arcs = arcs[arcs["km"] <= rules.max_km]
    return arcs.reset_index(drop=True), unlimited


def _arc_values(arcs: pd.DataFrame, rules: RotationRules) -> np.ndarray:
    """Each arc's value per teacher moved, in tenths (integers; km to 100 m)."""
    value = (
        WEAK_VALUE * arcs["weak"].to_numpy()
        + SHORTAGE_VALUE * np.minimum(arcs["cap"].to_numpy(), 10)
        + BACKBONE_VALUE
        * arcs["backbone"].to_numpy()
        * (arcs["scarcity"].to_numpy() + arcs["relief"].to_numpy() - 20.0)
        - arcs["km"].to_numpy()
    )
    return np.rint(value * 10).astype("int64")


def _solve_flow(
    arcs: pd.DataFrame, groups: pd.DataFrame, quota: pd.Series, rules: RotationRules
) -> np.ndarray:
    """Moves per arc, from a min-cost flow (network simplex, proven optimal).

    Network: source -> sender i (capacity quota_i, reward P per teacher: the quota);
    i -> its backbone node (first ceil(backbone_share × quota_i) teachers earn P more:
    the backbone quota) and i -> its other node; -> (i, subject, backbone) groups
    (capacity = eligible teachers) -> (receiver, subject) (the arc's value) -> sink
    (capacity = the receiver's shortage). A bypass arc lets flow skip the network, so
    any quota that cannot be met is simply not met.
    """
    penalty = int(QUOTA_PENALTY * 10)
    senders_ = quota.index.to_numpy()
    group_keys = list(groups.index)
    receivers_ = (
        arcs[["receiver", "subject"]].drop_duplicates().sort_values(["receiver", "subject"])
    )
    n_s = len(senders_)
    sender_node = {s: 1 + k for k, s in enumerate(senders_)}
    bb_node = {(s, b): 1 + n_s + 2 * k + int(b) for k, s in enumerate(senders_) for b in (0, 1)}
    base = 1 + 3 * n_s
    group_node = {key: base + k for k, key in enumerate(group_keys)}
    base += len(group_keys)
    recv_node = {
        (r, sub): base + k for k, (r, sub) in enumerate(receivers_.itertuples(index=False))
    }
    sink = base + len(recv_node)
    tails, heads, caps, costs = [], [], [], []

    def arc(t: int, h: int, cap: int, cost: int) -> None:
        tails.append(t)
        heads.append(h)
        caps.append(cap)
        costs.append(cost)

    total = int(quota.sum())
    share = Fraction(str(rules.backbone_share))
    for s in senders_:
        q = int(quota[s])
        arc(0, sender_node[s], q, -penalty)
        need_bb = int(-((-share.numerator * q) // share.denominator))
        if need_bb:
            arc(sender_node[s], bb_node[(s, 1)], need_bb, -penalty)
        arc(sender_node[s], bb_node[(s, 1)], q, 0)
        arc(sender_node[s], bb_node[(s, 0)], q, 0)
    for key in group_keys:
        school, _subject, backbone = key
        if school in sender_node:
            arc(bb_node[(school, int(backbone))], group_node[key], int(groups.loc[key, "count"]), 0)
    first_arc = len(tails)
    values = _arc_values(arcs, rules)
    for k, a in enumerate(arcs.itertuples(index=False)):
        arc(
            group_node[(a.school_id, a.subject, a.backbone)],
            recv_node[(a.receiver, a.subject)],
            int(min(a.count, a.cap)),
            int(-values[k]),
        )
    caps_rs = arcs.drop_duplicates(["receiver", "subject"]).set_index(["receiver", "subject"])[
        "cap"
    ]
    for key, node in recv_node.items():
        arc(node, sink, int(caps_rs[key]), 0)
    arc(0, sink, total, 0)  # the bypass
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails), np.array(heads), np.array(caps), np.array(costs)
    )
    flow.set_node_supply(0, total)
    flow.set_node_supply(sink, -total)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the rotation flow was not solved to optimality (status {status})")
    return np.array([flow.flow(first_arc + k) for k in range(len(arcs))], dtype="int64")


def _solve_mip(
    arcs: pd.DataFrame,
    groups: pd.DataFrame,
    quota: pd.Series,
    surplus: pd.Series,
    rules: RotationRules,
) -> np.ndarray:
    """Moves per arc with ``fill_shortage`` (integer program, HiGHS, proven optimal).

    The backbone share must hold for every move, beyond the quota too, which is not a
    network constraint. Objective: as :func:`_solve_flow`, plus FILL_VALUE per move.
    """
    solver = pywraplp.Solver.CreateSolver("HIGHS")
    if solver is None:  # pragma: no cover - OR-Tools wheels ship HiGHS
        raise RuntimeError("OR-Tools was built without HiGHS")
    solver.SetNumThreads(1)
    solver.SuppressOutput()
    solver.SetSolverSpecificParametersAsString("output_flag=false\n")
    upper = np.minimum(arcs["count"].to_numpy(), arcs["cap"].to_numpy())
    y = [solver.IntVar(0.0, float(u), "") for u in upper]
    share = Fraction(str(rules.backbone_share))
    senders_ = quota.index.to_numpy()
    u = {i: solver.IntVar(0.0, float(quota[i]), "") for i in senders_}
    w = {i: solver.IntVar(0.0, solver.infinity(), "") for i in senders_}
    for key, idx in arcs.groupby(["school_id", "subject", "backbone"]).indices.items():
        solver.Add(sum(y[k] for k in idx) <= int(groups.loc[key, "count"]))
    for _, idx in arcs.groupby(["receiver", "subject"]).indices.items():
        solver.Add(sum(y[k] for k in idx) <= int(arcs["cap"].iloc[idx[0]]))
    for (school, subject), idx in arcs.groupby(["school_id", "subject"]).indices.items():
        solver.Add(sum(y[k] for k in idx) <= int(surplus.get((school, subject), 0)))
    from_sender = arcs.groupby("school_id").indices
    bb = arcs["backbone"].to_numpy()
    for i in senders_:
        idx = from_sender.get(i, [])
        moved = sum(y[k] for k in idx)
        backbone = sum(y[k] for k in idx if bb[k])
        solver.Add(moved + u[i] >= int(quota[i]))
        solver.Add(share.denominator * (backbone + w[i]) >= share.numerator * moved)
    values = _arc_values(arcs, rules) / 10 + FILL_VALUE
    objective = solver.Objective()
    for k, var in enumerate(y):
        objective.SetCoefficient(var, float(values[k]))
    for i in senders_:
        objective.SetCoefficient(u[i], -QUOTA_PENALTY)
        objective.SetCoefficient(w[i], -QUOTA_PENALTY)
    objective.SetMaximization()
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise RuntimeError(f"the rotation model was not solved to optimality (status {status})")
    return np.rint([v.solution_value() for v in y]).astype("int64")


def plan(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    curriculum: pd.DataFrame,
) -> RotationPlan:
    """The best set of moves under the rules, proven optimal for this objective.

    Hard rules: only :func:`eligible` teachers move, each at most once, to a receiver
    (:func:`receivers`) short in the teacher's subject (:func:`subject_gaps`), a
    receiver taking at most its shortage rounded up, per subject; ``km`` is the
    great-circle distance and never exceeds ``max_km``; with ``within_district`` both
    schools are in one county. Per sending school, moves >= ceil(rate × its eligible)
    and backbone moves >= ceil(backbone_share × its moves); without ``fill_shortage`` a
    school moves no more than its quota; with it, it never gives up a teacher of a
    subject it is itself short of (the sender keeps its own subject need).

    Objective (:data:`OBJECTIVE`), maximised: −1,000,000 per teacher a sending school
    falls short of its quota, and −1,000,000 per backbone teacher short of
    ceil(backbone_share × quota); +10,000 per move with ``fill_shortage``; per move
    +200 into a weak school, +20 per FTE of the receiver's shortage in the subject (up
    to 10), and for a backbone teacher +20 × (the receiver's scarcity + the sender's
    relief, each 0–10, :func:`_balance_scores`) − 400, so a sending school keeps its
    backbone teachers beyond the required share and those who go leave where they are
    plentiful for where they are scarcest; −1 per km. Without ``fill_shortage`` this is
    a min-cost flow (OR-Tools network simplex); with it, the backbone share must hold
    for every extra move too, an integer program (HiGHS). Both are solved to proven
    optimality; within a group of interchangeable teachers
    (same school, subject and backbone flag) those longest at the school go first,
    then by ``teacher_id``, so the same input gives the same plan.

    When rules cannot all be met the plan meets as much as it can and ``binding`` says
    which rule failed at which school and why; nothing is raised for that.
    """
    rules = rules or RotationRules()
    check(teachers, "teachers", _TEACHER_COLS)
    check(schools, "schools", _SCHOOL_COLS)
    pool = eligible(teachers, schools, rules, year=year)
    pool = pool.assign(bb=pool["backbone"].isin(rules.backbone_levels))
    sending = schools.loc[senders(schools, rules), "school_id"].to_numpy()
    receiving = schools.loc[receivers(schools, rules), "school_id"]

    gaps = subject_gaps(schools, teachers, curriculum)
    teaching = ~gaps["subject"].isin(rules.non_teaching_subjects)
    short = gaps[teaching & gaps["school_id"].isin(receiving) & (gaps["gap"] > 1e-9)]
    capacity = pd.DataFrame(
        {
            "receiver": short["school_id"].to_numpy(),
            "subject": short["subject"].to_numpy(),
            "cap": np.ceil(short["gap"].to_numpy() - 1e-9).astype("int64"),
        }
    )
    surplus = None
    if rules.fill_shortage:
        spare = gaps[gaps["school_id"].isin(sending)]
        surplus = pd.Series(
            np.floor(np.maximum(-spare["gap"].to_numpy(), 0) + 1e-9).astype("int64"),
            index=pd.MultiIndex.from_frame(spare[["school_id", "subject"]]),
        )

    eligible_per = pool.groupby("school_id").size().reindex(sending, fill_value=0)
    quota = pd.Series(_ceil_share(rules.rate, eligible_per.to_numpy()), index=sending)
    groups = (
        pool.groupby(["school_id", "subject", "bb"]).size().rename("count").to_frame()
        .rename_axis(["school_id", "subject", "backbone"])
    )  # fmt: skip
    place = schools.set_index("school_id")
    scarcity, relief = _balance_scores(schools, teachers, rules)
    capacity = capacity.assign(
        weak=place["is_weak"].reindex(capacity["receiver"]).to_numpy().astype(float),
        scarcity=scarcity.reindex(capacity["receiver"]).to_numpy(),
    )
    arcs, unlimited = _arcs(groups, capacity, schools, rules)
    arcs["relief"] = relief.reindex(arcs["school_id"]).to_numpy()
    active_quota = quota[quota > 0]
    moves_per_arc = np.zeros(len(arcs), dtype="int64")
    if len(arcs) and len(active_quota):
        if surplus is not None:
            moves_per_arc = _solve_mip(arcs, groups, active_quota, surplus, rules)
        else:
            moves_per_arc = _solve_flow(arcs, groups, active_quota, rules)
    moves = _pick_teachers(arcs, moves_per_arc, pool)
    moved = moves.groupby("from_school").size().reindex(active_quota.index, fill_value=0)
    moved_bb = (
        moves[moves["backbone"]].groupby("from_school").size()
        .reindex(active_quota.index, fill_value=0)
    )  # fmt: skip
    quota_short = (active_quota - moved).clip(lower=0)
    required_bb = pd.Series(
        _ceil_share(rules.backbone_share, moved.to_numpy()), index=active_quota.index
    )
    bb_short = (required_bb - moved_bb).clip(lower=0)
    binding = _binding(quota, quota_short, bb_short, moves, pool, arcs, unlimited, rules)
    summary = _summary(schools, teachers, pool, quota, moves, gaps, short, rules)
    return RotationPlan(moves=moves, summary=summary, binding=binding)


def _pick_teachers(arcs: pd.DataFrame, counts: np.ndarray, pool: pd.DataFrame) -> pd.DataFrame:
    columns = ["teacher_id", "from_school", "to_school", "subject", "km", "backbone"]
    taken = arcs.assign(n=counts)
    taken = taken[taken["n"] > 0].sort_values(["school_id", "subject", "backbone", "receiver"])
    if taken.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(
                    columns, ["int64", "int64", "int64", "str", "float64", "bool"], strict=True
                )
            }
        )
    ordered = pool.sort_values(["school_since", "teacher_id"])
    queues = {
        key: frame["teacher_id"].tolist()
        for key, frame in ordered.groupby(["school_id", "subject", "bb"], sort=False)
    }
    rows = []
    for arc in taken.itertuples(index=False):
        queue = queues[(arc.school_id, arc.subject, arc.backbone)]
        for _ in range(int(arc.n)):
            rows.append(
                (queue.pop(0), arc.school_id, arc.receiver, arc.subject, arc.km, arc.backbone)
            )
    out = pd.DataFrame(rows, columns=columns).sort_values("teacher_id", ignore_index=True)
    return out.astype(
        {
            "teacher_id": "int64",
            "from_school": "int64",
            "to_school": "int64",
            "subject": "str",
            "km": "float64",
            "backbone": "bool",
        }
    )


def _binding(
    quota: pd.Series,
    quota_short: pd.Series,
    bb_short: pd.Series,
    moves: pd.DataFrame,
    pool: pd.DataFrame,
    arcs: pd.DataFrame,
    unlimited: pd.DataFrame,
    rules: RotationRules,
) -> pd.DataFrame:
    moved = moves.groupby("from_school").size()
    moved_bb = moves[moves["backbone"]].groupby("from_school").size()
    bb_eligible = pool[pool["bb"]].groupby("school_id").size()
    reach = set(arcs["school_id"])
    reach_unlimited = set(unlimited["school_id"])
    rows = []
    for school in quota_short[quota_short > 0].index:
        if school in reach:
            reason = "receiver_capacity"
        elif school in reach_unlimited:
            reason = "max_km"
        else:
            reason = "no_receiver"
        done = int(moved.get(school, 0))
        rows.append(
            (
                "quota",
                school,
                int(quota[school]),
                done,
                reason,
                f"school {school}: {done} of {int(quota[school])} required moves; {reason}",
            )
        )
    for school, missing in bb_short[bb_short > 0].items():
        done = int(moved_bb.get(school, 0))
        need = done + int(missing)
        reason = "too_few_backbone" if bb_eligible.get(school, 0) < need else "no_receiver"
        rows.append(
            (
                "backbone",
                school,
                need,
                done,
                reason,
                f"school {school}: {done} of {need} required backbone moves; {reason}",
            )
        )
    frame = pd.DataFrame(
        rows, columns=["rule", "school_id", "required", "achieved", "reason", "text"]
    )
    return frame.astype({"school_id": "int64", "required": "int64", "achieved": "int64"})


def _summary(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    pool: pd.DataFrame,
    quota: pd.Series,
    moves: pd.DataFrame,
    gaps: pd.DataFrame,
    short: pd.DataFrame,
    rules: RotationRules,
) -> dict[str, Any]:
    after = teachers.copy()
    if len(moves):
        destination = moves.set_index("teacher_id")["to_school"]
        hit = after["teacher_id"].isin(destination.index)
        after.loc[hit, "school_id"] = destination.reindex(after.loc[hit, "teacher_id"]).to_numpy()
    arrived = moves.groupby(["to_school", "subject"]).size()
    before_short = float(short["gap"].sum())
    filled = short.set_index(["school_id", "subject"])["gap"]
    filled_after = (filled - arrived.reindex(filled.index, fill_value=0).to_numpy()).clip(lower=0)
    n = len(moves)
    out: dict[str, Any] = {
        "eligible": len(pool),
        "senders": int((quota > 0).sum()),
        "required": int(quota.sum()),
        "moved": n,
        "backbone_moved": int(moves["backbone"].sum()) if n else 0,
        "backbone_share": float(moves["backbone"].mean()) if n else 0.0,
        "shortage_before": round(before_short, 3),
        "shortage_after": round(float(filled_after.sum()), 3),
        "total_km": round(float(moves["km"].sum()), 3) if n else 0.0,
        "mean_km": round(float(moves["km"].mean()), 3) if n else 0.0,
    }
    for level in ("primary", "junior"):
        for label, frame in (("before", teachers), ("after", after)):
            out[f"cv_{level}_{label}"] = metrics.backbone_cv(
                schools, frame, level=level, backbone_levels=rules.backbone_levels
            )
    return out
