"""Succession: vacancies by retirement and term, against the ready reserve (hand-worked)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.cadres import ParameterRefused, SuccessionRules, rotation_due, succession, vacancies
from tests import factories

YEAR = 2026


def _cadres(*rows: dict[str, Any]) -> pd.DataFrame:
    return factories.frame("cadres", *(factories.cadre(i + 1, **r) for i, r in enumerate(rows)))


def _schools(*districts: int) -> pd.DataFrame:
    return factories.frame(
        "schools", *(factories.school(i + 1, district_id=d) for i, d in enumerate(districts))
    )


def _reserves(*rows: dict[str, Any]) -> pd.DataFrame:
    return factories.frame("cadre_reserves", *(factories.cadre_reserve(**r) for r in rows))


def test_a_post_falls_vacant_at_retirement_by_gender() -> None:
    # A man born 1967 retires at 60 in 2027; a woman born 1972 at 55 in 2027; a woman
    # born 1973 in 2028, outside a two-year horizon (2026–2027).
    cadres = _cadres(
        {"gender": "M", "birth_year": 1967, "position": "vice_principal"},
        {"gender": "F", "birth_year": 1972, "position": "vice_principal"},
        {"gender": "F", "birth_year": 1973, "position": "vice_principal"},
    )
    out = vacancies(cadres, SuccessionRules(horizon=2), year=YEAR)
    assert out[["cadre_id", "vacancy_year", "cause"]].values.tolist() == [
        [1, 2027, "retirement"],
        [2, 2027, "retirement"],
    ]
    later = vacancies(cadres, SuccessionRules(horizon=2, retire_age_female=54), year=YEAR)
    assert later["vacancy_year"].tolist() == [2027, 2026, 2027]


def test_a_principal_post_falls_vacant_at_the_end_of_the_second_term() -> None:
    # Term 1 from 2024 (3-year terms): may serve a second, to 2030. Term 2 from 2024: to
    # 2027. Term 3 from 2025: beyond the limit, the present term ends 2028. A vice
    # principal has no term limit here.
    cadres = _cadres(
        {"birth_year": 1980, "appointed_year": 2024, "term": 1},
        {"birth_year": 1980, "appointed_year": 2024, "term": 2},
        {"birth_year": 1980, "appointed_year": 2025, "term": 3, "position": "secretary"},
        {"birth_year": 1980, "appointed_year": 2018, "term": 2, "position": "vice_principal"},
    )
    out = vacancies(cadres, SuccessionRules(horizon=4), year=YEAR)  # 2026–2029
    assert out[["cadre_id", "vacancy_year", "cause"]].values.tolist() == [
        [2, 2027, "term"],
        [3, 2028, "term"],
    ]
    longer = vacancies(cadres, SuccessionRules(horizon=5, term_years=5), year=YEAR)
    assert longer[["cadre_id", "vacancy_year"]].values.tolist() == [[2, 2029], [3, 2030]]


def test_middle_cadres_are_not_followed_and_a_past_year_counts_as_this_year() -> None:
    cadres = _cadres(
        {"birth_year": 1960, "position": "middle"},
        {"birth_year": 1964, "gender": "M", "position": "principal", "appointed_year": 2025},
    )
    out = vacancies(cadres, SuccessionRules(horizon=1), year=YEAR)
    assert out[["cadre_id", "vacancy_year"]].values.tolist() == [[2, YEAR]]


def test_vacancies_meet_the_ready_reserve_of_their_county_and_level() -> None:
    # County 1: two principal posts fall vacant (2026 and 2027) and one deputy post; its
    # ready reserve: one for a principal post (pool), one for a secretary post (review:
    # same level), one appointed (not ready), one for a vice principal post.
    # County 2: one principal post falls vacant, no reserve.
    cadres = _cadres(
        {"school_id": 1, "birth_year": 1966, "position": "principal"},
        {"school_id": 2, "birth_year": 1967, "position": "principal"},
        {"school_id": 1, "birth_year": 1967, "position": "vice_principal"},
        {"school_id": 3, "birth_year": 1966, "position": "principal"},
        {"school_id": 3, "birth_year": 1990, "position": "secretary", "appointed_year": 2026},
    )
    schools = _schools(1, 1, 2)
    reserves = _reserves(
        {"cadre_id": 11, "target_position": "principal", "district_id": 1},
        {"cadre_id": 12, "target_position": "secretary", "district_id": 1, "status": "review"},
        {"cadre_id": 13, "target_position": "principal", "district_id": 1, "status": "appointed"},
        {"cadre_id": 14, "target_position": "vice_principal", "district_id": 1},
    )
    out = succession(cadres, schools, reserves, SuccessionRules(horizon=3), year=YEAR)
    rows = out.counties.set_index(["district_id", "level"])
    # posts, vacancies, ready, target (2 per vacancy), shortfall
    assert rows.loc[(1, "head")].tolist() == [2, 2, 2, 4, 2]
    assert rows.loc[(1, "deputy")].tolist() == [1, 1, 1, 2, 1]
    assert rows.loc[(2, "head")].tolist() == [2, 1, 0, 2, 2]
    assert out.uncovered["cadre_id"].tolist() == [4]
    assert out.vacancies.set_index("cadre_id")["successor"].to_dict() == {
        1: True, 2: True, 3: True, 4: False,
    }  # fmt: skip


def test_a_person_in_the_pool_twice_for_one_level_counts_once() -> None:
    cadres = _cadres({"birth_year": 1966}, {"birth_year": 1966, "position": "secretary"})
    reserves = _reserves(
        {"cadre_id": 11, "target_position": "principal"},
        {"cadre_id": 11, "target_position": "secretary"},
    )
    out = succession(cadres, _schools(1), reserves, year=YEAR)
    assert out.uncovered["cadre_id"].tolist() == [2]


def test_the_parameters_refuse_a_horizon_outside_one_to_ten_years() -> None:
    with pytest.raises(ParameterRefused) as refused:
        SuccessionRules(horizon=11)
    assert refused.value.key == "cadres.refused.horizon"
    with pytest.raises(ParameterRefused):
        SuccessionRules(reserves_per_post=-1)


def test_principals_after_two_full_terms_are_due_to_rotate() -> None:
    cadres = _cadres(
        {"position": "principal", "appointed_year": 2023, "term": 2},  # 3 + 3 years
        {"position": "principal", "appointed_year": 2024, "term": 2},  # 3 + 2
        {"position": "vice_principal", "appointed_year": 2010, "term": 3},
    )
    assert rotation_due(cadres, year=YEAR)["cadre_id"].tolist() == [1]


@settings(max_examples=60, deadline=None)
@given(
    births=st.lists(st.integers(1960, 1985), min_size=1, max_size=12),
    ready=st.lists(st.integers(1, 2), max_size=8),
)
def test_each_ready_reserve_covers_one_vacancy_of_its_county(
    births: list[int], ready: list[int]
) -> None:
    """Covered vacancies per county are min(vacancies, ready); the rest are uncovered."""
    cadres = _cadres(*({"school_id": 1 + i % 2, "birth_year": b} for i, b in enumerate(births)))
    reserves = _reserves(*({"cadre_id": 100 + k, "district_id": d} for k, d in enumerate(ready)))
    out = succession(cadres, _schools(1, 2), reserves, SuccessionRules(horizon=10), year=YEAR)
    covered = out.vacancies[out.vacancies["successor"]].groupby("district_id").size()
    for row in out.counties.itertuples():
        assert covered.get(row.district_id, 0) == min(row.vacancies, row.ready)
    assert len(out.uncovered) + int(out.vacancies["successor"].sum()) == len(out.vacancies)
