"""Duties: party lectures and research reports this year against the minimum."""

from __future__ import annotations

import pytest

from planning.cadres import DutyRules, ParameterRefused, duties
from tests import factories

YEAR = 2026


def test_lectures_and_reports_this_year_against_the_minimum() -> None:
    cadres = factories.frame("cadres", factories.cadre(1), factories.cadre(2), factories.cadre(3))
    entries = [(1, YEAR, "lecture"), (1, YEAR, "report"), (1, YEAR, "report"),
               (2, YEAR, "report"), (2, YEAR - 1, "lecture"), (2, YEAR, "training"),
               (3, YEAR, "lecture"), (3, YEAR, "lecture")]  # fmt: skip
    records = factories.frame(
        "cadre_records",
        *(factories.cadre_record(cadre_id=c, year=y, kind=k, detail=f"第{n}项")
          for n, (c, y, k) in enumerate(entries)),
    )  # fmt: skip
    out = duties(cadres, records, year=YEAR)
    assert out[["lectures", "reports", "lectures_short", "reports_short"]].values.tolist() == [
        [1, 2, 0, 0],
        [0, 1, 1, 1],
        [2, 0, 0, 2],
    ]
    assert out["met"].tolist() == [True, False, False]
    assert duties(cadres, records, DutyRules(lectures=2, reports=0), year=YEAR)["met"].tolist() == [
        False, False, True,
    ]  # fmt: skip


def test_negative_minimums_are_refused() -> None:
    with pytest.raises(ParameterRefused):
        DutyRules(reports=-1)
