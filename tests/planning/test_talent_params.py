"""The talent parameter objects: JSON round trips unchanged, and each rule refuses
what docs/domain.md says it refuses."""

from __future__ import annotations

from typing import Any

import pytest

from planning.talent import (
    MentoringRules,
    PipelineRules,
    PostCeilingShares,
    PromotionRules,
    RecruitmentRules,
    TalentError,
)

CHANGED: list[Any] = [
    PostCeilingShares(senior=(0.0, 0.3, 0.4, 0.2, 0.1)),
    PromotionRules(min_years=(2, 7, 12, 20), assessments=("excellent",), entry_age=23),
    RecruitmentRules(years=5, leaver_rate=0.125, growth=-0.02, salary_yuan=90_000),
    MentoringRules(max_km=12.5, max_schools=3, mentor_levels=("province",)),
    PipelineRules(titles=("senior_plus",), min_years=20, target=3, horizon=2),
]


@pytest.mark.parametrize("params", CHANGED, ids=lambda p: type(p).__name__)
def test_json_round_trip(params: Any) -> None:
    again = type(params).from_json(params.to_json())
    assert again == params
    assert again != type(params)()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: PromotionRules(entry_age=12), "entry_age"),
        (lambda: PromotionRules(assessments=("great",)), "unknown_assessment"),
        (lambda: PromotionRules(min_years=(1, 2, 3)), "years"),  # type: ignore[arg-type]
        (lambda: RecruitmentRules(leaver_rate=1.0), "rate_high"),
        (lambda: RecruitmentRules(min_degree=("phd", "bachelor", "bachelor")), "unknown_degree"),
        (lambda: RecruitmentRules(retire_age_female=-1), "negative"),
        (lambda: MentoringRules(mentor_levels=("national",)), "unknown_backbone"),
        (lambda: PipelineRules(assessments=("great",)), "unknown_code"),
        (lambda: PipelineRules(horizon=-1), "negative"),
    ],
)
def test_bad_parameters_are_refused_with_their_code(make: Any, code: str) -> None:
    with pytest.raises(TalentError) as refused:
        make()
    assert refused.value.code == code
