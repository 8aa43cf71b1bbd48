"""Rosters saved by LibreOffice Calc (tests/fixtures/office, made by
tests/fixtures/make_office_files.py): read right, or refused naming row and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import models
from models.importer import ImportRefused, check, read_file

OFFICE = Path(__file__).parents[1] / "fixtures" / "office"
FORMATS = ["xlsx", "utf8.csv", "gb18030.csv"]


def _check(url: str, name: str) -> pd.DataFrame:
    frames = models.load(url)
    raw = read_file((OFFICE / name).read_bytes(), name)
    return check(raw, "teacher", schools=frames.schools, districts=frames.districts)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_libreoffice_roster_reads_right(demo_sqlite: str, fmt: str) -> None:
    rows = _check(demo_sqlite, f"roster.{fmt}")
    school = models.load(demo_sqlite).schools.set_index("code").at["3206020001", "school_id"]
    assert rows["staff_no"].tolist() == ["000101", "000102", "000103", "000104", "000105"]
    assert rows["name"].tolist() == ["李雷", "韩梅梅", "王芳", "张伟", "刘洋"]
    assert rows["birth_year"].tolist() == [1990, 1992, 1985, 1979, 1995]  # 1992 was text
    assert (rows["school_id"] == school).all()
    assert rows["school_since"].tolist() == [2018, 2019, 2012, 2006, 2021]
    assert rows["title"].tolist() == ["first", "second", "senior", "first", "second"]
    assert rows["assessment"].tolist() == ["excellent", "pass", "pass", "basic", "pass"]
    assert rows["head_teacher"].tolist() == [True, False, True, False, False]
    assert rows.loc[0, ["gender", "subject", "backbone"]].tolist() == ["M", "math", "county"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_date_cell_in_a_year_column_is_refused(demo_sqlite: str, fmt: str) -> None:
    with pytest.raises(ImportRefused) as err:
        _check(demo_sqlite, f"roster_date.{fmt}")
    [problem] = err.value.problems
    assert (problem.row, problem.column, problem.key) == (3, "school_since", "date")
    assert problem.value is not None and problem.value.startswith("2018-09-01")
    assert "这是日期" in problem.text("zh")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_merged_header_cell_is_refused_as_such(demo_sqlite: str, fmt: str) -> None:
    with pytest.raises(ImportRefused) as err:
        _check(demo_sqlite, f"roster_merged.{fmt}")
    found = {(p.row, p.column, p.key) for p in err.value.problems}
    assert (None, "#2", "blank_header") in found  # 姓名's column, under the merged title
    merged = next(p for p in err.value.problems if p.key == "blank_header")
    assert "合并的单元格" in merged.text("zh")
