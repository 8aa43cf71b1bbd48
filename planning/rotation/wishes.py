"""Teachers' wishes (志愿): up to five ranked receiving schools per eligible teacher,
honoured as a further stage of the rotation plan, and why each teacher goes where
they go.

docs/domain.md, “Teachers' wishes”. The plan first meets the quotas, fills shortage
and evens out balance without looking at wishes (:mod:`planning.rotation.objective`);
then, with the quotas and shortage held exactly and the balance allowed to give up at
most ``wish_tolerance`` of its gain, it places as many wishing teachers as it can at a
listed school, best rank first (:func:`wish_stage`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planning.lp import INF, LinearModel, Solution
from planning.rotation.rules import RotationRules
from planning.rotation.solve import GROUP_KEYS, TYPE_KEYS, Segments

__all__ = [
    "IGNORED_REASONS",
    "MAX_RANK",
    "MOVE_REASONS",
    "WISH_COLUMNS",
    "WishOutcome",
    "move_reasons",
    "valid_wishes",
    "wish_options",
    "wish_outcome",
    "wish_stage",
]

# A wish: the teacher, its rank (1 = first choice) and the receiving school.
WISH_COLUMNS = ["teacher_id", "rank", "school_id"]
MAX_RANK = 5
# Why a wish row was left out of the plan (each labelled ``rotation.wish_left.<code>``).
IGNORED_REASONS = (
    "unknown_teacher", "not_eligible", "unknown_school", "own_school", "not_receiver",
    "outside_county", "rank", "duplicate",
)  # fmt: skip
# Why a moved teacher goes where they go (each labelled ``rotation.move_reason.<code>``):
# ``wish``: to their listed school of rank ``wish_rank``; ``no_wish``: they listed none;
# ``wish_no_need``: none of their listed schools needs a teacher of their subject and
# section (or is within reach); ``wish_full``: those that did filled their places with
# others; ``wish_balance``: a listed school had room, but sending them there would
# give up the quotas, the shortage filled or balance beyond the tolerance.
MOVE_REASONS = ("wish", "no_wish", "wish_no_need", "wish_full", "wish_balance")

# The quotas-and-shortage part may move by this much (solver precision): 1e-6 plus this
# share of its value.
_HELD = 1e-9
# The balance's range within its band, in the wish stage's objective: below one wish
# unit by enough that a solution proven within 1 − 2 × _SPAN of the best bound grants
# the most wishes at the best ranks (its balance within the band is then good, not
# proven best).
_SPAN = 0.01


def valid_wishes(
    wishes: pd.DataFrame,
    teachers: pd.DataFrame,
    pool: pd.DataFrame,
    schools: pd.DataFrame,
    receiving: pd.Series,
    rules: RotationRules,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wishes the plan can use, and the rows it leaves out with their reason
    (:data:`IGNORED_REASONS`): a teacher unknown or not eligible this year
    (:func:`~planning.rotation.eligibility.eligible`, ``pool``), a school unknown, the
    teacher's own, not a receiving school (``receiving``: their ids), or in another
    county while ``within_district``; a rank outside 1–5; a second wish of the same
    rank or school of one teacher (the better-ranked one is kept).

    Returns (valid: WISH_COLUMNS, the teacher's school ``from_school`` and TYPE_KEYS;
    ignored: WISH_COLUMNS and ``reason``).

    >>> schools = pd.DataFrame({"school_id": [1, 2, 3], "district_id": [1, 1, 2]})
    >>> pool = pd.DataFrame({"teacher_id": [7], "school_id": [1], "section": ["primary"],
    ...     "subject": ["math"], "bb": [False], "degree": [True], "pe_arts": [False]})
    >>> wishes = pd.DataFrame({"teacher_id": [7, 7, 7, 8], "rank": [1, 2, 3, 1],
    ...     "school_id": [2, 3, 2, 2]})
    >>> ok, left = valid_wishes(wishes, pool, pool, schools, pd.Series([2, 3]),
    ...     RotationRules())
    >>> ok[["teacher_id", "rank", "school_id"]].values.tolist()
    [[7, 1, 2]]
    >>> left["reason"].tolist()
    ['outside_county', 'duplicate', 'unknown_teacher']
    """
    w = wishes[WISH_COLUMNS].reset_index(drop=True).astype("int64")
    place = schools.set_index("school_id")
    home = pool.set_index("teacher_id")["school_id"]
    reason = pd.Series("", index=w.index, dtype=object)

    def mark(mask: pd.Series | np.ndarray, code: str) -> None:
        reason[(reason == "") & np.asarray(mask, dtype=bool)] = code

    mark(~w["teacher_id"].isin(teachers["teacher_id"]), "unknown_teacher")
    mark(~w["teacher_id"].isin(home.index), "not_eligible")
    mark(~w["school_id"].isin(place.index), "unknown_school")
    own = home.reindex(w["teacher_id"]).to_numpy()
    mark(w["school_id"].to_numpy() == own, "own_school")
    mark(~w["school_id"].isin(receiving), "not_receiver")
    if rules.within_district:
        there = place["district_id"].reindex(w["school_id"]).to_numpy()
        here = place["district_id"].reindex(own).to_numpy()
        mark(there != here, "outside_county")
    mark(~w["rank"].between(1, MAX_RANK), "rank")
    order = w.assign(reason=reason).sort_values(["teacher_id", "rank"], kind="stable")
    usable = order["reason"] == ""
    again = order[usable].duplicated(["teacher_id", "rank"]) | order[usable].duplicated(
        ["teacher_id", "school_id"]
    )
    mark(again.reindex(w.index, fill_value=False), "duplicate")
    pool_keys = pool[["teacher_id", *GROUP_KEYS]].rename(columns={"school_id": "from_school"})
    ok = w[reason == ""].merge(pool_keys, on="teacher_id").sort_values(["teacher_id", "rank"])
    ignored = w.assign(reason=reason)[reason != ""].reset_index(drop=True)
    return ok[[*WISH_COLUMNS, "from_school", *TYPE_KEYS]].reset_index(drop=True), ignored


