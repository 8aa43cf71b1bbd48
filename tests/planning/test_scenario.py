"""Scenarios: JSON round trip, all engines run, two runs diffed."""

from __future__ import annotations

import pytest

from planning import scenario as sc
from planning.pay import PayPolicy
from planning.rotation import RotationRules
from seed.city import City, generate
from seed.reference import CURRICULUM, standards_frame
from tests import factories as f
from tests.planning.test_rotation import CURRICULUM as TINY_CURRICULUM
from tests.planning.test_rotation import YEAR
from tests.planning.test_rotation_wishes import receiver, sender, ten_at_one, wishes


@pytest.fixture(scope="module")
def city() -> City:
    return generate("demo", seed=5)


def test_json_round_trip_is_unchanged() -> None:
    s = sc.Scenario(
        "方案乙",
        standard="2014",
        growth_primary=-0.1,
        class_floor=1.5,
        rotation=RotationRules(rate=0.15, max_km=30.0, sender_locations=("urban", "town")),
        pay=PayPolicy(per_capita_yuan=40_000, subsidy_locations=("rural", "town")),
        district_id=3,
        custom_standard=(("primary", "rural", 19.0),),
    )
    assert sc.Scenario.from_json(s.to_json()) == s
    with pytest.raises(ValueError, match="unknown field"):
        sc.Scenario.from_json('{"name": "x", "colour": "red"}')


def test_run_and_diff(city: City) -> None:
    frames = dict(
        schools=city.schools,
        teachers=city.teachers,
        standards=standards_frame(),
        curriculum=CURRICULUM,
    )
    a = sc.run(sc.Scenario("A"), **frames)
    b = sc.run(
        sc.Scenario(
            "B",
            standard="2014",
            rotation=RotationRules(rate=0.2),
            pay=PayPolicy(per_capita_yuan=40_000),
        ),
        **frames,
    )
    assert a.headline["establishment"]["posts"] == a.quotas["quota"].sum()
    assert a.headline["rotation"]["moved"] == len(a.moves) > 0
    assert a.headline["rotation"]["backbone_share"] == a.moves["backbone"].mean()
    assert b.headline["establishment"]["posts"] > a.headline["establishment"]["posts"]
    assert b.headline["pay"]["budget_fen"] > a.headline["pay"]["budget_fen"]
    d = sc.diff(a, b)
    row = d.headline.set_index(["module", "figure"]).loc[("rotation", "required")]
    assert row["delta"] == row["b"] - row["a"] > 0
    assert (d.pay["delta_fen"] > 0).all()
    assert set(d.moves_only_b["teacher_id"]) - set(d.moves_only_a["teacher_id"])
    assert (d.quotas["delta"] > 0).all()
    same = sc.diff(a, a)
    assert (same.headline["delta"].fillna(0) == 0).all() and same.moves_only_a.empty


def test_unknown_standard_is_named(city: City) -> None:
    with pytest.raises(ValueError, match="unknown staffing standard '1999'"):
        sc.run(
            sc.Scenario("X", standard="1999"),
            schools=city.schools,
            teachers=city.teachers,
            standards=standards_frame(),
            curriculum=CURRICULUM,
        )


def test_a_scenario_that_uses_wishes_runs_the_plan_with_them() -> None:
    # The hand-worked case of tests/planning/test_rotation_wishes.py: teacher 5 lists
    # school 3 first; with wishes on, the scenario's plan sends them there, as the
    # Rotation page does; with wishes off, or none given, teacher 1 goes to school 2.

    frames = dict(
        schools=f.schools(sender(1), receiver(2, lon=121.0), receiver(3, lon=121.1)),
        teachers=ten_at_one(),
        standards=standards_frame(),
        curriculum=TINY_CURRICULUM,
    )
    on = RotationRules(use_wishes=True, wish_tolerance=0.0)
    wished = sc.run(sc.Scenario("W", rotation=on, rotation_year=YEAR), **frames,
                    wishes=wishes((5, 1, 3)))  # fmt: skip
    assert wished.moves[["teacher_id", "to_school"]].values.tolist() == [[5, 3]]
    for rules, given in ((on, None), (RotationRules(), wishes((5, 1, 3)))):
        plain = sc.run(sc.Scenario("P", rotation=rules, rotation_year=YEAR), **frames,
                       wishes=given)  # fmt: skip
        assert plain.moves[["teacher_id", "to_school"]].values.tolist() == [[1, 2]]
