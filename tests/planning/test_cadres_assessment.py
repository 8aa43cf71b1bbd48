"""Assessment: weighted composite, grades under a cap on 优秀, grade changes (hand-worked)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.cadres import AssessmentRules, ParameterRefused, grade, grade_changes
from tests import factories

YEAR = 2025


def _scores(*rows: tuple[float, float, float]) -> pd.DataFrame:
    return factories.frame(
        "cadre_scores",
        *(factories.cadre_score(cadre_id=i + 1, year=YEAR, results=a, satisfaction=b, review=c)
          for i, (a, b, c) in enumerate(rows)),
    )  # fmt: skip


def test_weights_that_do_not_sum_to_one_are_refused_with_the_catalog_key() -> None:
    with pytest.raises(ParameterRefused) as refused:
        AssessmentRules(0.5, 0.3, 0.3)
    assert refused.value.key == "cadres.refused.weights"
    assert refused.value.values == {"total": 1.1}
    with pytest.raises(ParameterRefused):
        AssessmentRules(1.2, -0.2, 0.0)
    AssessmentRules(0.2, 0.7, 0.1)  # sums to 1 up to rounding


def test_composite_and_grades_with_the_floors() -> None:
    # Defaults 0.5/0.3/0.2: 88, 80.5, 55, 45.
    scores = _scores((90, 90, 80), (80, 85, 75), (50, 60, 60), (40, 50, 50))
    out = grade(scores, AssessmentRules(excellent_cap=0.5), year=YEAR)
    assert out["composite"].tolist() == [88.0, 80.5, 55.0, 45.0]
    assert out["grade"].tolist() == ["excellent", "pass", "basic", "fail"]


def test_the_cap_limits_the_share_rated_excellent() -> None:
    # Four leaders over 85: a cap of 0.3 gives floor(1.2) = 1 seat; ties go to the lower id.
    scores = _scores((90, 90, 90), (90, 90, 90), (95, 95, 95), (86, 86, 86))
    out = grade(scores, AssessmentRules(excellent_cap=0.3), year=YEAR).set_index("cadre_id")
    assert out["grade"].to_dict() == {3: "excellent", 1: "pass", 2: "pass", 4: "pass"}
    wider = grade(scores, AssessmentRules(excellent_cap=0.5), year=YEAR).set_index("cadre_id")
    assert wider["grade"].to_dict() == {3: "excellent", 1: "excellent", 2: "pass", 4: "pass"}


def test_only_the_year_asked_is_graded() -> None:
    scores = pd.concat([_scores((90, 90, 90)), _scores((10, 10, 10)).assign(year=YEAR - 1)])
    assert grade(scores, year=YEAR)["composite"].tolist() == [90.0]


def test_moving_the_weights_changes_the_grades_of_those_named() -> None:
    # Leader 1 is strong on results, leader 2 on satisfaction; one seat of 优秀.
    scores = _scores((95, 80, 90), (80, 95, 90))
    before = AssessmentRules(excellent_cap=0.5)
    after = AssessmentRules(0.2, 0.6, 0.2, excellent_cap=0.5)
    changed = grade_changes(scores, after, before, year=YEAR)
    assert changed[["cadre_id", "grade_before", "grade_after"]].values.tolist() == [
        [1, "excellent", "pass"],
        [2, "pass", "excellent"],
    ]
    assert changed["composite_after"].tolist() == [85.0, 91.0]
    assert grade_changes(scores, before, before, year=YEAR).empty


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(*(st.floats(0, 100, allow_nan=False) for _ in range(3))), min_size=1, max_size=30
    ),
    w=st.tuples(st.integers(0, 10), st.integers(0, 10)).filter(lambda p: p[0] + p[1] <= 10),
    cap=st.floats(0, 1),
)
def test_the_share_rated_excellent_never_exceeds_the_cap(
    rows: list[tuple[float, float, float]], w: tuple[int, int], cap: float
) -> None:
    rules = AssessmentRules(w[0] / 10, w[1] / 10, (10 - w[0] - w[1]) / 10, excellent_cap=cap)
    out = grade(_scores(*rows), rules, year=YEAR)
    assert (out["grade"] == "excellent").sum() <= math.floor(cap * len(rows) + 1e-9)
    assert (out.loc[out["grade"] == "excellent", "composite"] >= rules.excellent_min).all()
