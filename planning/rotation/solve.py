"""Solving for the moves of one county: a mixed-integer program (HiGHS) over groups of
interchangeable teachers, then the shortest pairing of senders and receivers (OR-Tools
min-cost flow), then named teachers.

docs/domain.md, “Teacher rotation” and “Balance indicators”; the objective is
:mod:`planning.rotation.objective`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow

from planning.geo import km_pairs
from planning.lp import INF, LinearModel
from planning.metrics import BALANCE_LEVELS, INDICATORS
from planning.rotation.objective import (
    BALANCE_WEIGHT,
    CREATED_WEIGHT,
    DISTANCE_WEIGHT,
    QUOTA_WEIGHT,
    SEGMENTS,
    SHORTAGE_WEIGHT,
    deviation,
)
from planning.rotation.rules import RotationRules

__all__ = [
    "GROUP_KEYS",
    "MOVE_COLUMNS",
    "TYPE_KEYS",
    "CountySolution",
    "Segments",
    "assign_teachers",
    "balance_segments",
    "keep_one_backbone",
    "pair_by_distance",
    "receiver_caps",
    "solve_county",
    "transport",
]

# What makes eligible teachers interchangeable to the plan: their school and section,
# their subject, and whether they count as backbone (``bb``), as holding a degree above
# the required level and as PE/arts teachers (the balance indicators). A type is the
# same without the school.
GROUP_KEYS = ["school_id", "section", "subject", "bb", "degree", "pe_arts"]
TYPE_KEYS = GROUP_KEYS[1:]
# The balance indicator each flag counts toward.
_FLAG = {"degree": "degree", "backbone": "bb", "pe_arts": "pe_arts"}

# The columns of a plan's moves, with their dtypes.
MOVE_COLUMNS = {
    "teacher_id": "int64",
    "from_school": "int64",
    "to_school": "int64",
    "section": "str",
    "subject": "str",
    "km": "float64",
    "backbone": "bool",
}


@dataclass(frozen=True)
class CountySolution:
    """What the model chose for one county: teachers sent per group (``sends``:
    GROUP_KEYS and ``n``), arrivals per type and receiver (``arrivals``: TYPE_KEYS,
    receiver, ``n``), the pairs when the model chose them itself (``pairs``, with
    ``max_km`` or across counties; else empty), the solver's status text, whether the
    solution is proven optimal, and the gap in objective units to the best bound.
    ``granted``: the teachers' wishes the plan grants (teacher_id, rank, school_id the
    wished school, GROUP_KEYS of the teacher as ``from_school`` and TYPE_KEYS);
    ``sends``, ``arrivals`` and ``pairs`` leave those moves out. ``options``: the
    wishes the model could have granted (:func:`planning.rotation.wishes.wish_options`);
    ``wish_optimal`` and ``wish_gap``: whether the wish stage is proven optimal and its
    gap in wish units (one more teacher placed is worth 5 × wishing teachers + 1)."""

    sends: pd.DataFrame
    arrivals: pd.DataFrame
    pairs: pd.DataFrame
    status: str
    optimal: bool
    gap: float
    granted: pd.DataFrame = field(default_factory=pd.DataFrame)
    options: pd.DataFrame = field(default_factory=pd.DataFrame)
    wish_optimal: bool = True
    wish_gap: float = 0.0


def solve_county(
    groups: pd.DataFrame,
    slots: pd.DataFrame,
    quota: pd.Series,
    spare: pd.Series,
    values: pd.DataFrame,
    weak: pd.Series,
    held_backbone: pd.Series,
    rules: RotationRules,
    *,
    links: pd.DataFrame | None = None,
    wishes: pd.DataFrame | None = None,
) -> CountySolution:
    """Choose how many teachers of each group go, and to which receivers.

    ``groups``: eligible teachers counted per GROUP_KEYS (column ``n``); ``slots``: what
    each receiver can take per subject and section (receiver, subject, section, cap =
    shortage rounded up, gap = shortage in FTE); ``quota``: moves required per sending
    school; ``spare``: per (school_id, subject) the FTE a sender has beyond its own need;
    ``values``: :func:`planning.metrics.indicator_values` of the county before the plan;
    ``weak``: is_weak per school; ``held_backbone``: backbone teachers per school.

    Hard rules: a group sends at most its teachers, a receiver takes at most its cap per
    subject, moves stay in their section; without ``fill_shortage`` a sender moves at
    most its quota; with ``keep_sole_backbone`` a sender keeps one backbone teacher.
    Then, lexicographically (:mod:`planning.rotation.objective`): the quotas (moves >=
    quota, backbone moves >= ceil(backbone_share × moves)); the shortage filled net of
    the shortage left at senders; the county's Σ CV² over levels and indicators, with
    weak schools' terms ``weak_weight`` times; distance.

    With ``links`` (rows: group, slot, km — the allowed moves, given with ``max_km`` or
    across counties) the model chooses each move's pair itself; without, teachers of a
    type are interchangeable between any sender and receiver of the county and
    :func:`pair_by_distance` pairs them afterwards.

    With ``wishes`` (the county's valid wishes,
    :func:`planning.rotation.wishes.valid_wishes`) the model is solved a second time
    for them, a further lexicographic stage
    (:func:`planning.rotation.wishes.wish_stage`); ``optimal`` and ``gap`` stay the
    first stage's (quotas, shortage, balance), ``wish_optimal`` and ``wish_gap`` are the
    second's.
    """
    from planning.rotation.wishes import wish_options, wish_stage

    groups = groups.reset_index(drop=True)
    slots = slots.reset_index(drop=True)
    m = LinearModel()
    send, arrive, pair_cols = transport(m, groups, slots, links)
    _shortage_rows(m, slots, arrive)
    _created_rows(m, groups, send, spare)
    _quota_rows(m, groups, send, quota, held_backbone, rules)
    segments = balance_segments(m, groups, send, slots, arrive, values, weak, rules.weak_weight)
    sol = m.solve(time_limit=rules.solve_seconds)
    options = wish_options(pd.DataFrame() if wishes is None else wishes, groups, slots, links)
    granted = pd.DataFrame()
    sent = np.rint(sol.values[send]).astype("int64")
    came = np.rint(sol.values[arrive]).astype("int64")
    chosen = np.rint(sol.values[pair_cols]).astype("int64") if pair_cols is not None else None
    wish_optimal, wish_gap = True, 0.0
    if len(options) and wishes is not None:
        second, grant = wish_stage(m, sol, options, send, arrive, pair_cols, segments, rules)
        sent = np.rint(second.values[send]).astype("int64")
        came = np.rint(second.values[arrive]).astype("int64")
        took = options[grant > 0]
        sent -= np.bincount(took["group"], minlength=sent.size)
        came -= np.bincount(took["slot"], minlength=came.size)
        if pair_cols is not None:
            chosen = np.rint(second.values[pair_cols]).astype("int64")
            chosen -= np.bincount(took["link"], minlength=chosen.size)
        granted = took[["teacher_id", "rank"]].merge(wishes, on=["teacher_id", "rank"])
        wish_optimal, wish_gap = second.optimal, second.gap
    sends = groups.assign(n=sent)
    arrivals = slots.assign(n=came)
    pairs = pd.DataFrame()
    if links is not None and chosen is not None:
        pairs = pd.concat(
            [
                groups.iloc[links["group"].to_numpy()][GROUP_KEYS].reset_index(drop=True),
                pd.DataFrame(
                    {
                        "receiver": slots["receiver"].to_numpy()[links["slot"].to_numpy()],
                        "km": links["km"].to_numpy(),
                        "n": chosen,
                    }
                ),
            ],
            axis=1,
        )
        pairs = pairs[pairs["n"] > 0].reset_index(drop=True)
    return CountySolution(
        sends=sends.loc[sends["n"] > 0, [*GROUP_KEYS, "n"]].reset_index(drop=True),
        arrivals=arrivals.loc[arrivals["n"] > 0, [*TYPE_KEYS, "receiver", "n"]].reset_index(
            drop=True
        ),
        pairs=pairs,
        status=sol.status,
        optimal=sol.optimal,
        gap=sol.gap,
        granted=granted,
        options=options,
        wish_optimal=wish_optimal,
        wish_gap=wish_gap,
    )


def transport(
    m: LinearModel, groups: pd.DataFrame, slots: pd.DataFrame, links: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The moves' columns: teachers sent per group (at most its teachers), arrivals per
    slot (at most its cap), both integer, and what is sent of a type arrives: per type
    without ``links``, per (group, slot) pair with them (their km costed at
    DISTANCE_WEIGHT). Returns (send, arrive, pair columns or None)."""
    send = m.add_cols(np.zeros(len(groups)), groups["n"].to_numpy(), 0.0, integer=True)
    arrive = m.add_cols(np.zeros(len(slots)), slots["cap"].to_numpy(), 0.0, integer=True)
    pair_cols = None
    if links is None:
        types = pd.concat([groups[TYPE_KEYS], slots[TYPE_KEYS]]).drop_duplicates()
        g_type = _codes(groups[TYPE_KEYS], types)
        s_type = _codes(slots[TYPE_KEYS], types)
        m.add_rows(
            np.r_[g_type, s_type],
            np.r_[send, arrive],
            np.r_[np.ones(send.size), -np.ones(arrive.size)],
            np.zeros(len(types)),
            0.0,
        )
    else:
        group_at = links["group"].to_numpy()
        slot_at = links["slot"].to_numpy()
        pair_cols = m.add_cols(
            np.zeros(len(links)),
            np.minimum(groups["n"].to_numpy()[group_at], slots["cap"].to_numpy()[slot_at]),
            DISTANCE_WEIGHT * links["km"].to_numpy(),
            integer=True,
        )
        n_g = send.size
        m.add_rows(
            np.r_[np.arange(n_g), n_g + np.arange(arrive.size), group_at, n_g + slot_at],
            np.r_[send, arrive, pair_cols, pair_cols],
            np.r_[np.ones(n_g + arrive.size), -np.ones(2 * pair_cols.size)],
            np.zeros(n_g + arrive.size),
            0.0,
        )
    return send, arrive, pair_cols


