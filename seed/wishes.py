"""Seeded teachers' wishes (志愿, docs/domain.md, “Teachers' wishes”).

Half of the teachers who must rotate under the default rules list one to five
receiving schools of their county that teach their section: mostly near their own
school (the chance falls by half every 8 km), town schools twice as often as village
ones, and a few popular town schools (one in eight, near the county seat) four times
as often again, so they are over-requested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.geo import km_pairs
from planning.rotation import RotationRules, eligible, receivers

__all__ = ["WISHING_SHARE", "generate_wishes"]

WISHING_SHARE = 0.5
_HALF_KM = 8.0
# How many schools a wishing teacher lists (1 to 5), as shares.
_LISTED = np.array([0.15, 0.2, 0.3, 0.15, 0.2])


def generate_wishes(
    schools: pd.DataFrame, teachers: pd.DataFrame, *, seed: int, year: int
) -> pd.DataFrame:
    """The wishes (teacher_id, rank, school_id) of the seeded city, drawn with ``seed``."""
    rng = np.random.default_rng(seed + 12)
    rules = RotationRules()
    pool = eligible(teachers, schools, rules, year=year)
    pool = pool[rng.random(len(pool)) < WISHING_SHARE]
    open_ = schools[receivers(schools, rules)]
    town = (open_["location"] == "town").to_numpy()
    appeal = np.where(town, 2.0, 1.0) * np.where(town & (rng.random(len(open_)) < 1 / 8), 4.0, 1.0)
    appeal_of = pd.Series(appeal, index=open_["school_id"].to_numpy())
    place = schools.set_index("school_id")
    rows: list[tuple[int, int, int]] = []
    for (district, section), group in pool.assign(
        district_id=place["district_id"].reindex(pool["school_id"]).to_numpy()
    ).groupby(["district_id", "section"]):
        there = open_[(open_["district_id"] == district) & (open_[f"students_{section}"] > 0)]
        if there.empty:
            continue
        ids = there["school_id"].to_numpy()
        home = group["school_id"].to_numpy()
        km = km_pairs(
            np.repeat(place["lat"].reindex(home).to_numpy(), ids.size),
            np.repeat(place["lon"].reindex(home).to_numpy(), ids.size),
            np.tile(there["lat"].to_numpy(), home.size),
            np.tile(there["lon"].to_numpy(), home.size),
        ).reshape(home.size, ids.size)
        weight = appeal_of.reindex(ids).to_numpy() * 0.5 ** (km / _HALF_KM)
        # Gumbel top-k: a weighted draw without replacement, in order of preference.
        keys = np.log(weight) + rng.gumbel(size=weight.shape)
        listed = rng.choice(np.arange(1, 6), size=home.size, p=_LISTED)
        order = np.argsort(-keys, axis=1)
        for teacher, k, prefs in zip(group["teacher_id"], listed, order, strict=True):
            chosen = prefs[: min(k, ids.size)]
            rows += [(int(teacher), r + 1, int(ids[j])) for r, j in enumerate(chosen)]
    out = pd.DataFrame(rows, columns=["teacher_id", "rank", "school_id"])
    return out.sort_values(["teacher_id", "rank"], ignore_index=True).astype("int64")