def wish_options(
    wishes: pd.DataFrame,
    groups: pd.DataFrame,
    slots: pd.DataFrame,
    links: pd.DataFrame | None,
) -> pd.DataFrame:
    """The wishes a county's model can grant: rows of ``wishes`` (:func:`valid_wishes`)
    whose school has an opening of the teacher's type (``slots``), with the positions
    ``group`` (in ``groups``), ``slot`` (in ``slots``) and, with ``links`` (the allowed
    moves, within ``max_km``), ``link``; columns WISH_COLUMNS, group, slot, link."""
    empty = pd.DataFrame({c: pd.Series(dtype="int64")
                          for c in [*WISH_COLUMNS, "group", "slot", "link"]})  # fmt: skip
    if wishes.empty or groups.empty or slots.empty:
        return empty
    g = groups.reset_index(drop=True)[GROUP_KEYS].assign(group=np.arange(len(groups)))
    s = slots.reset_index(drop=True)[[*TYPE_KEYS, "receiver"]].assign(slot=np.arange(len(slots)))
    out = wishes.rename(columns={"school_id": "receiver"}).merge(
        g.rename(columns={"school_id": "from_school"}), on=["from_school", *TYPE_KEYS]
    )
    out = out.merge(s, on=[*TYPE_KEYS, "receiver"])
    if links is not None:
        lk = links.reset_index(drop=True)[["group", "slot"]].assign(link=np.arange(len(links)))
        out = out.merge(lk, on=["group", "slot"])
    else:
        out = out.assign(link=-1)
    out = out.rename(columns={"receiver": "school_id"}).sort_values(["teacher_id", "rank"])
    return out[[*WISH_COLUMNS, "group", "slot", "link"]].reset_index(drop=True).astype("int64")