def _codes(frame: pd.DataFrame, types: pd.DataFrame) -> np.ndarray:
    """The row number in ``types`` of each row of ``frame`` (−1 when absent)."""
    index = pd.MultiIndex.from_frame(types)
    return np.asarray(index.get_indexer(pd.MultiIndex.from_frame(frame)))


def receiver_caps(
    m: LinearModel, slots: pd.DataFrame, arrive: np.ndarray
) -> tuple[np.ndarray, pd.DataFrame]:
    """Per receiver and subject (all sections and types together): arrivals <= cap.
    Returns each slot's (receiver, subject) number and those pairs' first slot rows."""
    code = slots.groupby(["receiver", "subject"], sort=False).ngroup().to_numpy()
    first = slots.groupby(code, sort=True).first()
    m.add_rows(code, arrive, 1.0, np.full(len(first), -INF), first["cap"].to_numpy(dtype=float))
    return code, first


def _shortage_rows(m: LinearModel, slots: pd.DataFrame, arrive: np.ndarray) -> None:
    """Per receiver and subject: arrivals <= cap (:func:`receiver_caps`); the FTE
    filled, min(arrivals, gap), earns SHORTAGE_WEIGHT each."""
    code, first = receiver_caps(m, slots, arrive)
    n = len(first)
    fill = m.add_cols(np.zeros(n), first["gap"].to_numpy(), -SHORTAGE_WEIGHT, integer=False)
    m.add_rows(
        np.r_[np.arange(n), code],
        np.r_[fill, arrive],
        np.r_[np.ones(n), -np.ones(arrive.size)],
        np.full(n, -INF),
        0.0,
    )


