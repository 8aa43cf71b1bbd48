"""The recruitment plan (docs/domain.md, “Recruitment plan”), by hand and as a property:
recruitment never takes a school past its establishment quota."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import establishment as est
from planning.talent import RecruitmentRules, TalentError, recruitment_plan
from tests import factories as f

# 190 urban primary pupils at 19 per staff: quota 10; 6 classes: chinese 6 × 8 / 16 =
# 3.0 FTE, math 6 × 5 / 15 = 2.0 FTE.
CURRICULUM = f.curriculum(("primary", "chinese", 8, 16), ("primary", "math", 5, 15))
NO_LEAVERS = RecruitmentRules(leaver_rate=0.0)


def school(school_id: int = 1, **values) -> dict:
    return f.school(school_id, students_primary=190, classes_primary=6, **values)


def staff(
    subjects: dict[str, int], *, retiring: dict[str, int] | None = None, school_id=1, start=1
) -> list[dict]:
    """Teachers born 1985; ``retiring`` of them women born 1970 (55 by 2025)."""
    rows, i = [], start
    for subject, n in subjects.items():
        old = (retiring or {}).get(subject, 0)
        for k in range(n):
            born = 1970 if k < old else 1985
            rows.append(f.teacher(i, school_id=school_id, subject=subject, birth_year=born))
            i += 1
    return rows


def plan(schools, teachers, rules=NO_LEAVERS):
    return recruitment_plan(schools, teachers, f.standard(), CURRICULUM, rules, year=2026)


def test_a_retirement_in_a_short_subject_is_recruited_and_costed() -> None:
    teachers = f.teachers(*staff({"chinese": 3, "math": 2, "admin": 5}, retiring={"chinese": 1}))
    out = plan(f.schools(school()), teachers)
    row = out.posts.set_index("subject").loc["chinese"]
    assert row[
        ["retirements", "leavers", "growth", "vacancies", "need_left", "posts"]
    ].tolist() == [1, 0, 0, 1, 1, 1]
    assert row["min_degree"] == "associate"
    assert out.schools[["quota", "staff_after", "room", "posts"]].values.tolist() == [[10, 9, 1, 1]]
    assert out.cost_fen == (84_000 + 36_000) * 100
    assert out.total_posts == 1


def test_the_room_under_the_quota_goes_to_the_subject_that_lacks_most() -> None:
    # 11 on the books, 2 retire (chinese, math): 9 left, room 1; chinese lacks 3 − 2 = 1,
    # math 2 − 1 = 1: equal, so the subject code decides (chinese)
    teachers = f.teachers(
        *staff({"chinese": 3, "math": 2, "admin": 6}, retiring={"chinese": 1, "math": 1})
    )
    out = plan(f.schools(school()), teachers)
    posts = out.posts.set_index("subject")["posts"]
    assert posts.to_dict() == {"chinese": 1, "math": 0}
    assert out.total_vacancies == 2


def test_an_over_quota_school_recruits_nothing_and_is_flagged() -> None:
    teachers = f.teachers(*staff({"chinese": 3, "math": 2, "admin": 8}, retiring={"chinese": 1}))
    out = plan(f.schools(school()), teachers)
    assert out.total_posts == 0
    assert out.schools[["staff_after", "quota", "over_quota", "surplus"]].values.tolist() == [
        [12, 10, True, 2]
    ]


def test_leavers_and_growth_open_vacancies() -> None:
    teachers = f.teachers(*staff({"chinese": 4, "math": 2}))
    # half leave in one year: chinese 4 -> 2 leave, math 2 -> 1 leaves
    out = plan(f.schools(school()), teachers, RecruitmentRules(years=1, leaver_rate=0.5))
    assert out.posts.set_index("subject")["leavers"].to_dict() == {"chinese": 2, "math": 1}
    # enrollment +50 %: quota 285 / 19 = 15; math need 9 classes × 5 / 15 = 3.0 (+1)
    grown = plan(
        f.schools(school()), teachers, RecruitmentRules(years=1, leaver_rate=0, growth=0.5)
    )
    assert grown.schools["quota"].tolist() == [15]
    math = grown.posts.set_index("subject").loc["math"]
    assert math[["growth", "vacancies", "posts"]].tolist() == [1, 1, 1]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("leaver_rate", -0.01, "negative"),
        ("years", 0, "horizon"),
        ("years", 6, "horizon"),
        ("growth", -1.0, "growth"),
        ("salary_yuan", -1, "negative"),
    ],
)
def test_bad_rules_are_refused(field: str, value: float, code: str) -> None:
    bad: dict[str, Any] = {field: value}
    with pytest.raises(TalentError) as refused:
        RecruitmentRules(**bad)
    assert refused.value.code == code


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 8), st.integers(0, 3)),
        min_size=1,
        max_size=4,
    ),
    years=st.integers(1, 5),
    rate=st.floats(0, 0.3),
    growth=st.floats(-0.3, 0.3),
)
def test_recruitment_never_passes_the_quota(sizes, years, rate, growth) -> None:
    schools = f.schools(*(school(i + 1) for i in range(len(sizes))))
    rows, start = [], 1
    for i, (chinese, math, admin, old) in enumerate(sizes):
        made = staff(
            {"chinese": chinese, "math": math, "admin": admin},
            retiring={"chinese": min(old, chinese)},
            school_id=i + 1,
            start=start,
        )
        rows += made
        start += len(made)
    teachers = f.teachers(*rows) if rows else f.teachers()
    rules = RecruitmentRules(years=years, leaver_rate=rate, growth=growth)
    out = plan(schools, teachers, rules)
    table = out.schools
    assert (
        table["staff_after"] + table["posts"]
        <= table["quota"].where(~table["over_quota"], table["staff_after"])
    ).all()
    assert (table.loc[table["over_quota"], "posts"] == 0).all()
    assert (out.posts["posts"] <= out.posts["vacancies"]).all()
    assert (out.posts["posts"] <= out.posts["need_left"]).all()
    grown = (1 + growth) ** years - 1
    quota = est.quotas(schools, teachers, f.standard(), growth=grown)
    assert table["quota"].tolist() == quota["quota"].tolist()
    assert out.cost_fen == out.total_posts * rules.cost_fen
