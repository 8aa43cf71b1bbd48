"""Import checks versions like a save: an unchanged export writes nothing, rows changed
since the export are conflicts, a save during an import is never overwritten, and the
export -> import round trip is exact (formula-like names, signed numbers)."""

from __future__ import annotations

import io
import threading
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import text

import models
from models import importer
from models.db import get_engine
from models.exporter import VERSION_HEADER, export_table
from models.importer import ImportRefused, apply, check, read_file
from models.roles import Actor
from models.writers import StaleVersionError, save_changes
from tests.labels import labeller
from ui.export import to_csv_bytes, to_xlsx_bytes

EDITOR = Actor("test", "editor")


def _file(frame: pd.DataFrame, fmt: str, table: str) -> bytes:
    return to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes({table: frame})


def _rows(url: str, data: bytes, fmt: str, table: str) -> pd.DataFrame:
    frames = models.load(url)
    raw = read_file(data, f"{table}.{fmt}")
    return check(raw, table, schools=frames.schools, districts=frames.districts)


def _audit_rows(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("table", ["school", "teacher"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reimporting_an_unchanged_export_writes_nothing(
    demo_url: str, table: str, fmt: str, language: str
) -> None:
    # the Data page exports in the person's language: either file comes back unchanged
    engine = get_engine(demo_url)
    exported = export_table(engine, table, language=language, label=labeller(language))
    assert VERSION_HEADER[language] in exported.columns
    assert ("学校代码" in exported.columns) == (language == "zh")
    audit, stamp = _audit_rows(demo_url), models.load(demo_url).stamp
    rows = _rows(demo_url, _file(exported, fmt, table), fmt, table)
    counts = apply(engine=engine, table=table, rows=rows, actor=EDITOR)
    assert counts == {"inserted": 0, "updated": 0, "unchanged": len(exported), "deleted": 0}
    assert _audit_rows(demo_url) == audit
    assert models.load(demo_url).stamp == stamp
    assert export_table(engine, table, language=language, label=labeller(language)).equals(exported)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_changed_since_the_export_are_conflicts(demo_url: str, fmt: str) -> None:
    engine = get_engine(demo_url)
    exported = export_table(engine, "school")
    first = models.load(demo_url).schools.iloc[0]
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": int(first.school_id), "version": 1,
                           "students_primary": 4321}])  # fmt: skip
    edited = exported.copy()
    edited.loc[1, "students_primary"] = 999  # an edit of a row nobody else touched
    audit = _audit_rows(demo_url)
    rows = _rows(demo_url, _file(edited, fmt, "school"), fmt, "school")
    with pytest.raises(ImportRefused) as refused:
        apply(engine=engine, table="school", rows=rows, actor=EDITOR)
    [problem] = refused.value.problems
    assert (problem.row, problem.value) == (2, str(first.code))
    assert "changed by someone since this file was exported" in problem.message
    after = models.load(demo_url).schools
    assert after.iloc[0]["students_primary"] == 4321  # the colleague's save stands
    assert after.iloc[1]["students_primary"] == exported.loc[1, "students_primary"]
    assert _audit_rows(demo_url) == audit


def test_a_file_without_versions_updates_only_what_it_changes(demo_url: str) -> None:
    engine = get_engine(demo_url)
    exported = export_table(engine, "school").drop(columns="version")
    exported.loc[3, "students_junior"] = 77
    audit = _audit_rows(demo_url)
    rows = _rows(demo_url, _file(exported, "csv", "school"), "csv", "school")
    counts = apply(engine=engine, table="school", rows=rows, actor=EDITOR)
    assert (counts["updated"], counts["unchanged"]) == (1, len(exported) - 1)
    assert _audit_rows(demo_url) == audit + 1


def test_a_save_while_an_import_runs_is_not_overwritten(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import holds its rows from the moment it reads them: a colleague's save in
    the meantime waits, then finds its row changed (refused), never silently lost."""
    engine = get_engine(demo_url)
    exported = export_table(engine, "school")
    target = models.load(demo_url).schools.iloc[0]
    edited = exported.copy()
    edited.loc[0, "students_primary"] = 555
    rows = _rows(demo_url, _file(edited, "csv", "school"), "csv", "school")
    outcome: list[Any] = []

    def colleague() -> None:
        try:
            save_changes(engine=engine, table="school", actor=Actor("colleague", "editor"),
                         updates=[{"id": int(target.school_id), "version": 1,
                                   "students_primary": 666}])  # fmt: skip
            outcome.append("saved")
        except StaleVersionError as exc:
            outcome.append(exc)

    real = importer._stored
    thread = threading.Thread(target=colleague)

    def stored_then_a_colleague_saves(*args: Any) -> Any:
        rows = real(*args)
        thread.start()  # the colleague saves after the import has read the rows
        return rows

    monkeypatch.setattr(importer, "_stored", stored_then_a_colleague_saves)
    apply(engine=engine, table="school", rows=rows, actor=EDITOR)
    thread.join()
    assert len(outcome) == 1 and isinstance(outcome[0], StaleVersionError)
    assert models.load(demo_url).schools.iloc[0]["students_primary"] == 555


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_names_come_back_unchanged(demo_url: str, fmt: str) -> None:
    engine = get_engine(demo_url)
    schools = models.load(demo_url).schools.head(4)
    names = ["-北区小学", "+实验小学", "=一中", "@分校"]
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": int(i), "version": 1, "name": n}
                          for i, n in zip(schools["school_id"], names, strict=True)])  # fmt: skip
    exported = export_table(engine, "school")
    data = _file(exported, fmt, "school")
    rows = _rows(demo_url, data, fmt, "school")
    counts = apply(engine=engine, table="school", rows=rows, actor=EDITOR)
    assert counts["updated"] == 0
    assert models.load(demo_url).schools.head(4)["name"].tolist() == names


def test_signed_numbers_are_numbers_in_the_workbook() -> None:
    frame = pd.DataFrame({"change": ["-115", "−115", "+3", "-2.5", "-x"], "n": [1, 2, 3, 4, 5]})
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes({"t": frame}))).active
    assert sheet is not None
    values = [sheet.cell(row, 1).value for row in range(2, 7)]
    assert values == [-115, -115, 3, -2.5, "'-x"]
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == "'-115,1"
