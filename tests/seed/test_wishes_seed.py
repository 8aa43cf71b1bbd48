"""The seeded wishes (seed/wishes.py): half the teachers who must rotate list 1–5
schools the plan can use, mostly near, some town schools over-requested."""

from __future__ import annotations

from planning import rotation as rot
from planning.geo import km_pairs
from seed.city import generate
from seed.reference import CURRICULUM
from seed.wishes import WISHING_SHARE


def test_seeded_wishes_are_valid_near_and_some_schools_are_popular() -> None:
    city = generate("demo")
    rules = rot.RotationRules()
    pool = rot.eligible(city.teachers, city.schools, rules, year=city.year)
    w = city.wishes
    wishing = w["teacher_id"].nunique()
    assert abs(wishing / len(pool) - WISHING_SHARE) < 0.1
    assert w.groupby("teacher_id")["rank"].max().between(1, 5).all()
    out = rot.plan(city.teachers, city.schools, rules, year=city.year,
                   curriculum=CURRICULUM, wishes=w)  # fmt: skip
    assert out.wishes.ignored.empty, out.wishes.ignored["reason"].value_counts()
    place = city.schools.set_index("school_id")
    home = pool.set_index("teacher_id")["school_id"].reindex(w["teacher_id"]).to_numpy()
    km = km_pairs(place["lat"].reindex(home).to_numpy(), place["lon"].reindex(home).to_numpy(),
                  place["lat"].reindex(w["school_id"]).to_numpy(),
                  place["lon"].reindex(w["school_id"]).to_numpy())  # fmt: skip
    first = w["rank"].to_numpy() == 1
    assert km[first].mean() < km.mean() + 1e-9  # first choices are nearer than the rest
    asked = w["school_id"].value_counts()
    assert asked.iloc[0] > 3 * asked.median()  # a popular school, over-requested
