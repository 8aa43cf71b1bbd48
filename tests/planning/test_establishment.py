"""Establishment rules of docs/domain.md, worked by hand, and their invariants."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import establishment as est
from tests import factories as f

NO_STAFF = f.teachers()


def quota_of(school: dict, standard: str = "2001", teachers: pd.DataFrame = NO_STAFF, **kw) -> int:
    out = est.quotas(f.schools(school), teachers, f.standard(standard), **kw)
    return int(out["quota"].iloc[0])


def test_urban_primary_2001() -> None:
    assert quota_of(f.school(students_primary=190)) == 10  # 190 / 19


@pytest.mark.parametrize(("standard", "expected"), [("2001", 10), ("2014", 12)])
def test_rural_primary_under_both_standards(standard: str, expected: int) -> None:
    # 2001: 230 / 23 = 10; 2014 takes the urban ratio: 230 / 19 = 12.1 -> 12
    assert quota_of(f.school(location="rural", students_primary=230), standard) == expected


@pytest.mark.parametrize(("students", "expected"), [(9, 1), (45, 3), (27, 2), (8, 0)])
def test_half_rounds_up_not_to_even(students: int, expected: int) -> None:
    # rural junior, 18 per staff: 9 -> 0.5 -> 1; 45 -> 2.5 -> 3 (banker's gives 2); 27 -> 1.5 -> 2
    assert quota_of(f.school(location="rural", students_junior=students)) == expected


def test_town_senior_and_junior_2001() -> None:
    # 130 / 13 + 160 / 16 = 10 + 10
    assert quota_of(f.school(location="town", students_senior=130, students_junior=160)) == 20


def test_multi_section_school_rounds_once_per_school() -> None:
    # urban: 8 / 19 = 0.42 and 6 / 13.5 = 0.44: per section 0 + 0, per school 0.87 -> 1
    assert quota_of(f.school(students_primary=8, students_junior=6)) == 1
    # 12 / 19 = 0.63 and 8 / 13.5 = 0.59: per section 1 + 1 = 2, per school 1.22 -> 1
    assert quota_of(f.school(students_primary=12, students_junior=8)) == 1


def test_school_without_students_gets_zero_even_without_a_standard_row() -> None:
    standard = f.standard("2001")
    standard = standard[standard["location"] != "rural"]
    out = est.quotas(f.schools(f.school(location="rural")), NO_STAFF, standard)
    assert out["quota"].tolist() == [0]


def test_missing_standard_row_names_level_and_location() -> None:
    standard = f.standard("2001")
    standard = standard[~((standard["level"] == "junior") & (standard["location"] == "town"))]
    school = f.school(location="town", students_junior=100)
    with pytest.raises(ValueError, match="level 'junior' and location 'town'"):
        est.quotas(f.schools(school), NO_STAFF, standard)


def test_growth_as_one_rate_or_per_level() -> None:
    school = f.school(students_primary=190, students_junior=135)  # 10 + 10
    assert quota_of(school, growth=0.10) == 22  # 11 + 11
    assert quota_of(school, growth={"primary": 0.10}) == 21
    assert quota_of(school, growth={"junior": -0.5}) == 15
    with pytest.raises(ValueError, match="unknown level"):
        quota_of(school, growth={"college": 0.1})
    with pytest.raises(ValueError, match="greater than -1"):
        quota_of(school, growth=-1.0)


def test_staff_on_the_books_count_against_the_quota_whatever_their_status() -> None:
    # Issue 13: 13 on the books and a quota of 10 is 3 over, not balanced; the 10
    # present and teaching are shown beside them.
    schools = f.schools(
        f.school(1, students_primary=190),  # quota 10
        f.school(2, students_primary=38),  # quota 2
        f.school(3, students_primary=57),  # quota 3
    )
    teachers = f.teachers(
        *[f.teacher(i, school_id=1) for i in range(1, 11)],
        f.teacher(11, school_id=1, status="leave"),
        f.teacher(12, school_id=1, status="exchange_out"),
        f.teacher(13, school_id=1, status="seconded"),
        *[f.teacher(i, school_id=2) for i in range(14, 16)],
        f.teacher(16, school_id=3, status="seconded"),
    )
    out = est.quotas(schools, teachers, f.standard()).set_index("school_id")
    assert out["staff"].tolist() == [13, 2, 1]
    assert out["present"].tolist() == [10, 2, 0]
    assert out["gap"].tolist() == [-3, 0, 2]
    assert out["status"].tolist() == ["over", "balanced", "short"]
    columns = ["school_id", "quota", "staff", "present", "gap", "status"]
    assert list(out.reset_index().columns) == columns
    figures = est.summary(out.reset_index())
    assert (figures["staff"], figures["present"], figures["over_posts"]) == (16, 12, 3)


def test_class_floor_for_small_rural_schools() -> None:
    school = f.school(location="rural", students_primary=60, classes_primary=6)  # 60/23 = 2.6
    assert quota_of(school) == 3
    assert quota_of(school, class_floor=1.5) == 9  # 6 classes x 1.5
    urban = f.school(students_primary=60, classes_primary=6)
    assert quota_of(urban, class_floor=1.5) == 3  # the floor applies to rural schools only


def test_subject_need_in_fte() -> None:
    curriculum = f.curriculum(
        ("primary", "english", 2.0, 14.0),
        ("junior", "english", 4.0, 12.0),
        ("primary", "music", 2.0, 16.0),
    )
    school = f.school(classes_primary=7, classes_junior=6)
    teachers = f.teachers(f.teacher(1, subject="english"), f.teacher(2, subject="pe"))
    raw = est.subject_gaps(f.schools(school), teachers, curriculum)
    assert list(raw.columns) == ["school_id", "subject", "need", "staff", "gap"]
    out = raw.set_index("subject")
    assert out.loc["english", "need"] == pytest.approx(7 * 2 / 14 + 6 * 4 / 12)  # 1 + 2
    assert out.loc["english", "gap"] == pytest.approx(2.0)
    assert out.loc["music", "need"] == pytest.approx(7 * 2 / 16)
    assert out.loc["pe", "need"] == 0 and out.loc["pe", "gap"] == -1


def test_subject_need_ignores_administration_and_counts_teachers_present() -> None:
    # Administration and support staff (subject ``admin``) hold establishment posts but
    # teach no subject: they are neither need nor supply. A seconded English teacher
    # is on the books but not teaching here.
    curriculum = f.curriculum(("primary", "english", 2.0, 14.0))
    school = f.school(classes_primary=7)  # English need 1.0
    teachers = f.teachers(
        f.teacher(1, subject="admin"),
        f.teacher(2, subject="admin"),
        f.teacher(3, subject="english", status="seconded"),
    )
    out = est.subject_gaps(f.schools(school), teachers, curriculum)
    assert out["subject"].tolist() == ["english"]
    assert out[["staff", "gap"]].iloc[0].tolist() == [0, 1.0]
    kept = est.subject_gaps(f.schools(school), teachers, curriculum, non_teaching=())
    assert kept.set_index("subject").loc["admin", "staff"] == 2


def test_subject_gaps_per_school_one_row_each_worst_first() -> None:
    # "Which subjects do the most short schools lack": one row per school, its
    # shortage and surplus (FTE), and each subject's gap as a column.
    gaps = pd.DataFrame(
        {
            "school_id": [1, 1, 2, 2, 3],
            "subject": ["english", "music", "english", "math", "math"],
            "need": [2.0, 1.0, 1.0, 1.0, 3.0],
            "staff": [0, 2, 1, 0, 1],
            "gap": [2.0, -1.0, 0.0, 1.0, 2.5],
        }
    )
    out = est.by_school(gaps)
    assert out["school_id"].tolist() == [3, 1, 2]
    assert out["shortage"].tolist() == [2.5, 2.0, 1.0]
    assert out["surplus"].tolist() == [0.0, 1.0, 0.0]
    assert list(out.columns) == ["school_id", "shortage", "surplus", "english", "math", "music"]
    assert out.set_index("school_id").loc[1, ["english", "math", "music"]].tolist() == [
        2.0, 0.0, -1.0,
    ]  # fmt: skip


def test_post_slots_use_the_highest_section_and_the_quota() -> None:
    quota = pd.DataFrame({"school_id": [1, 2], "quota": [40, 40]})
    schools = f.schools(
        f.school(1, students_primary=700),
        f.school(2, students_primary=300, students_junior=300),  # junior ceilings
    )
    teachers = f.teachers(
        *[f.teacher(i, school_id=2, title="senior") for i in range(1, 10)],
        f.teacher(10, school_id=2, title="senior_plus", status="leave"),
    )
    out = est.post_slots(quota, schools, teachers).set_index(["school_id", "band"])
    assert out.loc[(1, "senior"), "ceiling"] == 4  # 10 % of 40
    assert out.loc[(2, "senior"), "ceiling"] == 8  # 20 % of 40
    # The teacher on leave still holds her post (issue 13): 10 held, 2 over.
    assert out.loc[(2, "senior"), ["held", "free", "over"]].tolist() == [10, 0, 2]
    custom = est.PostCeilings(senior={"junior": 0.25})
    assert est.post_slots(quota, schools, teachers, custom).set_index(["school_id", "band"]).loc[
        (2, "senior"), ["free", "over"]
    ].tolist() == [0, 0]
    with pytest.raises(ValueError, match=r"senior ceiling for 'junior' must be in \[0, 1\]"):
        est.post_slots(quota, schools, teachers, est.PostCeilings(senior={"junior": 1.5}))


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="column 'location' has unknown value 'suburb'"):
        est.quotas(f.schools(f.school(location="suburb")), NO_STAFF, f.standard())
    with pytest.raises(ValueError, match="students_primary' must be >= 0"):
        est.quotas(f.schools(f.school(students_primary=-1)), NO_STAFF, f.standard())
    with pytest.raises(ValueError, match="class_floor must be >= 0"):
        quota_of(f.school(), class_floor=-1)


# ---- properties ---------------------------------------------------------------

counts = st.integers(min_value=0, max_value=4000)
locations = st.sampled_from(["urban", "town", "rural"])
school_rows = st.builds(
    lambda loc, p, j, s: f.school(
        location=loc, students_primary=p, students_junior=j, students_senior=s
    ),
    locations,
    counts,
    counts,
    counts,
)


@settings(max_examples=200, deadline=None)
@given(
    school_rows,
    st.sampled_from(["primary", "junior", "senior"]),
    st.integers(1, 500),
    st.sampled_from(["2001", "2014"]),
)
def test_more_students_never_fewer_posts(
    school: dict, level: str, extra: int, standard: str
) -> None:
    more = {**school, f"students_{level}": school[f"students_{level}"] + extra}
    assert quota_of(more, standard) >= quota_of(school, standard)


@settings(max_examples=200, deadline=None)
@given(school_rows, st.floats(-0.5, 0.5), st.floats(0, 0.5))
def test_more_growth_never_fewer_posts(school: dict, growth: float, step: float) -> None:
    assert quota_of(school, growth=growth + step) >= quota_of(school, growth=growth)


@settings(max_examples=100, deadline=None)
@given(st.lists(school_rows, min_size=1, max_size=30), st.integers(1, 8))
def test_city_totals_are_the_sum_of_school_quotas(rows: list[dict], districts: int) -> None:
    schools = f.schools(
        *[{**r, "school_id": i + 1, "district_id": i % districts + 1} for i, r in enumerate(rows)]
    )
    out = est.quotas(schools, NO_STAFF, f.standard("2014"))
    singles = [quota_of(r, "2014") for r in rows]
    assert out["quota"].tolist() == singles
    assert est.summary(out)["posts"] == sum(singles)
    assert est.by_district(out, schools)["quota"].sum() == sum(singles)
    shuffled = schools.sample(frac=1, random_state=1)
    again = est.quotas(shuffled, NO_STAFF, f.standard("2014")).set_index("school_id")
    assert again.loc[out["school_id"], "quota"].tolist() == out["quota"].tolist()