def _created_rows(m: LinearModel, groups: pd.DataFrame, send: np.ndarray, spare: pd.Series) -> None:
    """Per sender and subject: the shortage it is left with, (sent − spare)+, costs
    CREATED_WEIGHT per FTE."""
    keyed = groups.groupby(["school_id", "subject"], sort=True)
    code = keyed.ngroup().to_numpy()
    keys = pd.MultiIndex.from_frame(keyed.size().reset_index()[["school_id", "subject"]])
    free = spare.reindex(keys, fill_value=0.0).to_numpy(dtype=float)
    left = m.add_cols(np.zeros(free.size), INF, CREATED_WEIGHT, integer=False)
    m.add_rows(
        np.r_[np.arange(free.size), code],
        np.r_[left, send],
        np.r_[np.ones(free.size), -np.ones(send.size)],
        -free,
        INF,
    )


def _quota_rows(
    m: LinearModel,
    groups: pd.DataFrame,
    send: np.ndarray,
    quota: pd.Series,
    held_backbone: pd.Series,
    rules: RotationRules,
) -> None:
    """Per sender: moves + short >= quota (and moves <= quota unless ``fill_shortage``);
    den × (backbone moves + short_b) >= num × moves for backbone_share = num/den, which
    with integers is backbone moves >= ceil(share × moves); with ``keep_sole_backbone``
    backbone moves <= the backbone teachers it holds − 1."""
    share = Fraction(str(rules.backbone_share))
    senders = quota.index.to_numpy()
    q = quota.to_numpy(dtype=float)
    k = pd.Index(senders).get_indexer(groups["school_id"])
    n = senders.size
    short = m.add_cols(np.zeros(n), q, QUOTA_WEIGHT, integer=False)
    short_bb = m.add_cols(np.zeros(n), INF, QUOTA_WEIGHT, integer=True)
    ones = np.ones(send.size)
    m.add_rows(np.r_[k, np.arange(n)], np.r_[send, short], 1.0, q, INF)
    if not rules.fill_shortage:
        m.add_rows(k, send, ones, np.full(n, -INF), q)
    bb = groups["bb"].to_numpy(dtype=bool)
    coef = np.where(bb, share.denominator - share.numerator, -share.numerator)
    m.add_rows(
        np.r_[k, np.arange(n)],
        np.r_[send, short_bb],
        np.r_[coef, np.full(n, share.denominator)],
        np.zeros(n),
        INF,
    )
    if rules.keep_sole_backbone:
        keep_one_backbone(m, groups, send, held_backbone)


