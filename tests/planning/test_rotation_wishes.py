"""Teachers' wishes (docs/domain.md, “Teachers' wishes”): hand-worked cases, the
tolerance as a property, and optimality by brute force."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import rotation as rot
from tests import factories as f
from tests.planning.test_rotation import (
    CURRICULUM,
    YEAR,
    Instance,
    _objective,
    feasible_moves,
    instances,
    receiver,
    sender,
    veteran,
)


def wishes(*rows: tuple[int, int, int]) -> pd.DataFrame:
    """Rows of (teacher_id, rank, school_id)."""
    return pd.DataFrame(rows, columns=["teacher_id", "rank", "school_id"])


def ten_at_one(**senior: int) -> pd.DataFrame:
    """Ten eligible maths teachers at school 1 (quota 1); teacher 5 with ``senior``."""
    return f.teachers(*[veteran(i, **(senior if i == 5 else {})) for i in range(1, 11)])


def test_a_wish_chooses_between_equally_balanced_schools() -> None:
    # Schools 2 and 3 alike; 2 is nearer: without wishes teacher 1 (first by
    # seniority, then id) goes to 2. Teacher 5 lists 3 first: the plan sends them.
    schools = f.schools(sender(1), receiver(2, lon=121.0), receiver(3, lon=121.1))
    teachers = ten_at_one()
    rules = rot.RotationRules(use_wishes=True, wish_tolerance=0.0)
    plain = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    assert plain.moves[["teacher_id", "to_school"]].values.tolist() == [[1, 2]]
    out = rot.plan(
        teachers, schools, rules, year=YEAR, curriculum=CURRICULUM, wishes=wishes((5, 1, 3))
    )
    assert out.moves[["teacher_id", "to_school", "reason"]].values.tolist() == [[5, 3, "wish"]]
    assert out.moves["wish_rank"].tolist() == [1]
    assert (out.wishes.wishing, out.wishes.moved, out.wishes.first, out.wishes.top3) == (1, 1, 1, 1)
    assert out.wishes.first_share == 1.0
    assert out.summary.moved == plain.summary.moved
    # the plan without wishes, judged against the same wishes: nobody placed
    judged = rot.wish_outcome(plain.moves, wishes((5, 1, 3)))
    assert (judged.wishing, judged.moved, judged.first) == (1, 0, 0)
    assert judged.first_share is None


def test_best_rank_first_and_more_placed_before_better_ranks() -> None:
    # Quota 2 (20 eligible at 10 %); schools 2 and 3 alike, each 0.69 FTE short in
    # maths: the shortage is filled best by one teacher to each.
    schools = f.schools(sender(1), receiver(2, classes_primary=2), receiver(3, classes_primary=2))
    teachers = f.teachers(*[veteran(i) for i in range(1, 21)])
    rules = rot.RotationRules(use_wishes=True, wish_tolerance=1.0)
    # Teacher 1 wants 2 only; teacher 2 wants 2 first, 3 second: both placed (1 at 2,
    # 2 at its second choice) rather than 2 at its first and 1 nowhere.
    out = rot.plan(
        teachers, schools, rules, year=YEAR, curriculum=CURRICULUM,
        wishes=wishes((1, 1, 2), (2, 1, 2), (2, 2, 3)),
    )  # fmt: skip
    got = out.moves[["teacher_id", "to_school", "reason"]].values.tolist()
    assert got == [[1, 2, "wish"], [2, 3, "wish"]]
    assert out.moves["wish_rank"].tolist() == [1, 2]
    assert (out.wishes.moved, out.wishes.first, out.wishes.top3) == (2, 1, 2)


def test_a_full_wish_school_and_one_with_no_need_are_named() -> None:
    # One teacher to each of schools 2 and 3 (as above); school 4 needs none (no classes).
    schools = f.schools(
        sender(1), receiver(2, classes_primary=2), receiver(3, classes_primary=2),
        receiver(4, classes_primary=0),
    )  # fmt: skip
    teachers = f.teachers(*[veteran(i) for i in range(1, 21)])
    rules = rot.RotationRules(use_wishes=True, wish_tolerance=1.0)
    out = rot.plan(
        teachers, schools, rules, year=YEAR, curriculum=CURRICULUM,
        wishes=wishes((1, 1, 2), (2, 1, 2), (3, 1, 4)),
    )  # fmt: skip
    reasons = dict(zip(out.moves["teacher_id"], out.moves["reason"], strict=True))
    assert len(reasons) == 2
    assert sorted(reasons.values()) == ["wish", "wish_full"]
    assert set(reasons) == {1, 2}
    # Teacher 3's only school needs nobody: when teacher 3 moves, that is the reason.
    senior = f.teachers(*[veteran(i, school_since=2000 if i == 3 else 2010)
                          for i in range(1, 11)])  # fmt: skip
    out = rot.plan(
        senior, schools, rules, year=YEAR, curriculum=CURRICULUM, wishes=wishes((3, 1, 4))
    )
    assert out.moves[["teacher_id", "reason"]].values.tolist() == [[3, "wish_no_need"]]


def test_the_tolerance_decides_whether_balance_gives_way() -> None:
    # School 4 is weak: its shortfall counts twice, so the balance wants the move there.
    # Teacher 5, first by seniority, lists school 2.
    schools = f.schools(sender(1), receiver(2), receiver(4, is_weak=True))
    teachers = ten_at_one(school_since=2000)
    w = wishes((5, 1, 2))
    strict = rot.RotationRules(use_wishes=True, wish_tolerance=0.0)
    out = rot.plan(teachers, schools, strict, year=YEAR, curriculum=CURRICULUM, wishes=w)
    assert out.moves[["teacher_id", "to_school", "reason"]].values.tolist() == [
        [5, 4, "wish_balance"]
    ]
    assert out.moves["wish_rank"].isna().all()
    loose = rot.RotationRules(use_wishes=True, wish_tolerance=1.0)
    out = rot.plan(teachers, schools, loose, year=YEAR, curriculum=CURRICULUM, wishes=w)
    assert out.moves[["teacher_id", "to_school", "reason"]].values.tolist() == [[5, 2, "wish"]]


def test_bad_wishes_are_left_out_and_counted() -> None:
    schools = f.schools(sender(1), receiver(2), receiver(3, district_id=2), sender(5), receiver(7))
    teachers = f.teachers(*[veteran(i) for i in range(1, 11)], veteran(11, school_since=2024))
    w = wishes(
        (1, 1, 2),  # fine
        (1, 1, 7),  # a second first choice
        (1, 2, 2),  # the same school again
        (2, 1, 99),  # no such school
        (3, 1, 3),  # another county
        (4, 1, 1),  # their own school
        (6, 1, 5),  # not a receiving school
        (7, 7, 2),  # rank 7
        (11, 1, 2),  # not eligible (at the school two years)
        (12, 1, 2),  # no such teacher
    )
    rules = rot.RotationRules(use_wishes=True)
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM, wishes=w)
    ignored = out.wishes.ignored
    assert ignored[["teacher_id", "reason"]].values.tolist() == [
        [1, "duplicate"], [1, "duplicate"], [2, "unknown_school"], [3, "outside_county"],
        [4, "own_school"], [6, "not_receiver"], [7, "rank"], [11, "not_eligible"],
        [12, "unknown_teacher"],
    ]  # fmt: skip
    assert out.wishes.wishing == 1
    assert out.moves[["teacher_id", "to_school", "reason"]].values.tolist() == [[1, 2, "wish"]]


def test_wish_tolerance_is_checked() -> None:
    with pytest.raises(ValueError, match="wish_tolerance"):
        rot.RotationRules(use_wishes=True, wish_tolerance=1.5)


# ---- properties ----------------------------------------------------------------


@st.composite
def with_wishes(draw: st.DrawFn) -> tuple[Instance, pd.DataFrame]:
    schools, teachers, rules = draw(instances())
    ids = schools["school_id"].tolist()
    rows = []
    for teacher in teachers["teacher_id"]:
        listed = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        rows += [(int(teacher), k + 1, int(s)) for k, s in enumerate(listed)]
    return (schools, teachers, rules), wishes(*rows)


@settings(max_examples=60, deadline=None)
@given(with_wishes())
def test_with_no_tolerance_wishes_give_up_nothing(case: tuple[Instance, pd.DataFrame]) -> None:
    (schools, teachers, rules), w = case
    rules = rot.RotationRules(
        use_wishes=True,
        rate=rules.rate, backbone_share=rules.backbone_share, max_km=rules.max_km,
        fill_shortage=rules.fill_shortage, wish_tolerance=0.0,
    )  # fmt: skip
    plain = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM)
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM, wishes=w)
    assert _objective(out.moves, schools, teachers, rules) == pytest.approx(
        _objective(plain.moves, schools, teachers, rules), abs=1e-6
    )
    assert out.summary.moved == plain.summary.moved
    assert set(out.moves.loc[out.moves["reason"] == "wish", "teacher_id"]) <= set(w["teacher_id"])
    assert out.wishes.first <= out.wishes.top3 <= out.wishes.moved


def _wish_score(moves: pd.DataFrame, w: pd.DataFrame) -> tuple[int, int]:
    """(teachers placed at a listed school, − the sum of their ranks): more is better."""
    hit = moves[["teacher_id", "to_school"]].merge(
        w.rename(columns={"school_id": "to_school"}), on=["teacher_id", "to_school"]
    )
    return len(hit), -int(hit["rank"].sum())


@settings(max_examples=30, deadline=None)
@given(with_wishes())
def test_wishes_are_met_as_well_as_any_equally_good_plan(
    case: tuple[Instance, pd.DataFrame],
) -> None:
    (schools, teachers, rules), w = case
    rules = rot.RotationRules(
        use_wishes=True,
        rate=rules.rate, backbone_share=rules.backbone_share, max_km=rules.max_km,
        wish_tolerance=0.0,
    )  # fmt: skip
    every = rot.eligible(teachers, schools, rules, year=YEAR)
    eligible = every.head(5)
    teachers = teachers[
        ~teachers["teacher_id"].isin(every["teacher_id"])
        | teachers["teacher_id"].isin(eligible["teacher_id"])
    ]
    out = rot.plan(teachers, schools, rules, year=YEAR, curriculum=CURRICULUM, wishes=w)
    valid = out.wishes.valid
    scored = [
        (_objective(moves, schools, teachers, rules), _wish_score(moves, valid))
        for moves in feasible_moves(schools, teachers, eligible, rules)
    ]
    best = min(objective for objective, _ in scored)
    assert _objective(out.moves, schools, teachers, rules) == pytest.approx(best, abs=1e-6)
    most = max(score for objective, score in scored if objective <= best + 1e-7)
    assert _wish_score(out.moves, valid) == most


def test_wishes_count_only_when_the_planner_turns_them_on() -> None:
    schools = f.schools(sender(1), receiver(2), receiver(4, is_weak=True))
    teachers = ten_at_one(school_since=2000)
    w = wishes((5, 1, 2))
    off = rot.plan(teachers, schools, rot.RotationRules(wish_tolerance=1.0), year=YEAR,
                   curriculum=CURRICULUM, wishes=w)  # fmt: skip
    assert off.moves[["teacher_id", "to_school"]].values.tolist() == [[5, 4]]
    assert off.wishes.wishing == 0 and set(off.moves["reason"]) == {"no_wish"}
