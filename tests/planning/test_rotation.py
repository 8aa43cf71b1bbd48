"""Rotation rules of docs/domain.md by hand, hard rules as properties, optimality by brute force."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import metrics
from planning import rotation as rot
from planning.establishment import subject_gaps
from planning.geo import km_matrix
from planning.rotation import objective
from planning.rotation.solve import MOVE_COLUMNS
from tests import factories as f

YEAR = 2026
# One subject, one section: 6 primary classes x 4.5 periods / 13 = 2.08 FTE of maths.
CURRICULUM = f.curriculum(("primary", "math", 4.5, 13.0), ("primary", "music", 2.0, 16.0))


def sender(school_id: int = 1, **kw) -> dict:
    return f.school(school_id, location="urban", students_primary=900, classes_primary=20, **kw)


def receiver(school_id: int, lat: float = 32.0, lon: float = 121.0, **kw) -> dict:
    values = {"location": "rural", "students_primary": 180, "classes_primary": 6, **kw}
    return f.school(school_id, lat=lat, lon=lon, **values)


def veteran(teacher_id: int, school_id: int = 1, **kw) -> dict:
    """A teacher at the school since 2010, aged 46: eligible at an urban school."""
    values = {"school_since": 2010, "birth_year": 1980, "subject": "math", **kw}
    return f.teacher(teacher_id, school_id=school_id, **values)


def test_eligibility_rules() -> None:
    schools = f.schools(sender(1), sender(2, is_weak=True), receiver(3))
    teachers = f.teachers(
        veteran(1),  # eligible
        veteran(2, school_since=2021),  # 5 years: not yet
        veteran(3, school_since=2020),  # exactly 6 years: eligible
        veteran(4, gender="F", birth_year=1974),  # 52, retires at 55: within 3 years
        veteran(5, gender="F", birth_year=1975),  # 51: 4 years to go, eligible
        veteran(6, gender="M", birth_year=1969),  # 57, retires at 60: exempt
        veteran(7, status="leave"),
        veteran(8, subject="admin"),  # not teaching staff
        veteran(9, school_id=2),  # a weak school never sends
        veteran(10, school_id=3),  # a rural school does not send
        veteran(11, section="senior"),  # a senior-high teacher: the rule covers compulsory schools
    )
    out = rot.eligible(teachers, schools, rot.RotationRules(), year=YEAR)
    assert out["teacher_id"].tolist() == [1, 3, 5]
    assert list(out.columns) == list(teachers.columns)
    quality = rot.RotationRules(quality_school_ids=(3,), min_years=5)
    assert rot.eligible(teachers, schools, quality, year=YEAR)["teacher_id"].tolist() == [
        1,
        2,
        3,
        5,
        10,
    ]


def test_quota_is_exact_ceiling() -> None:
    # 30 eligible at 10 %: exactly 3 (floating point would give 3.0000000000000004 -> 4)
    schools = f.schools(sender(1), receiver(2, classes_primary=40))  # 13.8 FTE short
    teachers = f.teachers(
        *[veteran(i, backbone="county" if i <= 3 else "none") for i in range(1, 31)]
    )
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.summary.required == 3
    assert out.summary.moved == 3
    assert out.summary.backbone_moved == 1  # ceil(0.2 x 3) = 1, and no more
    assert out.binding.empty


def test_hand_case_moves_to_the_weak_school_and_nearest() -> None:
    schools = f.schools(
        sender(1),
        receiver(2, lat=32.0, lon=121.0),  # ~9.4 km
        receiver(3, lat=32.0, lon=121.1),  # ~18.9 km
        receiver(4, lat=32.0, lon=121.2, is_weak=True),  # ~28.3 km but weak
    )
    teachers = f.teachers(
        *[veteran(i, backbone="city" if i == 1 else "none") for i in range(1, 11)]
    )
    # quota ceil(10 % of 10) = 1; backbone ceil(0.2 x 1) = 1, but the city backbone
    # teacher is the school's only one: it keeps them, and says so
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.moves[["teacher_id", "to_school", "backbone"]].values.tolist() == [[2, 4, False]]
    assert out.binding[["rule", "reason"]].values.tolist() == [["backbone", "sole_backbone"]]
    # asked to, it sends them: to the weak school, the same balance gain counting twice
    rules = rot.RotationRules(keep_sole_backbone=False)
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    assert out.binding.empty
    assert out.moves[
        ["teacher_id", "from_school", "to_school", "subject", "backbone"]
    ].values.tolist() == [[1, 1, 4, "math", True]]
    expected = km_matrix(np.array([32.0]), np.array([120.9]), np.array([32.0]), np.array([121.2]))
    assert out.moves["km"].iloc[0] == pytest.approx(float(expected[0, 0]))
    assert list(out.moves.columns) == [*MOVE_COLUMNS, "reason", "wish_rank"]
    assert out.moves["reason"].tolist() == ["no_wish"]


def test_receiver_takes_at_most_its_shortage_rounded_up() -> None:
    # receiver short 2.08 FTE of maths -> takes at most 3
    schools = f.schools(sender(1), receiver(2))
    teachers = f.teachers(*[veteran(i) for i in range(1, 51)])
    out = rot.plan(teachers, schools, rot.RotationRules(rate=0.5), year=YEAR, curriculum=CURRICULUM)
    assert len(out.moves) == 3
    assert out.summary.required == 25
    row = out.binding.set_index("rule").loc["quota"]
    assert (row["required"], row["achieved"], row["reason"]) == (25, 3, "receiver_capacity")


def test_max_km_is_never_exceeded_and_is_named_when_it_binds() -> None:
    schools = f.schools(sender(1), receiver(2, lat=32.5, lon=121.5))  # ~80 km away
    teachers = f.teachers(*[veteran(i, backbone="county") for i in range(1, 11)])
    rules = rot.RotationRules(max_km=30)
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    assert out.moves.empty
    assert out.binding["reason"].tolist() == ["max_km"]
    assert out.binding["rule"].tolist() == ["quota"]


def test_nothing_to_receive_is_explained_not_raised() -> None:
    schools = f.schools(sender(1), receiver(2, classes_primary=0, students_primary=0))
    teachers = f.teachers(*[veteran(i) for i in range(1, 11)])
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.moves.empty and out.summary.moved == 0
    assert out.binding[["rule", "school_id", "required", "achieved", "reason"]].values.tolist() == [
        ["quota", 1, 1, 0, "no_receiver"]
    ]


def test_too_few_backbone_teachers_is_named() -> None:
    schools = f.schools(sender(1), receiver(2, classes_primary=40))
    teachers = f.teachers(*[veteran(i) for i in range(1, 21)])  # none is a backbone teacher
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.summary.moved == 2  # the quota is still met
    bb = out.binding.set_index("rule").loc["backbone"]
    assert (bb["required"], bb["achieved"], bb["reason"]) == (1, 0, "too_few_backbone")


def test_moves_stay_in_their_county() -> None:
    schools = f.schools(sender(1, district_id=1), receiver(2, district_id=2))
    teachers = f.teachers(*[veteran(i) for i in range(1, 11)])
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.moves.empty
    anywhere = rot.RotationRules(within_district=False)
    assert len(rot.plan(teachers, schools, anywhere, year=YEAR, curriculum=CURRICULUM).moves) == 1


def test_fill_shortage_fills_beyond_the_quota_but_keeps_the_senders_need() -> None:
    # sender: 20 classes need 6.9 FTE of maths; 10 maths teachers -> 3 spare
    schools = f.schools(sender(1), receiver(2, classes_primary=40))  # 13.8 short
    teachers = f.teachers(
        *[veteran(i, backbone="county" if i <= 2 else "none") for i in range(1, 11)]
    )
    rules = rot.RotationRules(fill_shortage=True)
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    assert out.summary.required == 1
    assert out.summary.moved == 3  # all the sender can spare
    assert out.summary.backbone_moved >= 1  # ceil(0.2 x 3)


def test_same_input_same_plan_whatever_the_row_order() -> None:
    schools = f.schools(
        sender(1), sender(5), receiver(2), receiver(3, lon=121.1), receiver(4, lon=121.2)
    )
    teachers = f.teachers(
        *[
            veteran(i, school_id=1 if i % 2 else 5, backbone=["none", "county", "city"][i % 3])
            for i in range(1, 41)
        ]
    )
    a = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    b = rot.plan(
        teachers.sample(frac=1, random_state=3),
        schools.sample(frac=1, random_state=4),
        rot.RotationRules(),
        year=YEAR,
        curriculum=CURRICULUM,
    )
    pd.testing.assert_frame_equal(a.moves, b.moves)
    scalars = [
        f.name for f in dataclasses.fields(a.summary) if f.name[:7] not in ("balance", "solver")
    ]
    assert [getattr(a.summary, n) for n in scalars] == [getattr(b.summary, n) for n in scalars]
    pd.testing.assert_frame_equal(a.summary.balance(), b.summary.balance())


def test_summary_figures_by_hand() -> None:
    # two receivers, each short 2.08 FTE of maths and 0.75 of music
    schools = f.schools(sender(1), receiver(2), receiver(3, lon=121.1))
    teachers = f.teachers(
        *[veteran(i, backbone="county" if i <= 2 else "none") for i in range(1, 21)]
    )
    out = rot.plan(teachers, schools, rot.RotationRules(), year=YEAR, curriculum=CURRICULUM)
    s = out.summary
    assert (s.eligible, s.senders, s.required, s.moved) == (20, 1, 2, 2)
    assert (s.backbone_moved, s.backbone_share) == (1, 0.5)
    # two receivers, each 6 classes: maths 4.5 periods / 13 a teacher, music 2 / 16
    short = round(2 * (6 * 4.5 / 13 + 6 * 2 / 16), 3)
    assert s.shortage_before == pytest.approx(short)
    assert s.shortage_after == pytest.approx(short - 2)
    assert s.total_km == pytest.approx(out.moves["km"].sum(), abs=1e-3)
    assert s.mean_km == pytest.approx(s.total_km / 2, abs=1e-3)
    assert s.shortage_created == 0  # 20 maths teachers at a sender needing 6.9
    assert s.most_backbone_received == 1
    # backbone per 100 pupils: sender (900 pupils) 2 -> 1, one receiver (180) 0 -> 1
    weights = [900, 180, 180]
    table = s.balance().set_index(["level", "indicator"])
    assert table.loc[("primary", "backbone"), "before"] == pytest.approx(
        metrics.cv([200 / 900, 0, 0], weights)
    )
    assert table.loc[("primary", "backbone"), "after"] == pytest.approx(
        metrics.cv([100 / 900, 100 / 180, 0], weights)
    )
    assert "junior" not in table.index.get_level_values("level")  # no junior pupils
    assert s.counties == 1
    assert s.counties_meeting("after", "primary", "backbone") == int(
        table.loc[("primary", "backbone"), "after"] <= 0.50
    )
    assert s.proven_optimal


def test_school_roles_and_district_flows() -> None:
    schools = f.schools(
        sender(1, district_id=1),
        receiver(2, district_id=1),
        receiver(3, district_id=2),
        f.school(4, location="town", district_id=2),
        sender(5, district_id=2, is_weak=True),
    )
    roles = rot.school_roles(schools, rot.RotationRules(receiver_locations=("rural",)))
    assert roles.tolist() == ["sender", "receiver", "receiver", "other", "receiver"]
    assert roles.index.equals(schools.index)
    teachers = f.teachers(*[veteran(i) for i in range(1, 31)])
    anywhere = rot.RotationRules(rate=0.2, within_district=False)
    out = rot.plan(teachers, schools, anywhere, year=YEAR, curriculum=CURRICULUM)
    flows = rot.district_flows(out.moves, schools)
    assert list(flows.columns) == ["from_district", "to_district", "moves"]
    assert flows["moves"].sum() == len(out.moves) == 6
    assert set(flows["from_district"]) == {1}
    district_of = schools.set_index("school_id")["district_id"]
    expected = out.moves["to_school"].map(district_of).value_counts().sort_index()
    assert flows.set_index("to_district")["moves"].to_dict() == expected.to_dict()


def test_simulation_retires_returns_and_rehires() -> None:
    schools = f.schools(sender(1), receiver(2, classes_primary=40))
    teachers = f.teachers(
        *[veteran(i) for i in range(1, 21)],
        veteran(21, gender="M", birth_year=1966),  # 60 in 2026: retires the first year
    )
    rules = rot.RotationRules(term_years=1)
    sim = rot.simulate(teachers, schools, rules, year=YEAR, years=3, curriculum=CURRICULUM)
    assert sim["year"].tolist() == [2026, 2027, 2028]
    assert sim["retired"].tolist() == [1, 0, 0]
    assert sim["hired"].tolist() == [1, 0, 0]
    assert sim["moved"].tolist() == [2, 2, 2]  # ceil(10 % of 20, then of 18 + 0 returned)
    assert sim["returned"].tolist() == [0, 2, 2]  # a one-year term
    assert (sim["teachers"] == 21).all()
    with pytest.raises(ValueError, match="years must be 1–5"):
        rot.simulate(teachers, schools, rules, year=YEAR, years=6, curriculum=CURRICULUM)


def test_rules_are_checked() -> None:
    with pytest.raises(
        ValueError, match=r"The 'rate' parameter of RotationRules must be in \[0, 1\]; got 1.5"
    ):
        rot.RotationRules(rate=1.5)
    with pytest.raises(ValueError, match="max_km"):
        rot.RotationRules(max_km=0)


# ---- properties ----------------------------------------------------------------


# A random city: schools, teachers and rules.
Instance = tuple[pd.DataFrame, pd.DataFrame, rot.RotationRules]


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n_send = draw(st.integers(1, 3))
    n_recv = draw(st.integers(1, 4))
    schools = [
        sender(i + 1, lat=32 + draw(st.floats(-0.2, 0.2)), lon=120.9 + draw(st.floats(-0.2, 0.2)))
        for i in range(n_send)
    ]
    schools += [
        receiver(
            n_send + j + 1,
            lat=32 + draw(st.floats(-0.3, 0.3)),
            lon=121 + draw(st.floats(-0.3, 0.3)),
            classes_primary=draw(st.integers(0, 12)),
            is_weak=draw(st.booleans()),
        )
        for j in range(n_recv)
    ]
    rows = []
    for k in range(draw(st.integers(1, 25))):
        rows.append(
            veteran(
                k + 1,
                school_id=draw(st.integers(1, n_send + n_recv)),
                school_since=draw(st.integers(2005, 2025)),
                birth_year=draw(st.integers(1966, 2000)),
                gender=draw(st.sampled_from(["F", "M"])),
                subject=draw(st.sampled_from(["math", "music"])),
                backbone=draw(st.sampled_from(["none", "none", "school", "county", "city"])),
                status=draw(st.sampled_from(["active", "active", "active", "leave"])),
                degree=draw(st.sampled_from(["bachelor", "associate", "secondary"])),
            )
        )
    rules = rot.RotationRules(
        rate=draw(st.sampled_from([0.1, 0.2, 0.35, 0.5])),
        backbone_share=draw(st.sampled_from([0.0, 0.2, 0.5])),
        max_km=draw(st.sampled_from([None, 15.0, 40.0])),
        fill_shortage=draw(st.booleans()),
    )
    return f.schools(*schools), f.teachers(*rows), rules


@settings(max_examples=120, deadline=None)
@given(instances())
def test_hard_rules_hold_on_random_instances(instance: Instance) -> None:
    schools, teachers, rules = instance
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    moves = out.moves
    eligible = rot.eligible(teachers, schools, rules, year=YEAR)
    assert set(moves["teacher_id"]) <= set(eligible["teacher_id"])
    assert moves["teacher_id"].is_unique
    receiving = set(schools.loc[rot.receivers(schools, rules), "school_id"])
    assert set(moves["to_school"]) <= receiving
    gaps = subject_gaps(schools, teachers, CURRICULUM)
    cap = np.ceil(gaps.set_index(["school_id", "subject"])["gap"] - 1e-9)
    for (school, subject), n in moves.groupby(["to_school", "subject"]).size().items():
        assert n <= cap[(school, subject)]
    if rules.max_km is not None:
        assert (moves["km"] <= rules.max_km).all()
    subject_of = teachers.set_index("teacher_id")["subject"]
    assert (moves["subject"].to_numpy() == subject_of[moves["teacher_id"]].to_numpy()).all()
    # Quotas: met, or the shortfall is named in `binding`.
    per = eligible.groupby("school_id").size()
    moved = moves.groupby("from_school").size()
    bb = moves[moves["backbone"]].groupby("from_school").size()
    quota_named = set(out.binding.loc[out.binding["rule"] == "quota", "school_id"])
    bb_named = set(out.binding.loc[out.binding["rule"] == "backbone", "school_id"])
    share = Fraction(str(rules.backbone_share))
    for school, n in per.items():
        q = -(-Fraction(str(rules.rate)) * n // 1)
        m = int(moved.get(school, 0))
        assert m >= q or school in quota_named
        if not rules.fill_shortage:
            assert m <= q
        assert int(bb.get(school, 0)) >= -(-share * m // 1) or school in bb_named


def _objective(moves: pd.DataFrame, schools, teachers, rules) -> float:
    """The documented objective of a set of moves, minimised (docs/domain.md, “Teacher
    rotation”; :mod:`planning.rotation.objective`), distance left out: it only breaks
    ties. Written from the rule, not from the model."""
    eligible = rot.eligible(teachers, schools, rules, year=YEAR)
    per = eligible.groupby("school_id").size()
    share = Fraction(str(rules.backbone_share))
    short = 0
    for school, n in per.items():
        q = int(-(-Fraction(str(rules.rate)) * n // 1))
        m = int((moves["from_school"] == school).sum())
        b = int(((moves["from_school"] == school) & moves["backbone"]).sum())
        short += max(0, q - m) + max(0, int(-(-share * m // 1)) - b)
    gaps = subject_gaps(schools, teachers, CURRICULUM).set_index(["school_id", "subject"])["gap"]
    arrived = moves.groupby(["to_school", "subject"]).size()
    filled = sum(min(n, gaps[key]) for key, n in arrived.items())
    sent = moves.groupby(["from_school", "subject"]).size()
    created = sum(max(0.0, n - max(0.0, -gaps.get(key, 0.0))) for key, n in sent.items())
    after = teachers.copy()
    where = dict(zip(moves["teacher_id"], moves["to_school"], strict=True))
    after["school_id"] = [
        where.get(t, s) for t, s in zip(after["teacher_id"], after["school_id"], strict=True)
    ]
    balance_rules = metrics.BalanceRules(backbone_levels=rules.backbone_levels)
    before_v = metrics.indicator_values(schools, teachers, balance_rules)
    after_v = metrics.indicator_values(schools, after, balance_rules)
    weak = schools.set_index("school_id")["is_weak"]
    change = 0.0
    for (_, _), group in before_v[before_v["included"]].groupby(["district_id", "level"]):
        p = group["students"] / group["students"].sum()
        later = after_v.loc[group.index]
        for ind in metrics.INDICATORS:
            mean = float((p * group[ind]).sum())
            if mean <= 0:
                continue
            w = np.where(weak.reindex(group["school_id"]).to_numpy(), rules.weak_weight, 1.0)
            after_term = np.where(later[ind] < mean, w, 1.0) * (later[ind] - mean) ** 2
            before_term = np.where(group[ind] < mean, w, 1.0) * (group[ind] - mean) ** 2
            change += float((p * (after_term - before_term)).sum() / mean**2)
    return (
        objective.QUOTA_WEIGHT * short
        - objective.SHORTAGE_WEIGHT * filled
        + objective.CREATED_WEIGHT * created
        + objective.BALANCE_WEIGHT * change
    )


@settings(max_examples=40, deadline=None)
@given(instances())
def test_plan_is_optimal_against_brute_force(instance: Instance) -> None:
    schools, teachers, rules = instance
    rules = rot.RotationRules(
        rate=rules.rate, backbone_share=rules.backbone_share, max_km=rules.max_km
    )
    eligible = rot.eligible(teachers, schools, rules, year=YEAR).head(6)
    teachers = teachers[
        ~teachers["teacher_id"].isin(
            rot.eligible(teachers, schools, rules, year=YEAR)["teacher_id"]
        )
        | teachers["teacher_id"].isin(eligible["teacher_id"])
    ]
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    best = min(
        _objective(moves, schools, teachers, rules)
        for moves in feasible_moves(schools, teachers, eligible, rules)
    )
    assert _objective(out.moves, schools, teachers, rules) == pytest.approx(best, abs=1e-6)


def feasible_moves(
    schools: pd.DataFrame, teachers: pd.DataFrame, eligible: pd.DataFrame, rules
) -> Iterator[pd.DataFrame]:
    """Every set of moves of the ``eligible`` teachers that keeps the hard rules (the
    brute force's candidates), the empty one included."""
    receiving = schools.loc[rot.receivers(schools, rules), "school_id"].tolist()
    place = schools.set_index("school_id")
    gaps = subject_gaps(schools, teachers, CURRICULUM)
    cap = np.ceil(gaps.set_index(["school_id", "subject"])["gap"] - 1e-9)
    per = eligible.groupby("school_id").size()
    quota = {s: int(-(-Fraction(str(rules.rate)) * n // 1)) for s, n in per.items()}
    options = [None, *receiving]
    held = (
        teachers[
            (teachers["status"] == "active") & teachers["backbone"].isin(rules.backbone_levels)
        ]
        .groupby("school_id")
        .size()
    )
    for choice in itertools.product(options, repeat=len(eligible)):
        rows = []
        for (_, t), r in zip(eligible.iterrows(), choice, strict=True):
            if r is None:
                continue
            if place.loc[r, "district_id"] != place.loc[t["school_id"], "district_id"]:
                break
            if place.loc[r, f"students_{t['section']}"] <= 0:
                break
            km = float(
                km_matrix(
                    np.array([place.loc[t["school_id"], "lat"]]),
                    np.array([place.loc[t["school_id"], "lon"]]),
                    np.array([place.loc[r, "lat"]]),
                    np.array([place.loc[r, "lon"]]),
                )[0, 0]
            )
            if rules.max_km is not None and km > rules.max_km:
                break
            rows.append(
                (
                    t["teacher_id"],
                    t["school_id"],
                    r,
                    t["subject"],
                    km,
                    t["backbone"] in rules.backbone_levels,
                )
            )
        else:
            moves = pd.DataFrame(
                rows,
                columns=["teacher_id", "from_school", "to_school", "subject", "km", "backbone"],
            )
            if len(moves):
                counts = moves.groupby(["to_school", "subject"]).size()
                if any(n > cap.get((r, s), 0) for (r, s), n in counts.items()):
                    continue
                sent = moves.groupby("from_school").size()
                if any(n > quota.get(s, 0) for s, n in sent.items()):
                    continue
                sent_bb = moves[moves["backbone"]].groupby("from_school").size()
                if any(n > held.get(s, 0) - 1 for s, n in sent_bb.items()):
                    continue
            yield moves