def keep_one_backbone(
    m: LinearModel, groups: pd.DataFrame, send: np.ndarray, held_backbone: pd.Series
) -> None:
    """Per school: backbone teachers sent <= the backbone teachers it holds − 1."""
    bb = groups["bb"].to_numpy(dtype=bool)
    if not bb.any():
        return
    schools, k = np.unique(groups["school_id"].to_numpy()[bb], return_inverse=True)
    held = held_backbone.reindex(schools, fill_value=0).to_numpy(dtype=float)
    m.add_rows(k, send[bb], 1.0, np.full(schools.size, -INF), np.maximum(held - 1, 0))


@dataclass(frozen=True)
class Segments:
    """One (level, indicator)'s balance segments in a county model: their columns, each
    column's change of the county's CV² (the weighted one), and the CV² before any
    move (unweighted: the rule's own figure)."""

    level: str
    indicator: str
    cols: np.ndarray
    cost: np.ndarray
    cv2_before: float


def balance_segments(
    m: LinearModel,
    groups: pd.DataFrame,
    send: np.ndarray,
    slots: pd.DataFrame,
    arrive: np.ndarray,
    values: pd.DataFrame,
    weak: pd.Series,
    weak_weight: float,
    *,
    weight: float = BALANCE_WEIGHT,
    segments: int = SEGMENTS,
) -> list[Segments]:
    """The county's Σ CV² as convex costs per school section and indicator
    (:func:`~planning.rotation.objective.balance_costs`, a weak school's shortfall
    counting ``weak_weight`` times), on unit segments that a minimisation fills in
    order; costed at ``weight`` each in the objective. Returns the segments per
    (level, indicator) so that a model may also bound them."""
    out = []
    for level in BALANCE_LEVELS:
        v = values[(values["level"] == level) & values["included"]].set_index("school_id")
        if v.empty:
            continue
        p = v["students"] / v["students"].sum()
        for indicator in INDICATORS:
            mean = float((p * v[indicator]).sum())
            if mean <= 0:
                continue
            cv2 = float((p * deviation(v[indicator].to_numpy(), mean)).sum())
            flag = _FLAG[indicator]
            cols, costs = [], []
            for frame, moved, who, sign, bound in (
                (slots, arrive, "receiver", 1, "cap"),
                (groups, send, "school_id", -1, "n"),
            ):
                mask = (frame["section"] == level).to_numpy() & frame[flag].to_numpy(dtype=bool)
                mask &= frame[who].isin(v.index).to_numpy()
                if not mask.any():
                    continue
                school = frame[who].to_numpy()[mask]
                schools_here, row = np.unique(school, return_inverse=True)
                most = np.bincount(row, weights=frame[bound].to_numpy()[mask]).astype(np.int64)
                if sign < 0:
                    held = v[f"{indicator}_count"].reindex(schools_here).to_numpy()
                    most = np.minimum(most, held)
                steps = np.minimum(most, segments)
                seg_school = np.repeat(np.arange(schools_here.size), steps)
                seg_k = np.arange(seg_school.size) - np.repeat(np.cumsum(steps) - steps, steps)
                x = v[indicator].reindex(schools_here).to_numpy()[seg_school]
                h = 100.0 / v["students"].reindex(schools_here).to_numpy()[seg_school]
                share = p.reindex(schools_here).to_numpy()[seg_school]
                below = np.where(
                    weak.reindex(schools_here, fill_value=False).to_numpy(dtype=bool),
                    weak_weight,
                    1.0,
                )[seg_school]
                before = x + sign * h * seg_k
                cost = share * (
                    deviation(before + sign * h, mean, below) - deviation(before, mean, below)
                )
                upper = np.ones(seg_school.size)
                last = np.cumsum(steps) - 1
                upper[last[(most > segments) & (steps > 0)]] = INF
                seg = m.add_cols(np.zeros(seg_school.size), upper, weight * cost, integer=False)
                m.add_rows(
                    np.r_[seg_school, row],
                    np.r_[seg, moved[mask]],
                    np.r_[np.ones(seg.size), -np.ones(int(mask.sum()))],
                    np.zeros(schools_here.size),
                    0.0,
                )
                cols.append(seg)
                costs.append(cost)
            if cols:
                out.append(
                    Segments(level, indicator, np.concatenate(cols), np.concatenate(costs), cv2)
                )
    return out


