"""The inverse question (docs/domain.md, “Teacher rotation”): the fewest moves that
bring a county under the balance thresholds, checked against every allocation."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from planning import metrics
from planning.metrics import BalanceRules
from planning.rotation import RotationRules
from planning.rotation.inverse import COUNTY_COLUMNS, REASONS, moves_to_meet
from planning.rotation.report import apply_moves
from tests import factories as f

YEAR = 2026
CURRICULUM = f.curriculum(("primary", "math", 4.5, 13.0), ("primary", "music", 2.0, 16.0))


def _city() -> tuple[pd.DataFrame, pd.DataFrame]:
    """One county: an urban sender of 900 pupils with 4 county backbone and 2 other
    eligible maths teachers (and 20 maths, 5 music who came lately); two rural schools
    of 360 and 180 pupils with one maths and one music teacher each, short 3.15 and 1.08
    FTE of maths (12 or 6 classes × 4.5 / 13 − 1): they take at most 4 and 2. The
    sender holds 0.44 backbone teachers per 100 pupils, the others 0: CVs backbone
    0.77, degree 0.54, PE and arts 0.25. By enumeration the thresholds 0.50, 0.45 and
    0.40 need 1, 2 and 3 moves; 0.36 is out of reach."""
    schools = f.schools(
        f.school(1, location="urban", students_primary=900, classes_primary=20),
        f.school(2, location="rural", students_primary=360, classes_primary=12, lat=32.0),
        f.school(3, location="rural", students_primary=180, classes_primary=6, lat=32.1),
    )
    late = {"school_since": 2022, "birth_year": 1990}
    old = {"school_since": 2010, "birth_year": 1980, "subject": "math"}
    rows = [f.teacher(i, school_id=1, backbone="county", **old) for i in range(1, 5)]
    rows += [f.teacher(i, school_id=1, **old) for i in range(5, 7)]
    rows += [f.teacher(i, school_id=1, subject="math", **late) for i in range(7, 27)]
    rows += [f.teacher(i, school_id=1, subject="music", **late) for i in range(27, 32)]
    for k, school in enumerate((2, 3)):
        rows.append(f.teacher(40 + 2 * k, school_id=school, subject="math", **late))
        rows.append(f.teacher(41 + 2 * k, school_id=school, subject="music", **late))
    return schools, f.teachers(*rows)


def _fewest_by_hand(
    schools: pd.DataFrame, teachers: pd.DataFrame, balance: BalanceRules
) -> int | None:
    """Every allocation the hard rules allow (backbone teachers 1–3 — the sender keeps
    one —, others 5–6, at most 4 and 2 to the receivers): the fewest moves meeting
    every threshold."""
    best = None
    for b2, b3, o2, o3 in itertools.product(range(4), range(4), range(3), range(3)):
        if b2 + b3 > 3 or o2 + o3 > 2 or b2 + o2 > 4 or b3 + o3 > 2:
            continue
        to = [2] * b2 + [3] * b3
        others = [2] * o2 + [3] * o3
        moves = pd.DataFrame(
            {"teacher_id": [*range(1, 1 + len(to)), *range(5, 5 + len(others))],
             "to_school": to + others}
        )  # fmt: skip
        after = metrics.balance(schools, apply_moves(teachers, moves), balance)
        if after["meets"].all() and (best is None or len(moves) < best):
            best = len(moves)
    return best


@pytest.mark.parametrize(("threshold", "fewest"), [(0.50, 1), (0.45, 2), (0.40, 3), (0.36, None)])
def test_fewest_moves_equal_the_enumeration(threshold: float, fewest: int | None) -> None:
    schools, teachers = _city()
    balance = BalanceRules(cv_max_primary=threshold)
    out = moves_to_meet(
        teachers, schools, RotationRules(), year=YEAR, curriculum=CURRICULUM, balance=balance
    )
    by_hand = _fewest_by_hand(schools, teachers, balance)
    assert by_hand == fewest
    row = out.counties.iloc[0]
    assert list(out.counties.columns) == COUNTY_COLUMNS
    assert row["optimal"] and row["gap"] == 0
    after = metrics.balance(schools, apply_moves(teachers, out.moves), balance)
    if by_hand is None:
        assert not row["met"] and row["reason"] in REASONS[1:]
    else:
        assert row["met"] and row["reason"] == "met"
        assert after["meets"].all()
        assert row["moves"] == len(out.moves) == by_hand
    # hard rules: the sender keeps a backbone teacher; receivers take at most 4 and 2
    assert out.moves["backbone"].sum() <= 3
    taken = out.moves.groupby("to_school").size()
    assert taken.get(2, 0) <= 4 and taken.get(3, 0) <= 2
    assert set(out.moves["from_school"]) <= {1}


def test_a_county_already_balanced_moves_nobody() -> None:
    schools, teachers = _city()
    out = moves_to_meet(
        teachers, schools, RotationRules(), year=YEAR, curriculum=CURRICULUM,
        balance=BalanceRules(cv_max_primary=0.9),
    )  # fmt: skip
    assert out.moves.empty
    assert out.counties[["moves", "met", "reason"]].values.tolist() == [[0, True, "met"]]


def test_out_of_teachers_says_so() -> None:
    # a small sender (180 pupils) with the county's only two backbone teachers, two
    # receivers of 900 pupils each short 0.92 FTE of maths (take 1 each): both go, one
    # each, backbone CV 3.16 -> 0.32, still above 0.20, and nobody is left to send
    late = {"school_since": 2022, "birth_year": 1990}
    schools = f.schools(
        f.school(1, location="urban", students_primary=180, classes_primary=6),
        f.school(2, location="rural", students_primary=900, classes_primary=20, lat=32.0),
        f.school(3, location="rural", students_primary=900, classes_primary=20, lat=32.1),
    )
    rows = [
        f.teacher(i, school_id=1, subject="math", backbone="county", school_since=2010,
                  birth_year=1980)
        for i in (1, 2)
    ]  # fmt: skip
    rows.append(f.teacher(3, school_id=1, subject="music", **late))
    for school in (2, 3):
        rows += [f.teacher(10 * school + k, school_id=school, subject="math", **late)
                 for k in range(6)]  # fmt: skip
        rows += [f.teacher(10 * school + 6 + k, school_id=school, subject="music", **late)
                 for k in range(4)]  # fmt: skip
    out = moves_to_meet(
        f.teachers(*rows), schools, RotationRules(keep_sole_backbone=False), year=YEAR,
        curriculum=CURRICULUM, balance=BalanceRules(cv_max_primary=0.20),
    )  # fmt: skip
    assert sorted(out.moves["to_school"]) == [2, 3]
    row = out.counties.iloc[0]
    assert not row["met"] and row["reason"] == "no_teachers"
    backbone = out.balance.set_index(["level", "indicator"]).loc[("primary", "backbone")]
    assert backbone[["before", "after"]].round(2).tolist() == [3.16, 0.32]


def test_out_of_room_says_so() -> None:
    # receivers with no maths shortage take nobody: no move, and the reason is room
    schools, teachers = _city()
    schools["classes_primary"] = [20, 2, 2]
    out = moves_to_meet(teachers, schools, RotationRules(), year=YEAR, curriculum=CURRICULUM)
    assert out.moves.empty
    assert out.counties[["moves", "met", "reason"]].values.tolist() == [[0, False, "no_room"]]


def test_the_best_reachable_when_more_moves_would_not_help() -> None:
    # CV 0.01 is out of reach; the plan sends what lowers the excess most (4 of the 5 it
    # may send: more would tip the sender below its county's mean) and stops
    schools, teachers = _city()
    out = moves_to_meet(
        teachers, schools, RotationRules(), year=YEAR, curriculum=CURRICULUM,
        balance=BalanceRules(cv_max_primary=0.01),
    )  # fmt: skip
    row = out.counties.iloc[0]
    assert not row["met"] and row["reason"] == "best_reached"
    b = out.balance.set_index(["level", "indicator"])
    assert (b["after"] <= b["before"]).all()
