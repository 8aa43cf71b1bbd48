"""The inverse question: how few moves bring every county under the balance thresholds?

docs/domain.md, “Teacher rotation” (the inverse question) and “Balance indicators”.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import metrics
from planning.lp import INF, LinearModel
from planning.metrics import BalanceRules
from planning.rotation.counties import County, Inputs, prepare, solve_each, split
from planning.rotation.report import apply_moves
from planning.rotation.rules import RotationRules
from planning.rotation.solve import (
    Segments,
    assign_teachers,
    balance_segments,
    keep_one_backbone,
    pair_by_distance,
    receiver_caps,
    transport,
)

__all__ = ["COUNTY_COLUMNS", "REASONS", "THRESHOLD_SEGMENTS", "ThresholdPlan", "moves_to_meet"]

# Per unit of CV² a county stays above a threshold: one move is worth 1e-7 of CV²
# (a CV of 0.45 moves by about 1e-7), so reaching the thresholds always comes first.
EXCESS_WEIGHT = 1e7
# Arrivals or departures per school and indicator costed one by one (beyond, at the last
# step's rate; the balance is then checked on the real moves).
THRESHOLD_SEGMENTS = 16

# Why a county stops short of a threshold.
REASONS = ("met", "no_teachers", "no_room", "best_reached", "unproven")
COUNTY_COLUMNS = [
    "district_id", "moves", "backbone_moves", "met", "reason", "status", "optimal", "gap",
    "seconds",
]  # fmt: skip


@dataclass(frozen=True)
class ThresholdPlan:
    """``moves`` (:data:`~planning.rotation.solve.MOVE_COLUMNS`), ``counties`` (one row
    per county: district_id, moves, backbone_moves, met, reason, status, optimal, gap
    in moves, seconds) and ``balance`` (before and after per county, level and indicator, as
    :meth:`~planning.rotation.report.RotationSummary.balance`)."""

    moves: pd.DataFrame
    counties: pd.DataFrame
    balance: pd.DataFrame


def moves_to_meet(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules | None = None,
    *,
    year: int,
    curriculum: pd.DataFrame,
    balance: BalanceRules | None = None,
    seconds: float = 10.0,
) -> ThresholdPlan:
    """The fewest moves per county that bring each of its six balance CVs (primary and
    junior × degree, backbone, PE and arts) to its threshold, and which moves.

    Rule (docs/domain.md, “Teacher rotation”, the inverse question): the hard rules of
    :func:`~planning.rotation.planner.plan` hold (eligible teachers of sending schools,
    within their section and county, to receivers short in their subject, at most the
    shortage rounded up; a sender keeps its sole backbone teacher with
    ``keep_sole_backbone``); the quotas do not (they are what is asked). Lexicographic:
    (1) the least total excess of CV² over the thresholds (0 when every threshold is
    met), (2) the fewest moves, (3) the least distance. With the county's mean fixed,
    each CV² is a sum of convex per-school terms, so a threshold is a linear bound on
    the school segments (:func:`~planning.rotation.solve.balance_segments`, unweighted).
    When a county cannot get there, ``reason`` says why for its worst indicator:
    ``no_teachers`` (every eligible teacher counting toward it is sent), ``no_room``
    (the receivers that could take them are full), else ``best_reached`` (the least
    excess the allowed moves reach: a further move would raise another CV or tip a
    school past its county's mean); ``unproven`` when the time ran out first (a plan
    meeting the thresholds may exist). Each county's model runs at most
    ``seconds``; ``gap`` is then how many moves fewer might still do (0: proven least;
    NaN when the plan found does not meet the thresholds).
    """
    rules = rules or RotationRules()
    inputs = prepare(teachers, schools, rules, year=year, curriculum=curriculum, balance=balance)
    counties = split(inputs, need_quota=False)
    solved = solve_each(counties, lambda c: _least_moves(c, inputs, seconds))
    pairs, rows = [], []
    for county, ((sol, reason, status, optimal, gap), took) in zip(counties, solved, strict=True):
        pairs.append(sol)
        rows.append((county.county, reason, status, optimal, gap, took))
    chosen = [pair_by_distance(s, a, schools) for s, a in pairs]
    moves = assign_teachers(
        pd.concat(chosen, ignore_index=True) if chosen else pd.DataFrame(), inputs.pool
    )
    before = metrics.balance(schools, teachers, inputs.balance)
    after = metrics.balance(schools, apply_moves(teachers, moves), inputs.balance)
    keys = ["district_id", "level", "indicator"]
    both = (
        before[[*keys, "threshold", "cv"]]
        .rename(columns={"cv": "before"})
        .merge(after[[*keys, "cv", "meets"]].rename(columns={"cv": "after"}), on=keys, how="outer")
    )
    origin = inputs.district
    per_county = moves.assign(district_id=origin.reindex(moves["from_school"]).to_numpy())
    counted = per_county.groupby("district_id").agg(
        moves=("teacher_id", "size"), backbone_moves=("backbone", "sum")
    )
    met = both.groupby("district_id")["meets"].all()
    frame = pd.DataFrame(
        rows, columns=["district_id", "reason", "status", "optimal", "gap", "seconds"]
    )
    frame = frame.dropna(subset=["district_id"]).astype({"district_id": "int64"})
    frame = frame.set_index("district_id").reindex(met.index)
    frame["moves"] = counted["moves"].reindex(met.index, fill_value=0).astype("int64")
    frame["backbone_moves"] = counted["backbone_moves"].reindex(met.index, fill_value=0)
    frame["met"] = met
    # Checked on the real moves: a county that meets every threshold is "met" whatever
    # the model's estimate; one with nothing to send cannot move.
    frame["reason"] = np.where(met, "met", frame["reason"].fillna("no_teachers"))
    return ThresholdPlan(
        moves=moves,
        counties=frame.reset_index()[COUNTY_COLUMNS],
        balance=both.drop(columns="meets"),
    )


def _least_moves(
    county: County, inputs: Inputs, seconds: float
) -> tuple[tuple[pd.DataFrame, pd.DataFrame], str, str, bool, float]:
    """One county's model: (sends, arrivals), the reason it stops short (``met`` when
    the model reaches every threshold), the solver's status and whether it is proven
    optimal, and the gap in moves to the best bound."""
    groups = county.groups.reset_index(drop=True)
    slots = county.slots.reset_index(drop=True)
    m = LinearModel()
    send, arrive, _ = transport(m, groups, slots, None)
    moves = m.add_cols([0.0], [INF], [1.0], integer=False)
    m.add_rows(
        np.zeros(send.size + 1, dtype=np.int64), np.r_[send, moves],
        np.r_[np.ones(send.size), -1.0], [0.0], 0.0,
    )  # fmt: skip
    code, first = receiver_caps(m, slots, arrive)
    if inputs.rules.keep_sole_backbone:
        keep_one_backbone(m, groups, send, inputs.held)
    segments = balance_segments(
        m, groups, send, slots, arrive, county.values, inputs.weak, 1.0,
        weight=0.0, segments=THRESHOLD_SEGMENTS,
    )  # fmt: skip
    excess = m.add_cols(np.zeros(len(segments)), INF, EXCESS_WEIGHT, integer=False)
    for k, seg in enumerate(segments):
        bound = inputs.balance.cv_max(seg.level) ** 2 - seg.cv2_before
        m.add_rows(
            np.zeros(seg.cols.size + 1, dtype=np.int64), np.r_[seg.cols, excess[k]],
            np.r_[seg.cost, -1.0], [-INF], bound,
        )  # fmt: skip
    sol = m.solve(time_limit=seconds)
    sent = np.rint(sol.values[send]).astype("int64")
    arrived = np.rint(sol.values[arrive]).astype("int64")
    sends = groups.assign(n=sent)[lambda f: f["n"] > 0]
    arrivals = slots.assign(n=arrived)[lambda f: f["n"] > 0]
    over = sol.values[excess] if len(segments) else np.zeros(0)
    reason, gap = "met", float(np.floor(sol.gap + 1e-9))
    if (over > 1e-9).any():
        worst = segments[int(np.argmax(over))]
        reason = _reason(worst, groups, slots, sent, arrived, code, first)
        if not sol.optimal:
            reason, gap = "unproven", float("nan")
    return (sends, arrivals), reason, sol.status, sol.optimal, gap


def _reason(
    seg: Segments,
    groups: pd.DataFrame,
    slots: pd.DataFrame,
    sent: np.ndarray,
    arrived: np.ndarray,
    code: np.ndarray,
    first: pd.DataFrame,
) -> str:
    """Why an indicator stays above its threshold (see :func:`moves_to_meet`)."""
    level, indicator = seg.level, seg.indicator
    flag = {"degree": "degree", "backbone": "bb", "pe_arts": "pe_arts"}[indicator]
    counting = (groups["section"] == level).to_numpy() & groups[flag].to_numpy(dtype=bool)
    if (sent[counting] >= groups["n"].to_numpy()[counting]).all():
        return "no_teachers"
    could = (slots["section"] == level).to_numpy() & slots[flag].to_numpy(dtype=bool)
    pairs = np.unique(code[could])
    taken = np.bincount(code, weights=arrived, minlength=len(first))[pairs]
    if (taken >= first["cap"].to_numpy()[pairs]).all():
        return "no_room"
    return "best_reached"