def pair_by_distance(
    sends: pd.DataFrame, arrivals: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    """Pair senders with receivers of the same type over the least total distance (the
    plan's last level, docs/domain.md, “Teacher rotation”): a transportation problem,
    solved as one min-cost flow (OR-Tools network simplex, to the 100 m).

    Returns one row per (group, receiver): GROUP_KEYS, receiver, km, n.
    """
    columns = [*GROUP_KEYS, "receiver", "km", "n"]
    if sends.empty:
        return pd.DataFrame(columns=columns)
    out_of = sends.reset_index(drop=True).assign(tail=lambda f: np.arange(len(f)))
    into = arrivals.reset_index(drop=True).assign(head=lambda f: len(out_of) + np.arange(len(f)))
    arcs = out_of[[*TYPE_KEYS, "school_id", "tail"]].merge(
        into[[*TYPE_KEYS, "receiver", "head"]], on=TYPE_KEYS
    )
    arcs = arcs[arcs["school_id"] != arcs["receiver"]].reset_index(drop=True)
    place = schools.set_index("school_id")
    km = km_pairs(
        place["lat"].reindex(arcs["school_id"]).to_numpy(),
        place["lon"].reindex(arcs["school_id"]).to_numpy(),
        place["lat"].reindex(arcs["receiver"]).to_numpy(),
        place["lon"].reindex(arcs["receiver"]).to_numpy(),
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    first = flow.add_arcs_with_capacity_and_unit_cost(
        arcs["tail"].to_numpy(),
        arcs["head"].to_numpy(),
        np.full(len(arcs), int(out_of["n"].sum())),
        np.rint(km * 10).astype(np.int64),
    )
    supplies = np.r_[out_of["n"].to_numpy(), -into["n"].to_numpy()].astype(np.int64)
    flow.set_nodes_supplies(np.arange(supplies.size), supplies)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("the rotation moves could not be paired with their receivers")
    moved = flow.flows(first)
    keep = moved > 0
    pairs = out_of.iloc[arcs.loc[keep, "tail"].to_numpy()][GROUP_KEYS].reset_index(drop=True)
    pairs["receiver"] = arcs.loc[keep, "receiver"].to_numpy()
    pairs["km"] = km[keep]
    pairs["n"] = moved[keep]
    return pairs[columns]


def assign_teachers(pairs: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    """The moves (:data:`MOVE_COLUMNS`, by teacher_id) for ``n`` teachers per pair.

    Within a group of interchangeable teachers (GROUP_KEYS) those longest at the school
    go first, then by ``teacher_id``, so the same input gives the same plan
    (docs/domain.md, “Teacher rotation”).
    """
    if pairs.empty or not (pairs["n"] > 0).any():
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MOVE_COLUMNS.items()})
    taken = pairs[pairs["n"] > 0].sort_values([*GROUP_KEYS, "receiver"])
    if taken.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MOVE_COLUMNS.items()})
    ordered = pool.sort_values(["school_since", "teacher_id"])
    keys = pd.MultiIndex.from_frame(ordered[GROUP_KEYS])
    queues: dict[tuple[object, ...], list[int]] = {}
    for key, teacher in zip(keys, ordered["teacher_id"].to_numpy(), strict=True):
        queues.setdefault(key, []).append(int(teacher))
    rows = []
    for pair in taken.itertuples(index=False):
        queue = queues[tuple(getattr(pair, k) for k in GROUP_KEYS)]
        for _ in range(int(pair.n)):
            rows.append(
                (queue.pop(0), pair.school_id, pair.receiver, pair.section, pair.subject,
                 pair.km, pair.bb)
            )  # fmt: skip
    out = pd.DataFrame(rows, columns=list(MOVE_COLUMNS)).sort_values(
        "teacher_id", ignore_index=True
    )
    return out.astype(MOVE_COLUMNS)
