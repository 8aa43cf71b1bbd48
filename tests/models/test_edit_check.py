"""The editor's rows are checked by the import's rules, row by row, before a save."""

from __future__ import annotations

import models
from models.edit_check import edit_problems


def test_a_teachers_row_is_checked_like_an_imported_one(demo_url: str) -> None:
    data = models.load(demo_url)
    row = data.teachers.iloc[0].to_dict()
    row["id"] = row.pop("teacher_id")
    good = dict(row)
    bad = {**row, "staff_no": "X1", "post_grade": 14, "title": "professor", "school_id": -5}
    twin = {**row, "staff_no": "X1"}
    found = edit_problems("teacher", [good, bad, twin], schools=data.schools,
                          districts=data.districts)  # fmt: skip
    got = {(p.row, p.column, p.key) for p in found}
    assert got == {
        (1, "post_grade", "bounds"),
        (1, "title", "unknown_value"),
        (1, "school_code", "no_school"),
        (1, "staff_no", "duplicate"),
        (2, "staff_no", "duplicate"),
    }
    assert edit_problems("teacher", [good], schools=data.schools, districts=data.districts) == []
    assert edit_problems("curriculum", [{"x": 1}], schools=data.schools,
                         districts=data.districts) == []  # fmt: skip


def test_a_schools_empty_required_number_is_named_as_required(demo_url: str) -> None:
    data = models.load(demo_url)
    row = {**data.schools.iloc[0].to_dict(), "district_id": None, "is_weak": True}
    [problem] = edit_problems("school", [row], schools=data.schools, districts=data.districts)
    assert (problem.row, problem.column, problem.key) == (0, "district_code", "required")
    assert problem.text("zh") == "必须填写"
