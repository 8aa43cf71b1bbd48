"""The figures read off a pay allocation, worked by hand (docs/domain.md, "Performance pay")."""

from __future__ import annotations

import math

import pandas as pd

from planning import pay, pay_analysis
from tests import factories as f

# A flat basic amount (70 % of 10,000 yuan at every grade) keeps hand sums short.
FLAT = (7_000,) * 13
POLICY = pay.PayPolicy(per_capita_yuan=10_000, basic_yuan_by_grade=FLAT)


def _city() -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = f.schools(f.school(1, location="urban"), f.school(2, location="rural"))
    teachers = f.teachers(
        f.teacher(1, school_id=1),
        f.teacher(2, school_id=2),
        f.teacher(3, school_id=2, status="seconded"),
    )
    return schools, teachers


def test_summary_of_one_urban_and_one_rural_teacher() -> None:
    schools, teachers = _city()
    out = pay_analysis.summary(pay.allocate(teachers, schools, POLICY), teachers, schools)
    # Everyone on the books is paid 10,000 yuan = 1,000,000 fen (7,000 basic, 3,000 of
    # the home school's incentive pool); the active rural teacher adds 300 yuan x 12 =
    # 360,000 fen of subsidy; the seconded one works elsewhere and gets no subsidy. The
    # headline's mean, ratio and Gini describe the two teachers present.
    assert out.budget_fen == 1_000_000 + 1_360_000 + 1_000_000
    assert out.active == 2
    assert out.mean_fen == (1_000_000 + 1_360_000) / 2
    assert out.urban_rural_ratio == 1_000_000 / 1_360_000
    # Gini of (1,000,000, 1,360,000): 2 x (1 x 1.00 + 2 x 1.36) / (2 x 2.36) - 3/2
    assert math.isclose(out.gini, 2 * (1.0 + 2 * 1.36) / (2 * 2.36) - 1.5)


def test_summary_without_active_teachers_is_zero_not_an_error() -> None:
    schools, teachers = _city()
    seconded = teachers.assign(status="seconded")
    out = pay_analysis.summary(pay.allocate(seconded, schools, POLICY), seconded, schools)
    assert (out.budget_fen, out.active, out.mean_fen, out.gini) == (3_000_000, 0, 0.0, 0.0)
    assert math.isnan(out.urban_rural_ratio)


def test_a_rural_subsidy_makes_rural_teachers_winners() -> None:
    schools, teachers = _city()
    base = pay.allocate(teachers, schools, POLICY)
    richer = pay.PayPolicy(
        per_capita_yuan=10_000, basic_yuan_by_grade=FLAT, rural_subsidy_yuan_month=500
    )
    out = pay_analysis.change(base, pay.allocate(teachers, schools, richer))
    # Only the active rural teacher gains: 200 yuan more a month, 240,000 fen a year.
    assert out == pay_analysis.PayChange(gains=1, losses=0, same=2, budget_delta_fen=240_000)


def test_the_same_policy_changes_nothing() -> None:
    schools, teachers = _city()
    base = pay.allocate(teachers, schools, POLICY)
    out = pay_analysis.change(base, base.copy())
    assert out == pay_analysis.PayChange(gains=0, losses=0, same=3, budget_delta_fen=0)


def test_distribution_by_location_in_fen_and_yuan() -> None:
    schools, teachers = _city()
    out = pay_analysis.distribution(
        pay.allocate(teachers, schools, POLICY), teachers, schools, "location"
    ).set_index("location")
    assert out.loc["rural", "teachers"] == 1  # the seconded rural teacher is not counted
    assert out.loc["rural", "mean_fen"] == 1_360_000
    assert out.loc["rural", "mean_yuan"] == 13_600
    assert out.loc["urban", "p90_yuan"] == 10_000


def test_slip_parts_add_up_and_show_the_change() -> None:
    schools, teachers = _city()
    base = pay.allocate(teachers, schools, POLICY)
    richer = pay.PayPolicy(per_capita_yuan=12_000, basic_yuan_by_grade=FLAT)
    after = pay.allocate(teachers, schools, richer)
    out = pay_analysis.slip(1, base, after).set_index("part")
    # the basic part is the county's grade amount whatever the per capita
    assert out.loc["basic_fen", ["base_fen", "proposal_fen"]].tolist() == [700_000, 700_000]
    assert out.loc["incentive_fen", "proposal_fen"] == 360_000  # 30 % of 12,000 yuan
    assert out.loc["total_fen", "delta_fen"] == 60_000
    parts = out.drop(index="total_fen")
    assert (parts.sum() == out.loc["total_fen", ["base_fen", "proposal_fen", "delta_fen"]]).all()


def test_slip_of_a_teacher_missing_from_the_baseline_counts_zero() -> None:
    schools, teachers = _city()
    after = pay.allocate(teachers, schools, POLICY)
    out = pay_analysis.slip(1, after.iloc[0:0], after).set_index("part")
    assert out["base_fen"].tolist() == [0, 0, 0, 0]
    assert out.loc["total_fen", "delta_fen"] == 1_000_000


def test_distribution_by_title_comes_in_rank_order() -> None:
    # Issue 13: titles were listed alphabetically (first, second, senior, ...).
    schools = f.schools(f.school(1))
    teachers = f.teachers(
        *(
            f.teacher(i, title=title)
            for i, title in enumerate(["third", "first", "senior_plus", "second", "senior"], 1)
        )
    )
    out = pay_analysis.distribution(
        pay.allocate(teachers, schools, POLICY), teachers, schools, "title"
    )
    assert out["title"].tolist() == ["senior_plus", "senior", "first", "second", "third"]


def _losing() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    schools = f.schools(f.school(1, location="urban"), f.school(2, location="rural"))
    teachers = f.teachers(
        f.teacher(1, school_id=1, head_teacher=True),
        f.teacher(2, school_id=1),
        f.teacher(3, school_id=2),
    )
    base = pay.allocate(teachers, schools, POLICY)
    no_class = pay.PayPolicy(per_capita_yuan=10_000, basic_yuan_by_grade=FLAT,
                             head_teacher_points=0, rural_subsidy_yuan_month=0)  # fmt: skip
    return schools, teachers, base, pay.allocate(teachers, schools, no_class)


def test_losers_are_listed_largest_loss_first() -> None:
    schools, teachers, base, after = _losing()
    out = pay_analysis.losers(base, after, teachers, schools)
    # School 1's 600,000 fen of incentive went 130 : 100 to the class teacher
    # (339,130 / 260,870), now 300,000 each; the rural teacher loses the 360,000 subsidy.
    assert out["teacher_id"].tolist() == [3, 1]
    assert out["delta_fen"].tolist() == [-360_000, -39_130]
    assert out[["location", "title"]].iloc[0].tolist() == ["rural", "first"]


def test_loss_bands_count_every_loser_once() -> None:
    schools, teachers, base, after = _losing()
    out = pay_analysis.loss_bands(pay_analysis.losers(base, after, teachers, schools))
    assert out["upto_yuan"].tolist() == [*pay_analysis.LOSS_BANDS_YUAN, None]
    counts = dict(zip(out["upto_yuan"], out["teachers"], strict=True))
    assert counts[500] == 1  # 391.30 yuan
    assert counts[5_000] == 1  # 3,600 yuan
    assert out["teachers"].sum() == 2
