"""Post structure and promotion candidates (docs/domain.md, “Post structure”)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.talent import (
    LEVELS,
    PostCeilingShares,
    PromotionRules,
    TalentError,
    over_ceiling,
    post_levels,
    promotion_candidates,
)
from tests import factories as f


def primary_school(quota: int = 40) -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = f.schools(f.school(1, students_primary=700))
    return pd.DataFrame({"school_id": [1], "quota": [quota]}), schools


def staff(titles: dict[str, int], school_id: int = 1, start: int = 1) -> list[dict]:
    rows, i = [], start
    for title, n in titles.items():
        for _ in range(n):
            rows.append(f.teacher(i, school_id=school_id, title=title))
            i += 1
    return rows


def test_ceilings_held_open_and_over_by_level() -> None:
    quota, schools = primary_school(40)
    teachers = f.teachers(*staff({"senior": 5, "first": 20, "second": 3, "none": 2}))
    out = post_levels(quota, schools, teachers).set_index("level")
    # primary shares 0.005, 0.095, 0.45, 0.40, 0.05 of 40: floor 0.2, 3.8, 18, 16, 2
    assert out.loc[list(LEVELS), "ceiling"].tolist() == [0, 3, 18, 16, 2]
    assert out.loc[list(LEVELS), "held"].tolist() == [0, 5, 20, 3, 0]
    assert out.loc[list(LEVELS), "open"].tolist() == [0, 0, 0, 13, 2]
    assert out.loc[list(LEVELS), "over"].tolist() == [0, 2, 2, 0, 0]
    named = over_ceiling(post_levels(quota, schools, teachers))
    assert named.to_dict("records") == [{"school_id": 1, "levels": ("senior", "first"), "over": 4}]


def test_a_school_with_senior_students_takes_the_senior_shares() -> None:
    quota = pd.DataFrame({"school_id": [1], "quota": [100]})
    schools = f.schools(f.school(1, students_junior=600, students_senior=300))
    out = post_levels(quota, schools, f.teachers()).set_index("level")
    assert out["school_type"].unique().tolist() == ["senior"]
    assert out.loc[list(LEVELS), "ceiling"].tolist() == [2, 28, 45, 22, 3]


def test_a_what_if_of_the_ceilings_opens_slots() -> None:
    quota, schools = primary_school(40)
    teachers = f.teachers(*staff({"senior": 5}))
    wider = PostCeilingShares(primary=(0.0, 0.20, 0.40, 0.35, 0.05))
    out = post_levels(quota, schools, teachers, wider).set_index("level")
    assert out.loc["senior", ["ceiling", "open", "over"]].tolist() == [8, 3, 0]
    assert over_ceiling(post_levels(quota, schools, teachers, wider)).empty


@pytest.mark.parametrize(
    ("shares", "code"),
    [
        ((0.0, 1.2, 0.0, 0.0, 0.0), "share_range"),
        ((0.0, -0.1, 0.0, 0.0, 0.0), "share_range"),
        ((0.1, 0.3, 0.5, 0.2, 0.0), "share_sum"),
        ((0.1, 0.3), "share_count"),
    ],
)
def test_bad_ceilings_are_refused(shares: tuple, code: str) -> None:
    with pytest.raises(TalentError) as refused:
        PostCeilingShares(junior=shares)
    assert refused.value.code == code


def test_candidates_ranked_against_the_open_slots() -> None:
    quota, schools = primary_school(40)
    # first -> senior needs 11 years of service (year − birth − 22); ceiling 3, 1 held
    teachers = f.teachers(
        f.teacher(1, title="senior", birth_year=1970),
        f.teacher(2, title="first", birth_year=1980, assessment="pass"),  # 24 years
        f.teacher(3, title="first", birth_year=1990, assessment="excellent"),  # 14 years
        f.teacher(4, title="first", birth_year=1975, assessment="pass"),  # 29 years
        f.teacher(5, title="first", birth_year=1970, assessment="basic"),  # grade refused
        f.teacher(6, title="first", birth_year=1996),  # 8 years: too few
        f.teacher(7, title="first", birth_year=1970, status="leave"),  # not active
    )
    levels = post_levels(quota, schools, teachers)
    out = promotion_candidates(teachers, levels, year=2026)
    senior = out[out["target"] == "senior"]
    # excellent first, then the longest service; 2 slots open (3 − 1)
    assert senior["teacher_id"].tolist() == [3, 4, 2]
    assert senior["rank"].tolist() == [1, 2, 3]
    assert senior["within_slots"].tolist() == [True, True, False]
    assert senior["service_years"].tolist() == [14, 29, 24]
    # teacher 1 (senior, 34 years) may rise to senior_plus, but that ceiling is 0
    plus = out[out["target"] == "senior_plus"]
    assert plus[["teacher_id", "within_slots"]].values.tolist() == [[1, False]]


def test_criteria_that_select_nobody_are_refused() -> None:
    quota, schools = primary_school(40)
    teachers = f.teachers(*staff({"first": 3}))  # born 1985: 19 years of service
    levels = post_levels(quota, schools, teachers)
    with pytest.raises(TalentError) as refused:
        promotion_candidates(teachers, levels, PromotionRules(min_years=(1, 6, 30, 30)), year=2026)
    assert refused.value.code == "no_candidates"
    with pytest.raises(TalentError):
        PromotionRules(min_years=(1, -1, 11, 16))


@settings(max_examples=60, deadline=None)
@given(
    quota=st.integers(min_value=0, max_value=200),
    held=st.lists(st.integers(min_value=0, max_value=30), min_size=6, max_size=6),
)
def test_open_and_over_balance_the_ceiling(quota: int, held: list[int]) -> None:
    q, schools = primary_school(quota)
    titles = dict(zip((*LEVELS, "none"), held, strict=True))
    out = post_levels(q, schools, f.teachers(*staff(titles)) if sum(held) else f.teachers())
    assert (out["ceiling"] - out["held"] == out["open"] - out["over"]).all()
    assert ((out["open"] == 0) | (out["over"] == 0)).all()
    assert int(out["held"].sum()) == sum(held[:5])  # 未定级 holds no level
