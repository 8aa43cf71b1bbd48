"""What the plan is chosen from: groups of interchangeable teachers, what each receiver
can take, what each sender can spare, and (where distance is a rule) the allowed moves.

docs/domain.md, “Teacher rotation”: a receiver takes at most its shortage in the
teacher's subject, rounded up, and a teacher rotates within the section (学段) they
teach; moves stay inside a county (县域内) unless the planner lifts it, and never exceed
``max_km``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.geo import km_pairs
from planning.metrics import BALANCE_LEVELS, BalanceRules, indicator_flags
from planning.rotation.rules import RotationRules
from planning.rotation.solve import GROUP_KEYS

__all__ = [
    "flag_pool", "links", "receiver_capacity", "receiver_slots", "sender_spare",
    "teacher_groups",
]  # fmt: skip

_EPS = 1e-9


def flag_pool(pool: pd.DataFrame, balance: BalanceRules) -> pd.DataFrame:
    """The eligible teachers with their group flags: ``degree`` and ``pe_arts`` become
    whether they count toward those balance indicators
    (:func:`planning.metrics.indicator_flags`); ``bb`` (a backbone level of the rules)
    must already be there."""
    flags = indicator_flags(pool, balance)
    return pool.assign(degree=flags["degree"], pe_arts=flags["pe_arts"])


def teacher_groups(flagged: pd.DataFrame) -> pd.DataFrame:
    """Eligible teachers (:func:`flag_pool`) counted per GROUP_KEYS (column ``n``):
    school, section, subject and the flags ``bb``, ``degree``, ``pe_arts``. Teachers in
    one group are interchangeable to the plan (docs/domain.md, “Teacher rotation”).

    >>> pool = pd.DataFrame({"school_id": [1, 1, 1], "section": ["primary"] * 3,
    ...     "subject": ["math"] * 3, "bb": [False, True, False],
    ...     "degree": [True] * 3, "pe_arts": [False] * 3})
    >>> teacher_groups(pool)["n"].tolist()
    [2, 1]
    """
    return flagged.groupby(GROUP_KEYS).size().rename("n").reset_index()


def receiver_capacity(
    gaps: pd.DataFrame, receiving: pd.Series, rules: RotationRules
) -> pd.DataFrame:
    """What each receiving school can take per teaching subject: its shortage (FTE,
    :func:`planning.establishment.subject_gaps`) rounded up, where it is short
    (docs/domain.md, “Teacher rotation”). Columns receiver, subject, gap, cap.

    >>> gaps = pd.DataFrame({"school_id": [2, 2, 3], "subject": ["math", "admin", "math"],
    ...     "gap": [2.08, 1.0, -0.5]})
    >>> receiver_capacity(gaps, pd.Series([2, 3]), RotationRules()).values.tolist()
    [[2, 'math', 2.08, 3]]
    """
    teaching = ~gaps["subject"].isin(rules.non_teaching_subjects)
    short = gaps[teaching & gaps["school_id"].isin(receiving) & (gaps["gap"] > _EPS)]
    return pd.DataFrame(
        {
            "receiver": short["school_id"].to_numpy(),
            "subject": short["subject"].to_numpy(),
            "gap": short["gap"].to_numpy(),
            "cap": np.ceil(short["gap"].to_numpy() - _EPS).astype("int64"),
        }
    )


def receiver_slots(
    capacity: pd.DataFrame, schools: pd.DataFrame, balance: BalanceRules
) -> pd.DataFrame:
    """The receivers' capacity per type of teacher they can take: each (receiver,
    subject) of ``capacity`` once per compulsory section the receiver teaches and per
    indicator flag combination (a nine-year school takes primary and junior teachers,
    sharing its subject cap). Columns TYPE_KEYS, receiver, gap, cap.
    """
    sections = pd.concat(
        [
            pd.DataFrame({"receiver": schools["school_id"].to_numpy(), "section": level})[
                schools[f"students_{level}"].to_numpy() > 0
            ]
            for level in BALANCE_LEVELS
        ]
    )
    pe_arts = capacity["subject"].isin(balance.pe_arts_subjects)
    flags = pd.DataFrame(
        [(bb, deg) for bb in (False, True) for deg in (False, True)], columns=["bb", "degree"]
    )
    out = capacity.assign(pe_arts=pe_arts.to_numpy()).merge(sections, on="receiver")
    out = out.merge(flags, how="cross")
    return out[["section", "subject", "bb", "degree", "pe_arts", "receiver", "gap", "cap"]]


def sender_spare(gaps: pd.DataFrame, sending: np.ndarray) -> pd.Series:
    """What each sending school has beyond its own need per subject, in FTE (0 where it
    is short), indexed by (school_id, subject): it can give this away without being
    left short itself (docs/domain.md, “Teacher rotation”).

    >>> gaps = pd.DataFrame({"school_id": [1, 1], "subject": ["math", "music"],
    ...     "gap": [-3.1, 0.4]})
    >>> sender_spare(gaps, np.array([1])).tolist()
    [3.1, 0.0]
    """
    spare = gaps[gaps["school_id"].isin(sending)]
    return pd.Series(
        np.maximum(-spare["gap"].to_numpy(), 0.0),
        index=pd.MultiIndex.from_frame(spare[["school_id", "subject"]]),
    )


def links(
    groups: pd.DataFrame, slots: pd.DataFrame, schools: pd.DataFrame, rules: RotationRules
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The allowed moves (group → slot of the same type at another school, in the same
    county with ``within_district``, within ``max_km``): rows group, slot (positions in
    ``groups`` and ``slots``), km; and the same ignoring ``max_km`` (to tell when the
    distance limit is what stops a quota).
    """
    from planning.rotation.solve import TYPE_KEYS

    place = schools.set_index("school_id")
    left = groups.reset_index(drop=True).assign(group=lambda f: np.arange(len(f)))
    right = slots.reset_index(drop=True).assign(slot=lambda f: np.arange(len(f)))
    keys = list(TYPE_KEYS)
    if rules.within_district:
        left["district_id"] = place["district_id"].reindex(left["school_id"]).to_numpy()
        right["district_id"] = place["district_id"].reindex(right["receiver"]).to_numpy()
        keys.append("district_id")
    pairs = left[[*keys, "school_id", "group"]].merge(right[[*keys, "receiver", "slot"]], on=keys)
    pairs = pairs[pairs["school_id"] != pairs["receiver"]]
    km = km_pairs(
        place["lat"].reindex(pairs["school_id"]).to_numpy(),
        place["lon"].reindex(pairs["school_id"]).to_numpy(),
        place["lat"].reindex(pairs["receiver"]).to_numpy(),
        place["lon"].reindex(pairs["receiver"]).to_numpy(),
    )
    unlimited = pd.DataFrame(
        {"group": pairs["group"].to_numpy(), "slot": pairs["slot"].to_numpy(), "km": km}
    )
    allowed = unlimited
    if rules.max_km is not None:
        allowed = unlimited[unlimited["km"] <= rules.max_km]
    return allowed.reset_index(drop=True), unlimited
