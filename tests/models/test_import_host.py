"""A teacher's host school (交流学校) in files: exported by code with its name beside,
imported back unchanged, and refused where the row checks refuse it."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

import models
from models.db import get_engine
from models.exporter import export_frame
from models.importer import ImportRefused, apply, check, read_file
from models.roles import Actor
from models.writers import save_changes
from tests.labels import labeller
from ui.export import to_csv_bytes, to_xlsx_bytes

EDITOR = Actor("test", "editor")


def _hosted(url: str) -> tuple[int, int]:
    """A teacher on exchange, given a host school: (teacher id, host school id)."""
    engine = get_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT id, version, school_id FROM teacher WHERE status = 'exchange_out' ORDER BY id"
        )).first()  # fmt: skip
        assert row is not None
        host = conn.execute(
            text("SELECT min(id) FROM school WHERE id <> :s"), {"s": row.school_id}
        ).scalar_one()
    update = {"id": int(row.id), "version": int(row.version), "host_school_id": int(host)}
    save_changes(engine=engine, table="teacher", actor=EDITOR, updates=[update])
    return int(row.id), int(host)


def _check(url: str, data: bytes, name: str) -> pd.DataFrame:
    frames = models.load(url)
    return check(read_file(data, name), "teacher", schools=frames.schools,
                 districts=frames.districts)  # fmt: skip


@pytest.mark.parametrize(
    ("fmt", "language"), [("csv", "zh"), ("xlsx", "zh"), ("csv", "en"), ("xlsx", "en")]
)
def test_the_host_school_goes_out_and_comes_back(demo_url: str, fmt: str, language: str) -> None:
    teacher, host = _hosted(demo_url)
    frames = models.load(demo_url)
    exported = export_frame(frames, "teacher", language=language, label=labeller(language))
    code, name = {"zh": ("交流学校代码", "交流学校名称"),
                  "en": ("host_school_code", "host_school_name")}[language]  # fmt: skip
    assert list(exported.columns).index(name) == list(exported.columns).index(code) + 1
    schools = frames.schools.set_index("school_id")
    row = exported[frames.teachers["teacher_id"].to_numpy() == teacher].iloc[0]
    assert (row[code], row[name]) == (schools.at[host, "code"], schools.at[host, "name"])
    assert exported[code].notna().sum() == 1  # no one else has a host
    data = to_csv_bytes(exported) if fmt == "csv" else to_xlsx_bytes({"teacher": exported})
    rows = _check(demo_url, data, f"t.{fmt}")
    counts = apply(engine=get_engine(demo_url), table="teacher", rows=rows, actor=EDITOR)
    assert counts == {"inserted": 0, "updated": 0, "unchanged": len(exported), "deleted": 0}
    pd.testing.assert_frame_equal(models.load(demo_url).teachers, frames.teachers)


HEADER = "工号,姓名,性别,出生年份,学校代码,学科,职称,岗位等级,本校任教起始年份,状态,交流学校\n"
ROW = "N0001,李雷,男,1990,{home},数学,一级,9,2018,{status},{host}\n"


def _file(url: str, status: str, host: str) -> bytes:
    codes = models.load(url).schools["code"].tolist()
    home = codes[0]
    host = {"home": home, "other": codes[1]}.get(host, host)
    return (HEADER + ROW.format(home=home, status=status, host=host)).encode("gb18030")


def test_a_host_school_is_read_for_a_teacher_on_exchange(demo_url: str) -> None:
    rows = _check(demo_url, _file(demo_url, "交流在外", "other"), "t.csv")
    schools = models.load(demo_url).schools
    assert rows.at[0, "host_school_id"] == schools["school_id"].iloc[1]
    blank = _check(demo_url, _file(demo_url, "交流在外", ""), "t.csv")
    assert blank.at[0, "host_school_id"] is None  # not known: allowed


@pytest.mark.parametrize(
    ("status", "host", "message"),
    [("在岗", "other", "只有状态为“交流在外”的教师才有交流学校"),
     ("交流在外", "home", "交流学校不能是教师本人所在的学校"),
     ("交流在外", "9999999", "没有这个学校代码")],
    ids=["not away", "own school", "unknown school"],
)  # fmt: skip
def test_a_host_school_the_rules_refuse(
    demo_url: str, status: str, host: str, message: str
) -> None:
    with pytest.raises(ImportRefused) as err:
        _check(demo_url, _file(demo_url, status, host), "t.csv")
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (2, "host_school_code")
    assert message in problem.text("zh")