def wish_stage(
    m: LinearModel,
    first: Solution,
    options: pd.DataFrame,
    send: np.ndarray,
    arrive: np.ndarray,
    pair_cols: np.ndarray | None,
    segments: list[Segments],
    rules: RotationRules,
) -> tuple[Solution, np.ndarray]:
    """Re-solve the county's model ``m`` (solved to ``first`` without wishes) for the
    wishes: a further lexicographic stage (docs/domain.md, “Teachers' wishes”).

    Held: the quotas-and-shortage part of the objective (everything but balance and
    distance) at most its value in ``first``; the balance part (the county's weighted
    Σ CV² change, ``segments``) at most its value in ``first`` plus ``wish_tolerance``
    × the balance gain of ``first`` (0: balance exactly as good; wishes then only
    choose among equally balanced plans). Then maximised: Σ over granted wishes of
    (M − rank), M = 5 × wishing teachers + 1 — one more teacher at any listed school
    is worth more than every rank improvement together, so the plan places as many as
    possible and then the best ranks. Below that, the balance within its band
    (scaled under one wish unit) and distance. Each teacher is granted at most one
    wish, only by a move the model makes (within the group's sends and the school's
    arrivals of that type, or the pair's moves with ``links``).

    Returns the solution and each option's granted value (0 or 1); when the time runs
    out before any solution, the first pass's plan with no wish granted (not proven).
    """
    cost = m.costs()
    balance = np.zeros(cost.size)
    for seg in segments:
        balance[seg.cols] = cost[seg.cols]
    distance = np.zeros(cost.size)
    if pair_cols is not None:
        distance[pair_cols] = cost[pair_cols]
    held = cost - balance - distance
    x = first.values
    held_value = float(held @ x)
    balance_value = float(balance @ x)
    band = rules.wish_tolerance * max(-balance_value, 0.0)
    cols = np.flatnonzero(held)
    m.add_row(cols, held[cols], -INF, held_value + 1e-6 + _HELD * abs(held_value))
    cols = np.flatnonzero(balance)
    if cols.size:
        m.add_row(cols, balance[cols], -INF, balance_value + band + 1e-9)
    teachers, per_teacher = np.unique(options["teacher_id"].to_numpy(), return_inverse=True)
    top = 5 * teachers.size + 1
    grant = m.add_cols(np.zeros(len(options)), 1.0, 0.0, integer=True)
    m.add_rows(per_teacher, grant, 1.0, np.full(teachers.size, -INF), 1.0)
    if pair_cols is not None:
        _within(m, options["link"].to_numpy(), grant, pair_cols)
    else:
        _within(m, options["group"].to_numpy(), grant, send)
        _within(m, options["slot"].to_numpy(), grant, arrive)
    scale = _SPAN / max(band, _SPAN)
    stage = np.r_[scale * balance + distance, -(top - options["rank"].to_numpy(dtype=float))]
    m.set_costs(stage)
    second = m.solve(time_limit=rules.solve_seconds, abs_gap=1 - 2 * _SPAN)
    if not second.feasible:  # out of time before any plan: the first pass's, no wish granted
        values = np.r_[x, np.zeros(grant.size)]
        return Solution(values, second.status, False, float("inf")), np.zeros(grant.size, "int64")
    return second, np.rint(second.values[grant]).astype("int64")


def _within(m: LinearModel, at: np.ndarray, grant: np.ndarray, moved: np.ndarray) -> None:
    """Per column of ``moved`` that options point at: Σ granted − moved <= 0."""
    used, row = np.unique(at, return_inverse=True)
    m.add_rows(
        np.r_[row, np.arange(used.size)],
        np.r_[grant, moved[used]],
        np.r_[np.ones(grant.size), -np.ones(used.size)],
        np.full(used.size, -INF),
        0.0,
    )


