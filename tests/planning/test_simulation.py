"""The simulation's hiring, return, designation and term rules, worked by hand
(docs/domain.md, "Teacher rotation"; issue 13)."""

from __future__ import annotations

import pytest

from planning import rotation as rot
from planning.rotation import simulation
from tests import factories as f
from tests.planning.test_rotation import CURRICULUM as TINY
from tests.planning.test_rotation_wishes import receiver, sender, ten_at_one, wishes

YEAR = 2026
# Four subjects, 2 periods a class at 6 periods a teacher: 6 classes need 2.0 FTE each.
FOUR = f.curriculum(*[("primary", s, 2.0, 6.0) for s in ("art", "chinese", "math", "music")])
# Math 4.5 periods at 13, music 2 at 16: 6 classes need 2.08 and 0.75 FTE.
TWO = f.curriculum(("primary", "math", 4.5, 13.0), ("primary", "music", 2.0, 16.0))


def rural(school_id: int, **kw) -> dict:
    values = {"location": "rural", "students_primary": 180, "classes_primary": 6, **kw}
    return f.school(school_id, **values)


def retiring(teacher_id: int, **kw) -> dict:
    """A man of 66 in 2026: retires in the first simulated year."""
    return f.teacher(teacher_id, gender="M", birth_year=1960, school_since=2000, **kw)


def young(teacher_id: int, **kw) -> dict:
    return f.teacher(teacher_id, **{"birth_year": 1995, "school_since": 2020, **kw})


def test_hires_are_rounded_per_school_not_per_subject() -> None:
    # Issue 13: four retirements in four subjects at hire rate 0.5 gave 4 hires (each
    # subject's 0.5 rounded up), not the 2 of rounding once per school.
    teachers = f.teachers(
        *[retiring(i, subject=s) for i, s in enumerate(("art", "chinese", "math", "music"), 1)]
    )
    sim = rot.simulate(
        teachers, f.schools(rural(1)), year=YEAR, years=1, curriculum=FOUR, hire_rate=0.5
    )
    assert sim["retired"].tolist() == [4] and sim["hired"].tolist() == [2]


def test_hires_go_to_the_most_short_subjects_of_the_school() -> None:
    # All four subjects are 2.0 FTE short after the retirements; the first hire goes to
    # art (ties by name), leaving art 1.0 short, so the second goes to chinese.
    teachers = f.teachers(
        *[retiring(i, subject=s) for i, s in enumerate(("art", "chinese", "math", "music"), 1)]
    )
    state = teachers.iloc[0:0]
    gone = teachers
    hires = simulation.hires(
        state, gone, f.schools(rural(1)), FOUR, rate=0.5, year=YEAR, first_id=10
    )
    assert hires["subject"].tolist() == ["art", "chinese"]
    assert hires["school_id"].tolist() == [1, 1] and hires["teacher_id"].tolist() == [10, 11]


def test_over_establishment_schools_stop_hiring() -> None:
    # Issue 13: every retiree was replaced in the same school and subject.
    # School 1 (urban, 190 pupils / 19 = 10 posts) has 12 on its books: 10 admin, a
    # seconded maths teacher and a retiring one; after the retirement 11 > 10: no hire,
    # though maths is 2.08 FTE short there.
    # School 2 (rural, 180 / 23 = 7.83 -> 8 posts) keeps 2 of 3: room for 6; maths is
    # 2.08 - 1 = 1.08 FTE short (one post), music 0.75 - 1 over: one maths hire.
    schools = f.schools(
        f.school(1, location="urban", students_primary=190, classes_primary=6), rural(2)
    )
    teachers = f.teachers(
        *[young(i, school_id=1, subject="admin") for i in range(1, 11)],
        young(11, school_id=1, subject="math", status="seconded"),
        retiring(12, school_id=1, subject="math"),
        retiring(13, school_id=2, subject="math"),
        young(14, school_id=2, subject="math"),
        young(15, school_id=2, subject="music"),
    )
    kw = {"year": YEAR, "years": 1, "curriculum": TWO}
    sim = rot.simulate(teachers, schools, standard=f.standard("2001"), **kw)
    assert sim["retired"].tolist() == [2] and sim["hired"].tolist() == [1]
    hires = simulation.hires(
        teachers[~teachers["teacher_id"].isin([12, 13])],
        teachers[teachers["teacher_id"].isin([12, 13])],
        schools,
        TWO,
        rate=1.0,
        year=YEAR,
        first_id=100,
        standard=f.standard("2001"),
    )
    assert hires[["school_id", "subject"]].values.tolist() == [[2, "math"]]
    # without a standard only the subject need limits: school 1 hires its maths teacher
    assert rot.simulate(teachers, schools, **kw)["hired"].tolist() == [2]


