"""Solving for the moves: a min-cost flow (OR-Tools network simplex) or, with
``fill_shortage``, an integer program (HiGHS); both proven optimal. Then the moves per
candidate arc become named teachers.

docs/domain.md, “Teacher rotation”; the objective is :mod:`planning.rotation.objective`.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow
from ortools.linear_solver import pywraplp

from planning.rotation.objective import FILL_VALUE, QUOTA_PENALTY, arc_values
from planning.rotation.rules import RotationRules

__all__ = ["MOVE_COLUMNS", "assign_teachers", "solve_flow", "solve_mip"]

# The columns of a plan's moves, with their dtypes.
MOVE_COLUMNS = {
    "teacher_id": "int64",
    "from_school": "int64",
    "to_school": "int64",
    "subject": "str",
    "km": "float64",
    "backbone": "bool",
}


def solve_flow(
    arcs: pd.DataFrame, groups: pd.DataFrame, quota: pd.Series, rules: RotationRules
) -> np.ndarray:
    """Moves per arc, from a min-cost flow (network simplex, proven optimal), for the
    quotas of docs/domain.md, “Teacher rotation” (no school moves beyond its quota).

    Network: source -> sender i (capacity quota_i, reward P per teacher: the quota);
    i -> its backbone node (first ceil(backbone_share × quota_i) teachers earn P more:
    the backbone quota) and i -> its other node; -> (i, subject, backbone) groups
    (capacity = eligible teachers) -> (receiver, subject) (the arc's value,
    :func:`~planning.rotation.objective.arc_values`) -> sink (capacity = the receiver's
    shortage). A bypass arc lets flow skip the network, so any quota that cannot be met
    is simply not met.
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
    values = arc_values(arcs)
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


def solve_mip(
    arcs: pd.DataFrame,
    groups: pd.DataFrame,
    quota: pd.Series,
    surplus: pd.Series,
    rules: RotationRules,
) -> np.ndarray:
    """Moves per arc with ``fill_shortage`` (integer program, HiGHS, proven optimal).

    As :func:`solve_flow`, and a sender moves beyond its quota only what it can spare
    (``surplus``, :func:`~planning.rotation.arcs.sender_surplus`); the backbone share
    must hold for every move, beyond the quota too, which is not a network constraint
    (docs/domain.md, “Teacher rotation”). Objective: as :func:`solve_flow`, plus
    ``FILL_VALUE`` per move.
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
    values = arc_values(arcs) / 10 + FILL_VALUE
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


def assign_teachers(arcs: pd.DataFrame, counts: np.ndarray, pool: pd.DataFrame) -> pd.DataFrame:
    """The moves (:data:`MOVE_COLUMNS`, by teacher_id) for ``counts`` moves per arc.

    Within a group of interchangeable teachers (same school, subject and backbone flag
    ``bb``) those longest at the school go first, then by ``teacher_id``, so the same
    input gives the same plan (docs/domain.md, “Teacher rotation”).
    """
    taken = arcs.assign(n=counts)
    taken = taken[taken["n"] > 0].sort_values(["school_id", "subject", "backbone", "receiver"])
    if taken.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MOVE_COLUMNS.items()})
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
    out = pd.DataFrame(rows, columns=list(MOVE_COLUMNS)).sort_values(
        "teacher_id", ignore_index=True
    )
    return out.astype(MOVE_COLUMNS)
