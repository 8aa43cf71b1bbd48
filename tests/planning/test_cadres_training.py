"""Training compliance: hours in the current five-year cycle, qualification training,
seats a year (hand-worked)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from planning.cadres import ParameterRefused, TrainingRules, training, training_summary
from tests import factories

YEAR = 2026


def _cadres(*rows: dict[str, Any]) -> pd.DataFrame:
    return factories.frame("cadres", *(factories.cadre(i + 1, **r) for i, r in enumerate(rows)))


def _courses(*rows: tuple[int, int, float]) -> pd.DataFrame:
    return factories.frame(
        "cadre_records",
        *(factories.cadre_record(cadre_id=c, year=y, hours=h, detail=f"课程{k}")
          for k, (c, y, h) in enumerate(rows)),
    )  # fmt: skip


def test_hours_count_only_the_current_cycle_up_to_this_year() -> None:
    # Appointed 2019: cycles 2019–2023, 2024–2028. Hours in 2023 belong to the last
    # cycle, 2027 is in the future; 2024 and 2026 count: 100 h. Elapsed 3 of 5 years:
    # pro rata 216 h, so behind; 260 h short of 360.
    cadres = _cadres({"appointed_year": 2019})
    courses = _courses((1, 2023, 300.0), (1, 2024, 60.0), (1, 2026, 40.0), (1, 2027, 500.0))
    row = training(cadres, courses, year=YEAR).iloc[0]
    assert (row["cycle_start"], row["due_year"], row["hours"]) == (2024, 2028, 100.0)
    assert (row["status"], row["shortfall"]) == ("behind", 260.0)


def test_status_met_on_track_behind() -> None:
    # All appointed 2024: elapsed 3 years, pro rata 216 h.
    cadres = _cadres(*({"appointed_year": 2024} for _ in range(3)))
    courses = _courses((1, 2025, 360.0), (2, 2025, 216.0), (3, 2025, 215.0))
    out = training(cadres, courses, year=YEAR)
    assert out["status"].tolist() == ["met", "on_track", "behind"]
    assert out["shortfall"].tolist() == [0.0, 144.0, 145.0]


def test_other_entries_are_not_training_hours() -> None:
    cadres = _cadres({"appointed_year": 2026})
    records = factories.frame(
        "cadre_records",
        factories.cadre_record(kind="lecture", year=2026, hours=40.0, detail="党课"),
        factories.cadre_record(kind="training", year=2026, hours=72.0, detail="研修"),
    )
    row = training(cadres, records, year=YEAR).iloc[0]
    assert (row["hours"], row["status"]) == (72.0, "on_track")  # pro rata: 72 h in year 1


def test_new_principals_without_qualification_training_are_named() -> None:
    cadres = _cadres(
        {"position": "principal", "term": 1, "pretraining_hours": 0.0},
        {"position": "principal", "term": 1, "pretraining_hours": 300.0},
        {"position": "principal", "term": 2, "pretraining_hours": 0.0},
        {"position": "vice_principal", "term": 1, "pretraining_hours": 0.0},
    )
    out = training(cadres, _courses(), year=YEAR)
    assert out["lacks_qualification"].tolist() == [True, False, False, False]
    wider = TrainingRules(qualification_positions=("principal", "vice_principal"))
    assert training(cadres, _courses(), wider, year=YEAR)["lacks_qualification"].sum() == 2


def test_seats_a_year_clear_the_backlog_within_the_years_given() -> None:
    # Five leaders, none trained: all behind; one principal in term 1 also lacks the
    # qualification: 6 seats, 3 a year over 2 years, 2 a year over 3.
    cadres = _cadres({"pretraining_hours": 0.0}, *({"position": "middle"} for _ in range(4)))
    table = training(cadres, _courses(), year=YEAR)
    assert training_summary(table).seats_per_year == 3
    summary = training_summary(table, TrainingRules(clear_years=3))
    assert (summary.behind, summary.lacking_qualification, summary.seats_per_year) == (5, 1, 2)


def test_the_parameters_refuse_negative_hours() -> None:
    with pytest.raises(ParameterRefused) as refused:
        TrainingRules(cycle_hours=-1)
    assert refused.value.key == "cadres.refused.hours"
