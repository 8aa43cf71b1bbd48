"""The Gardener Award split (docs/domain.md, “Award split”), by hand and as properties."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.talent import TalentError, split_award


def frames(counts: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One school per county (district_id 1, 2, …) with ``counts`` teachers."""
    schools = pd.DataFrame({"school_id": range(1, len(counts) + 1),
                            "district_id": range(1, len(counts) + 1)})  # fmt: skip
    ids = [i + 1 for i, n in enumerate(counts) for _ in range(n)]
    return schools, pd.DataFrame({"school_id": pd.Series(ids, dtype="int64")})


def test_largest_remainders_get_the_leftover_awards() -> None:
    # 10 awards over 50, 30, 20 teachers of 100: exact 5, 3, 2: no remainder
    assert split_award(10, *frames([50, 30, 20]))["awards"].tolist() == [5, 3, 2]
    # 7 over 5, 3, 2 of 10: exact 3.5, 2.1, 1.4 -> whole 3, 2, 1, one left: to 0.5
    out = split_award(7, *frames([5, 3, 2]))
    assert out["awards"].tolist() == [4, 2, 1]
    assert out["exact"].tolist() == pytest.approx([3.5, 2.1, 1.4])


def test_a_tie_goes_to_the_county_with_more_teachers_then_the_smaller_id() -> None:
    # 1 award over 1, 1 teachers: remainders equal, same teachers: county 1
    assert split_award(1, *frames([1, 1]))["awards"].tolist() == [1, 0]
    # 2 awards over 3, 3, 4 of 10: exact .6, .6, .8: all whole 0; .8 first, then county 1
    assert split_award(2, *frames([3, 3, 4]))["awards"].tolist() == [1, 0, 1]


def test_refuses_a_negative_quota_and_a_quota_with_no_teachers() -> None:
    with pytest.raises(TalentError) as bad:
        split_award(-1, *frames([3]))
    assert bad.value.code == "negative"
    with pytest.raises(TalentError) as none:
        split_award(5, *frames([0, 0]))
    assert none.value.code == "no_candidates"
    assert split_award(0, *frames([0]))["awards"].sum() == 0


@settings(max_examples=200, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=12).filter(
        lambda c: sum(c) > 0
    ),
    quota=st.integers(min_value=0, max_value=2000),
)
def test_the_split_is_exact_and_within_one_of_each_share(counts: list[int], quota: int) -> None:
    out = split_award(quota, *frames(counts))
    assert int(out["awards"].sum()) == quota
    exact = out["teachers"] * quota / sum(counts)
    assert ((out["awards"] - exact).abs() < 1).all()
    assert (out["awards"] >= 0).all()