def test_staff_away_return_after_away_years_or_retire() -> None:
    # Issue 13: seconded, on-leave and exchange staff never came back nor retired.
    teachers = f.teachers(
        young(1, subject="math"),
        young(2, subject="math", status="seconded"),
        young(3, subject="music", status="leave"),
        young(4, subject="math", status="exchange_out"),
        retiring(5, subject="math", status="seconded"),  # 66: retires whatever the status
    )
    sim = rot.simulate(
        teachers, f.schools(rural(1)), year=YEAR, years=3, curriculum=TWO, hire_rate=0.0,
        away_years=2,
    )  # fmt: skip
    assert sim["retired"].tolist() == [1, 0, 0]
    # away through 2026 and 2027, back at the start of 2028
    assert sim["returned"].tolist() == [0, 0, 3]
    assert sim["teachers"].tolist() == [1, 1, 4]


def test_backbone_teachers_are_designated_at_a_rate() -> None:
    # Issue 13: no one ever became a backbone teacher, so the balance figures could
    # only fall as backbone teachers retired. 10 % of 20 active teachers = 2, picked
    # by title (highest first), then longest at the school, then staff number.
    teachers = f.teachers(
        *[young(i, subject="math", title="second") for i in range(1, 16)],
        young(16, subject="math", title="first", school_since=2018),
        young(17, subject="math", title="first", school_since=2012),
        young(18, subject="math", title="senior"),
        young(19, subject="admin", title="senior_plus"),  # teaches no subject
        young(20, subject="math", title="senior", backbone="county"),  # already one
    )
    out = simulation.designate(teachers, rate=0.1, rules=rot.RotationRules())
    changed = out.loc[out["backbone"] != teachers["backbone"], "teacher_id"].tolist()
    assert changed == [17, 18]
    assert (out.loc[out["teacher_id"].isin(changed), "backbone"] == "county").all()
    sim = rot.simulate(
        teachers, f.schools(rural(1)), year=YEAR, years=2, curriculum=TWO, backbone_rate=0.1
    )
    # the second year only teacher 16 is left with a first-grade title or above
    assert sim["designated"].tolist() == [2, 1]


def test_a_term_longer_than_the_retirement_guard_is_refused() -> None:
    rules = rot.RotationRules(term_years=4, retire_guard_years=3)
    with pytest.raises(ValueError, match=r"term_years \(4\) .* retire_guard_years \(3\)"):
        rot.simulate(
            f.teachers(young(1)), f.schools(rural(1)), rules, year=YEAR, years=1, curriculum=TWO
        )


def test_rates_out_of_range_are_named() -> None:
    kw = {"year": YEAR, "years": 1, "curriculum": TWO}
    args = (f.teachers(young(1)), f.schools(rural(1)))
    with pytest.raises(ValueError, match="backbone_rate must be in"):
        rot.simulate(*args, backbone_rate=1.5, **kw)
    with pytest.raises(ValueError, match="away_years must be"):
        rot.simulate(*args, away_years=0, **kw)


def test_each_simulated_year_honours_the_wishes_when_the_rules_use_them() -> None:
    # The hand-worked case of tests/planning/test_rotation_wishes.py over one year:
    # teacher 5 lists school 3 first; with wishes on they go there (counted in
    # wish_top3); with wishes off teacher 1 goes to school 2 and nobody is counted.
    schools = f.schools(sender(1), receiver(2, lon=121.0), receiver(3, lon=121.1))
    kw = dict(year=YEAR, years=1, curriculum=TINY, wishes=wishes((5, 1, 3)))
    on = rot.RotationRules(use_wishes=True, wish_tolerance=0.0)
    assert rot.simulate(ten_at_one(), schools, on, **kw)["wish_top3"].tolist() == [1]
    off = rot.simulate(ten_at_one(), schools, rot.RotationRules(), **kw)
    assert off["moved"].tolist() == [1] and off["wish_top3"].tolist() == [0]
