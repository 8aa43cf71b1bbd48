"""The mentoring assignment (docs/domain.md, “Mentoring”), worked by hand."""

from __future__ import annotations

import pytest

from planning.talent import MentoringRules, TalentError, mentoring
from tests import factories as f

# 6 primary classes need chinese 6 × 8 / 16 = 3.0 and math 6 × 5 / 15 = 2.0 FTE.
CURRICULUM = f.curriculum(("primary", "chinese", 8, 16), ("primary", "math", 5, 15))


def weak(school_id: int, lon: float) -> dict:
    return f.school(school_id, is_weak=True, lat=32.0, lon=lon, classes_primary=6,
                    students_primary=200)  # fmt: skip


def strong(school_id: int, lon: float) -> dict:
    return f.school(school_id, lat=32.0, lon=lon, classes_primary=6, students_primary=200)


def test_a_mentor_covers_the_subject_a_weak_school_lacks() -> None:
    schools = f.schools(weak(1, 120.90), strong(2, 121.00))  # about 9.4 km apart
    teachers = f.teachers(
        f.teacher(1, school_id=1, subject="math"),
        f.teacher(2, school_id=1, subject="chinese"),
        f.teacher(3, school_id=2, subject="math", backbone="city"),
        f.teacher(4, school_id=2, subject="chinese", backbone="county"),  # not a mentor level
    )
    out = mentoring(schools, teachers, CURRICULUM)
    assert (out.needed, out.covered_before, out.covered_after) == (2, 0, 1)
    assert out.pairs[
        ["teacher_id", "mentor_school_id", "school_id", "subject"]
    ].values.tolist() == [[3, 2, 1, "math"]]
    assert out.pairs["km"].iloc[0] == pytest.approx(9.43, abs=0.01)
    reasons = out.needs.set_index("subject")["reason"].to_dict()
    assert reasons == {"chinese": "no_mentor_near", "math": ""}
    assert out.optimal


def test_the_distance_limit_and_the_special_grade() -> None:
    schools = f.schools(weak(1, 120.90), strong(2, 121.00))
    teachers = f.teachers(
        f.teacher(1, school_id=1, subject="math"),
        f.teacher(2, school_id=2, subject="math", special_grade=True),
    )
    near = mentoring(schools, teachers, CURRICULUM, MentoringRules(max_km=5))
    assert near.pairs.empty
    assert near.needs.set_index("subject")["reason"]["math"] == "no_mentor_near"
    far = mentoring(schools, teachers, CURRICULUM, MentoringRules(max_km=10))
    assert far.pairs["teacher_id"].tolist() == [2]


def test_at_most_k_schools_per_mentor_the_nearest_first() -> None:
    # one math mentor at 121.00; weak schools at 120.95 (4.7 km) and 120.90 (9.4 km)
    schools = f.schools(weak(1, 120.90), weak(2, 120.95), strong(3, 121.00))
    teachers = f.teachers(f.teacher(1, school_id=3, subject="math", backbone="province"))
    one = mentoring(schools, teachers, CURRICULUM, MentoringRules(max_schools=1))
    assert one.pairs["school_id"].tolist() == [2]
    math = one.needs[one.needs["subject"] == "math"].set_index("school_id")["reason"]
    assert math.to_dict() == {1: "mentors_full", 2: ""}
    two = mentoring(schools, teachers, CURRICULUM, MentoringRules(max_schools=2))
    assert two.pairs["school_id"].tolist() == [1, 2]
    assert two.pairs.groupby("teacher_id").size().max() <= 2


def test_coverage_before_counts_the_weak_schools_own_strong_teachers() -> None:
    schools = f.schools(weak(1, 120.90), strong(2, 121.00))
    teachers = f.teachers(
        f.teacher(1, school_id=1, subject="chinese", backbone="county"),
        f.teacher(2, school_id=2, subject="math", backbone="city"),
    )
    out = mentoring(schools, teachers, CURRICULUM)
    assert (out.needed, out.covered_before, out.covered_after) == (2, 1, 2)
    assert out.needs["subject"].tolist() == ["math"]  # chinese does not lack


def test_no_mentor_at_all_and_bad_rules_are_refused() -> None:
    schools = f.schools(weak(1, 120.90), strong(2, 121.00))
    teachers = f.teachers(f.teacher(1, school_id=2, subject="math"))
    with pytest.raises(TalentError) as refused:
        mentoring(schools, teachers, CURRICULUM)
    assert refused.value.code == "no_mentors"
    with pytest.raises(TalentError):
        MentoringRules(max_schools=0)
    with pytest.raises(TalentError):
        MentoringRules(max_km=0)
