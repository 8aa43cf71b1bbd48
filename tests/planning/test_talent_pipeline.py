"""The special-grade pipeline (docs/domain.md, “Special-grade pipeline”), by hand."""

from __future__ import annotations

import pytest

from planning.talent import PipelineRules, TalentError, pipeline
from tests import factories as f

SCHOOLS = f.schools(f.school(1, district_id=1), f.school(2, district_id=2))


def star(i: int, **values) -> dict:
    """A reserve-grade teacher: senior title, city backbone, excellent, born 1980."""
    row = {"title": "senior", "backbone": "city", "assessment": "excellent", "birth_year": 1980}
    return f.teacher(i, **{**row, **values})


def test_the_reserve_its_coverage_and_the_subject_without_a_successor() -> None:
    teachers = f.teachers(
        star(1, subject="math"),  # 24 years of service: in the reserve
        star(2, subject="math", school_id=2, assessment="pass"),  # grade refused
        star(3, subject="math", school_id=2, backbone="county"),  # level refused
        star(4, subject="chinese", birth_year=2000),  # 4 years: too few
        star(5, subject="chinese", special_grade=True, gender="F", birth_year=1973),
        star(6, subject="physics", special_grade=True, gender="M", birth_year=1975),
        star(7, subject="english", status="leave"),  # not active
    )
    out = pipeline(SCHOOLS, teachers, year=2026)
    assert out.reserve["teacher_id"].tolist() == [1]
    assert out.reserve["service_years"].tolist() == [24]
    cov = out.coverage.set_index(["district_id", "subject"])
    assert cov.loc[(1, "math"), ["special", "reserve", "target", "short"]].tolist() == [0, 1, 1, 0]
    assert cov.loc[(2, "math"), ["reserve", "short"]].tolist() == [0, 1]
    assert cov.loc[(1, "chinese"), ["special", "reserve", "short"]].tolist() == [1, 0, 1]
    # the chinese special-grade teacher (woman, 53) reaches 55 by 2031; the physics one
    # (man, 51) does not reach 60 by 2031
    assert out.no_successor.to_dict("records") == [
        {"subject": "chinese", "retiring": 1, "reserve": 0}
    ]
    wider = pipeline(SCHOOLS, teachers, PipelineRules(horizon=10, target=2), year=2026)
    assert wider.no_successor["subject"].tolist() == ["chinese", "physics"]
    assert wider.coverage.set_index(["district_id", "subject"]).loc[(1, "math"), "short"] == 1


def test_criteria_that_select_nobody_and_bad_rules_are_refused() -> None:
    teachers = f.teachers(star(1, subject="math"))
    with pytest.raises(TalentError) as refused:
        pipeline(SCHOOLS, teachers, PipelineRules(min_years=30), year=2026)
    assert refused.value.code == "no_candidates"
    with pytest.raises(TalentError):
        PipelineRules(target=-1)
    with pytest.raises(TalentError):
        PipelineRules(titles=("professor",))