def move_reasons(
    moves: pd.DataFrame,
    wishes: pd.DataFrame,
    options: pd.DataFrame,
    granted: pd.DataFrame,
    capacity: pd.DataFrame,
) -> pd.DataFrame:
    """``moves`` with ``reason`` (:data:`MOVE_REASONS`) and ``wish_rank`` (the rank of
    the listed school a teacher goes to, else <NA>): ``wishes`` the valid wishes,
    ``options`` those the model could grant (:func:`wish_options`), ``granted`` the
    granted ones (teacher_id, rank), ``capacity`` the receivers' cap per subject
    (:func:`~planning.rotation.arcs.receiver_capacity`). A listed school is full when
    the plan's arrivals in the teacher's subject there reach its cap.
    """
    rank = granted.set_index("teacher_id")["rank"]
    wishing = set(wishes["teacher_id"])
    arrived = moves.groupby(["to_school", "subject"]).size()
    cap = capacity.set_index(["receiver", "subject"])["cap"]
    subject = moves.set_index("teacher_id")["subject"]
    reasons = []
    for teacher in moves["teacher_id"]:
        if teacher in rank.index:
            reasons.append("wish")
        elif teacher not in wishing:
            reasons.append("no_wish")
        else:
            mine = options.loc[options["teacher_id"] == teacher, "school_id"]
            if mine.empty:
                reasons.append("wish_no_need")
                continue
            keys = [(int(s), subject[teacher]) for s in mine]
            full = all(arrived.get(k, 0) >= cap.get(k, 0) for k in keys)
            reasons.append("wish_full" if full else "wish_balance")
    return moves.assign(
        reason=pd.Series(reasons, index=moves.index, dtype="str"),
        wish_rank=rank.reindex(moves["teacher_id"]).to_numpy(),
    ).astype({"wish_rank": "Int64"})


@dataclass(frozen=True)
class WishOutcome:
    """How a plan's moves meet the wishes (docs/domain.md, “Teachers' wishes”):
    ``wishing`` eligible teachers with a valid wish; ``moved`` of them moved;
    ``first`` and ``top3`` of those moved placed at their first choice and at one of
    their first three; ``valid``: the wishes used (:func:`valid_wishes`); ``ignored``:
    the wish rows left out (WISH_COLUMNS, reason)."""

    wishing: int
    moved: int
    first: int
    top3: int
    valid: pd.DataFrame = field(repr=False)
    ignored: pd.DataFrame = field(repr=False)

    @property
    def first_share(self) -> float | None:
        """The share of moved wishing teachers at their first choice (None: none moved)."""
        return self.first / self.moved if self.moved else None

    @property
    def top3_share(self) -> float | None:
        """The share of moved wishing teachers at one of their first three choices."""
        return self.top3 / self.moved if self.moved else None


def wish_outcome(
    moves: pd.DataFrame, wishes: pd.DataFrame, ignored: pd.DataFrame | None = None
) -> WishOutcome:
    """The :class:`WishOutcome` of ``moves`` for the valid ``wishes`` — of any plan, with
    wishes or without (the page compares the two).

    >>> moves = pd.DataFrame({"teacher_id": [1, 2, 3], "to_school": [5, 6, 7]})
    >>> wishes = pd.DataFrame({"teacher_id": [1, 2, 2, 4], "rank": [1, 1, 3, 1],
    ...     "school_id": [5, 7, 6, 5]})
    >>> o = wish_outcome(moves, wishes)
    >>> o.wishing, o.moved, o.first, o.top3
    (3, 2, 1, 2)
    """
    hit = moves[["teacher_id", "to_school"]].merge(
        wishes[["teacher_id", "rank", "school_id"]].rename(columns={"school_id": "to_school"}),
        on=["teacher_id", "to_school"],
    )
    return WishOutcome(
        wishing=int(wishes["teacher_id"].nunique()),
        moved=int(moves["teacher_id"].isin(wishes["teacher_id"]).sum()),
        first=int((hit["rank"] == 1).sum()),
        top3=int((hit["rank"] <= 3).sum()),
        valid=wishes,
        ignored=pd.DataFrame(columns=[*WISH_COLUMNS, "reason"]) if ignored is None else ignored,
    )
