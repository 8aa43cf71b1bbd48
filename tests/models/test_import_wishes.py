"""Teachers' wishes (志愿) are imported like other data: by staff number and school code
or name, every bad row refused in Chinese, and a teacher's list replaced as a whole."""

from __future__ import annotations

import pytest

import models
from models.db import get_engine
from models.importer import ImportRefused, apply, check, read_file
from models.roles import Actor

EDITOR = Actor("editor", "editor")


def _check(url: str, text: str) -> object:
    frames = models.load(url)
    return check(
        read_file(text.encode("utf-8"), "w.csv"), "wish",
        schools=frames.schools, districts=frames.districts, teachers=frames.teachers,
    )  # fmt: skip


def _people(url: str) -> tuple[list[str], list[str], list[str]]:
    frames = models.load(url)
    schools = frames.schools[frames.schools["location"] != "urban"]
    codes = schools["code"].head(3).tolist()
    names = frames.schools.drop_duplicates("name", keep=False)
    names = names[~names["code"].isin(codes) & (names["location"] != "urban")]
    return frames.teachers["staff_no"].head(2).tolist(), codes, names["name"].head(1).tolist()


def test_wishes_by_staff_number_and_school_code_or_name(demo_url: str) -> None:
    (a, b), (s1, s2, _), (n1,) = _people(demo_url)
    rows = _check(demo_url, f"工号,志愿序号,志愿学校\n{a},1,{s1}\n{a},2,{n1}\n{b},1,{s2}\n")
    frames = models.load(demo_url)
    ids = frames.teachers.set_index("staff_no")["teacher_id"]
    by_code = frames.schools.set_index("code")["school_id"]
    by_name = frames.schools.set_index("name")["school_id"]
    assert rows[["teacher_id", "rank", "school_id"]].values.tolist() == [  # type: ignore[index]
        [ids[a], 1, by_code[s1]], [ids[a], 2, by_name[n1]], [ids[b], 1, by_code[s2]]
    ]  # fmt: skip
    counts = apply(engine=get_engine(demo_url), table="wish", rows=rows, actor=EDITOR)
    assert counts["inserted"] == 3
    stored = models.load(demo_url).wishes
    assert len(stored[stored["teacher_id"] == ids[a]]) == 2
    # a teacher's list is replaced as a whole; others are left alone
    again = _check(demo_url, f"staff_no,rank,school_code\n{a},1,{s2}\n")
    counts = apply(engine=get_engine(demo_url), table="wish", rows=again, actor=EDITOR)
    assert (counts["inserted"], counts["deleted"]) == (1, 2)
    stored = models.load(demo_url).wishes
    assert stored[stored["teacher_id"] == ids[a]][["rank", "school_id"]].values.tolist() == [
        [1, by_code[s2]]
    ]
    assert len(stored[stored["teacher_id"] == ids[b]]) == 1


def test_bad_wish_rows_are_refused_in_chinese(demo_url: str) -> None:
    (a, b), (s1, s2, _), _ = _people(demo_url)
    text = (
        "工号,志愿序号,志愿学校代码\n"
        f"NOSUCH,1,{s1}\n"  # no such teacher
        f"{a},1,NOSCHOOL\n"  # no such school
        f"{a},1,{s2}\n"  # the same rank twice
        f"{b},6,{s1}\n"  # rank outside 1–5
        f"{b},1,{s2}\n{b},2,{s2}\n"  # the same school twice
    )
    with pytest.raises(ImportRefused) as refused:
        _check(demo_url, text)
    found = {(p.row, p.column, p.key) for p in refused.value.problems}
    assert {(2, "staff_no", "no_teacher"), (3, "school_code", "no_school"),
            (3, "rank", "duplicate"), (4, "rank", "duplicate"), (5, "rank", "bounds"),
            (6, "school_code", "duplicate"), (7, "school_code", "duplicate")} <= found  # fmt: skip
    texts = {p.text("zh") for p in refused.value.problems}
    assert "没有这个工号，请核对工号" in texts
    assert "应在 1–5 范围内" in texts
