"""What every county's rotation model reads, prepared once per plan, and the split into
independent counties solved side by side.

docs/domain.md, “Teacher rotation”: moves stay inside a county (县域内), so each county
is its own model.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

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
from planning.rotation.rules import RotationRules
from planning.rotation.solve import TYPE_KEYS
from planning.rotation.wishes import WISH_COLUMNS, valid_wishes

__all__ = ["County", "Inputs", "prepare", "solve_each", "split"]

_SCHOOL_COLUMNS = [
    "school_id", "district_id", "location", "is_weak", "lat", "lon",
    *[f"students_{lv}" for lv in vocab.LEVELS], *[f"classes_{lv}" for lv in vocab.LEVELS],
]  # fmt: skip

T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """The scope's rotation inputs: ``pool`` (eligible teachers, flagged), ``groups`` and
    ``slots`` (interchangeable senders and receivers' openings), ``capacity`` (receiver
    shortage per subject), ``quota`` (moves required per sender), ``spare`` (FTE a sender
    has beyond its need, per subject), ``values`` (the balance indicators per school
    section), ``held`` (backbone teachers per school), ``weak``, ``district`` (per
    school), the allowed and unlimited ``links`` (with ``max_km`` or across counties),
    the teachers' valid ``wishes`` and the ``ignored`` wish rows
    (:func:`planning.rotation.wishes.valid_wishes`)."""

    rules: RotationRules
    balance: BalanceRules
    pool: pd.DataFrame
    groups: pd.DataFrame
    slots: pd.DataFrame
    capacity: pd.DataFrame
    quota: pd.Series
    spare: pd.Series
    values: pd.DataFrame
    held: pd.Series
    weak: pd.Series
    district: pd.Series
    use_links: bool
    allowed: pd.DataFrame
    unlimited: pd.DataFrame
    wishes: pd.DataFrame
    ignored: pd.DataFrame


@dataclass(frozen=True)
class County:
    """One county's share of :class:`Inputs` (``county`` None: the whole scope as one)."""

    county: int | None
    groups: pd.DataFrame
    slots: pd.DataFrame
    quota: pd.Series
    values: pd.DataFrame
    links: pd.DataFrame | None
    wishes: pd.DataFrame


def prepare(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rules: RotationRules,
    *,
    year: int,
    curriculum: pd.DataFrame,
    balance: BalanceRules | None = None,
    wishes: pd.DataFrame | None = None,
) -> Inputs:
    """Everything the county models read (the rules of docs/domain.md, “Teacher
    rotation”: eligibility, quotas, receivers' shortage per subject; “Teachers'
    wishes”: the wishes the plan can use)."""
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
    groups = teacher_groups(pool)
    slots = receiver_slots(capacity, schools, balance_rules).merge(
        groups[TYPE_KEYS].drop_duplicates(), on=TYPE_KEYS
    )
    present = teachers[teachers["status"] == "active"]
    use_links = rules.max_km is not None or not rules.within_district
    allowed = unlimited = pd.DataFrame({"group": [], "slot": [], "km": []})
    if use_links:
        allowed, unlimited = links(groups, slots, schools, rules)
    wished = pd.DataFrame(columns=WISH_COLUMNS) if wishes is None else wishes
    valid, ignored = valid_wishes(wished, teachers, pool, schools, receiving, rules)
    return Inputs(
        rules=rules,
        balance=balance_rules,
        pool=pool,
        groups=groups,
        slots=slots,
        capacity=capacity,
        quota=quotas(pool, sending, rules),
        spare=sender_spare(gaps, sending),
        values=indicator_values(schools, teachers, balance_rules),
        held=present[present["backbone"].isin(rules.backbone_levels)].groupby("school_id").size(),
        weak=schools.set_index("school_id")["is_weak"],
        district=schools.set_index("school_id")["district_id"],
        use_links=use_links,
        allowed=allowed,
        unlimited=unlimited,
        wishes=valid,
        ignored=ignored,
    )


def split(inputs: Inputs, *, need_quota: bool = True) -> list[County]:
    """One :class:`County` per county with teachers to send (and, with ``need_quota``,
    a sender with a quota); the whole scope as one without ``within_district``."""
    district = inputs.district
    scopes = sorted(district.unique()) if inputs.rules.within_district else [None]
    groups, slots, quota, allowed = inputs.groups, inputs.slots, inputs.quota, inputs.allowed
    out = []
    for county in scopes:
        in_scope = district.index if county is None else district.index[district == county]
        g_mask = groups["school_id"].isin(in_scope).to_numpy()
        s_mask = slots["receiver"].isin(in_scope).to_numpy()
        q = quota[quota.index.isin(in_scope) & (quota > 0)]
        if (need_quota and not len(q)) or not g_mask.any():
            continue
        county_links = None
        if inputs.use_links:
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
        values = inputs.values
        out.append(
            County(
                county=None if county is None else int(county),
                groups=groups[g_mask],
                slots=slots[s_mask],
                quota=q,
                values=values if county is None else values[values["district_id"] == county],
                links=county_links,
                wishes=inputs.wishes[inputs.wishes["from_school"].isin(in_scope)],
            )
        )
    return out


def solve_each(counties: list[County], solve: Callable[[County], T]) -> list[tuple[T, float]]:
    """``solve`` for every county, one per core (HiGHS releases the interpreter while
    it solves), with the seconds each took, in the order given."""

    def timed(county: County) -> tuple[T, float]:
        started = time.perf_counter()
        result = solve(county)
        return result, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as workers:
        return list(workers.map(timed, counties))
