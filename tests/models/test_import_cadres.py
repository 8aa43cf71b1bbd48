"""The cadre tables (干部队伍, issue 17) and the teachers' wishes go through import,
export, the editor's checks and the history as the teachers do: exported files read
back unchanged, a changed cell imported as one update, and bad input refused in
Chinese naming the row and the field, with nothing written."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import models
from models.db import get_engine
from models.edit_check import edit_problems
from models.editing import table_rows
from models.exporter import export_table
from models.history import history
from models.import_diff import import_diff
from models.importer import ImportRefused, Problem, apply, check, read_file
from models.roles import Actor
from models.writers import revert, save_changes
from tests.labels import labeller
from ui.export import to_csv_bytes, to_xlsx_bytes

EDITOR = Actor("editor", "editor")
YEAR = 2026  # the demo city's year


def _check(url: str, data: bytes, table: str, name: str = "t.csv") -> pd.DataFrame:
    frames = models.load(url)
    return check(
        read_file(data, name), table, schools=frames.schools, districts=frames.districts,
        teachers=frames.teachers, cadres=frames.cadres, year=YEAR,
    )  # fmt: skip


def _refused(url: str, text: str, table: str) -> list[Problem]:
    with pytest.raises(ImportRefused) as refused:
        _check(url, text.encode("utf-8"), table)
    return refused.value.problems


@pytest.mark.parametrize("table", ["wish", "cadre", "cadre_record", "cadre_reserve", "cadre_score"])
def test_export_imports_back_unchanged(demo_url: str, table: str) -> None:
    engine = get_engine(demo_url)
    frames = models.load(demo_url)
    for language, fmt in (("zh", "csv"), ("en", "xlsx")):
        exported = export_table(engine, table, language=language, label=labeller(language))
        assert len(exported) > 0
        data = to_csv_bytes(exported) if fmt == "csv" else to_xlsx_bytes({table: exported})
        rows = _check(demo_url, data, table, f"t.{fmt}")
        diff = import_diff(engine, table, rows)
        assert (diff.added, diff.changes, diff.unchanged) == ([], [], len(exported))
        counts = apply(engine=engine, table=table, rows=rows, actor=EDITOR)
        assert counts == {"inserted": 0, "updated": 0, "unchanged": len(exported), "deleted": 0}
    frame = {"wish": "wishes"}.get(table, f"{table}s")
    pd.testing.assert_frame_equal(getattr(models.load(demo_url), frame), getattr(frames, frame))


def test_a_cadre_export_names_people_and_schools_and_labels_positions(demo_url: str) -> None:
    engine = get_engine(demo_url)
    cadres = export_table(engine, "cadre", language="zh", label=labeller("zh"))
    assert list(cadres.columns[:7]) == ["干部编号", "姓名", "性别", "出生年份", "学校代码",
                                        "学校名称", "职务"]  # fmt: skip
    assert {"校长", "书记"} <= set(cadres["职务"])
    records = export_table(engine, "cadre_record", language="zh", label=labeller("zh"))
    assert list(records.columns[:2]) == ["干部编号", "姓名"]  # the leader's name beside
    assert records["姓名"].notna().all()
    assert "版本" in records.columns


def test_a_changed_score_imports_as_one_update_and_the_editor_can_undo(demo_url: str) -> None:
    engine = get_engine(demo_url)
    exported = export_table(engine, "cadre_score", language="zh", label=labeller("zh"))
    before = float(exported.loc[0, "领导评鉴"])
    exported.loc[0, "领导评鉴"] = 99.5
    rows = _check(demo_url, to_csv_bytes(exported), "cadre_score")
    [change] = import_diff(engine, "cadre_score", rows).changes
    assert (change.field, change.old, change.new) == ("review", before, 99.5)
    counts = apply(engine=engine, table="cadre_score", rows=rows, actor=EDITOR)
    assert (counts["updated"], counts["unchanged"]) == (1, len(exported) - 1)
    # the file is stale now: the same row changed again from it is a conflict
    exported.loc[0, "领导评鉴"] = 50
    stale = _check(demo_url, to_csv_bytes(exported), "cadre_score")
    with pytest.raises(ImportRefused) as refused:
        apply(engine=engine, table="cadre_score", rows=stale, actor=EDITOR)
    assert [p.key for p in refused.value.problems] == ["changed"]
    # an edit in the Data page is history with an undo
    row = table_rows(engine, "cadre_score").iloc[0]
    save_changes(engine=engine, table="cadre_score", actor=EDITOR,
                 updates=[{"id": int(row["id"]), "version": int(row["version"]),
                           "results": 12.5}])  # fmt: skip
    entry = history(engine, tables=["cadre_score"]).iloc[0]
    assert (entry["action"], json.loads(entry["after"])) == ("update", {"results": 12.5})
    revert(engine=engine, audit_id=int(entry["id"]), actor=EDITOR)
    assert table_rows(engine, "cadre_score").iloc[0]["results"] == row["results"]


def test_new_growth_file_rows_are_inserted_by_their_natural_key(demo_url: str) -> None:
    engine = get_engine(demo_url)
    no = models.load(demo_url).cadres["cadre_no"].iloc[0]
    text = (f"干部编号,年份,类别,内容,学时\n{no},2026,培训,测试专题培训,12\n"
            f"{no},2026,党课,测试党课,0\n")  # fmt: skip
    rows = _check(demo_url, text.encode(), "cadre_record")
    counts = apply(engine=engine, table="cadre_record", rows=rows, actor=EDITOR)
    assert counts["inserted"] == 2
    again = apply(engine=engine, table="cadre_record", rows=rows, actor=EDITOR)
    assert (again["inserted"], again["unchanged"]) == (0, 2)


def _leader(url: str, position: str) -> tuple[dict[str, object], str]:
    """A stored leader of ``position`` as a row, and the code of their school."""
    frames = models.load(url)
    cadre = frames.cadres[frames.cadres["position"] == position].iloc[0].to_dict()
    code = frames.schools.set_index("school_id").loc[cadre["school_id"], "code"]
    return cadre, str(code)


CADRE_HEADER = "干部编号,姓名,性别,出生年份,学校代码,职务,本届任职年份\n"


def test_bad_leaders_are_refused_in_chinese_naming_row_and_field(demo_url: str) -> None:
    principal, code = _leader(demo_url, "principal")
    count = len(models.load(demo_url).cadres)
    text = CADRE_HEADER + (
        f"X001,未来,男,1980,{code},副校长,2099\n"  # row 2: appointed next century
        f"X002,早任,女,1980,{code},副校长,1975\n"  # row 3: appointed before birth
        f"X003,无校,男,1980,NOSUCH,副校长,2020\n"  # row 4: no such school
        f"X004,双校长,男,1980,{code},校长,2020\n"  # row 5: the school has a principal
        f"X005,出生,男,2030,{code},中层,2026\n"  # row 6: born in the future
    )
    problems = _refused(demo_url, text, "cadre")
    messages = {(p.row, p.column, p.key): p.text("zh") for p in problems}
    assert set(messages) == {
        (2, "appointed_year", "future_year"),
        (3, "appointed_year", "before_birth"),
        (4, "school_code", "no_school"),
        (5, "position", "two_principal"),
        (6, "birth_year", "future_year"),
        (6, "appointed_year", "before_birth"),
    }
    assert messages[(2, "appointed_year", "future_year")] == "年份不能晚于今年（2026年），请核对"
    assert messages[(3, "appointed_year", "before_birth")] == (
        "年份不能早于这名干部的出生年份（1980年），请核对"
    )
    assert messages[(4, "school_code", "no_school")] == "没有这个学校代码，请核对学校代码"
    school = models.load(demo_url).schools.set_index("code").loc[code, "name"]
    assert messages[(5, "position", "two_principal")] == (
        f"{school}已有校长（{principal['name']} {principal['cadre_no']}），"
        "一所学校只能有一名校长；请先调整原校长的职务"
    )
    assert len(models.load(demo_url).cadres) == count  # nothing written


def test_two_secretaries_in_one_file_are_refused_and_a_swap_is_not(demo_url: str) -> None:
    secretary, code = _leader(demo_url, "secretary")
    other = models.load(demo_url).schools.query("code != @code")["code"].iloc[0]
    problems = _refused(demo_url, CADRE_HEADER + (
        f"Y001,甲,男,1980,{other},书记,2020\nY002,乙,女,1981,{other},书记,2021\n"
    ), "cadre")  # fmt: skip
    assert {(p.row, p.key) for p in problems} == {(2, "two_secretary"), (3, "two_secretary")}
    assert "一所学校只能有一名书记" in problems[0].text("zh")
    # the present secretary stepping down in the same file as the new one takes the post
    cols = "干部编号,姓名,性别,出生年份,学校代码,职务,本届任职年份"
    gender = "男" if secretary["gender"] == "M" else "女"
    text = (f"{cols}\n{secretary['cadre_no']},{secretary['name']},{gender},"
            f"{secretary['birth_year']},{code},副书记,{secretary['appointed_year']}\n"
            f"Y003,丙,男,1980,{code},书记,2026\n")  # fmt: skip
    assert len(_check(demo_url, text.encode(), "cadre")) == 2


def test_bad_records_reserves_and_scores_are_refused_in_chinese(demo_url: str) -> None:
    cadre, _ = _leader(demo_url, "vice_principal")
    no, born = cadre["cadre_no"], int(cadre["birth_year"])  # type: ignore[call-overload]
    records = _refused(demo_url, "干部编号,年份,类别,内容,学时\n" + (
        f"{no},2027,培训,明年的培训,10\n"
        f"{no},{born - 1},培训,出生前的培训,10\n"
        f"{no},2024,培训,负学时,-3\n"
        f"C999999,2024,培训,不存在的人,3\n"
    ), "cadre_record")  # fmt: skip
    got = {(p.row, p.column, p.key): p.text("zh") for p in records}
    assert set(got) == {
        (2, "year", "future_year"), (3, "year", "before_birth"), (4, "hours", "bounds"),
        (5, "cadre_no", "no_cadre"),
    }  # fmt: skip
    assert got[(4, "hours", "bounds")] == "应在 >= 0 范围内"
    assert got[(5, "cadre_no", "no_cadre")].startswith("没有这个干部编号")
    reserves = _refused(demo_url, "干部编号,拟任职务,区县代码,入库年份\n" + (
        f"C999999,校长,{_district(demo_url)},2024\n{no},校长,{_district(demo_url)},2030\n"
    ), "cadre_reserve")  # fmt: skip
    assert {(p.row, p.column, p.key) for p in reserves} == {
        (2, "cadre_no", "no_cadre"), (3, "entered_year", "future_year"),
    }  # fmt: skip
    scores = _refused(demo_url, "干部编号,年份,实绩量化考评,群众满意度测评,领导评鉴\n" + (
        f"{no},2025,101,80,-1\n"
    ), "cadre_score")  # fmt: skip
    assert {(p.row, p.column, p.text("zh")) for p in scores} == {
        (2, "results", "应在 0–100 范围内"),
        (2, "review", "应在 0–100 范围内"),
    }


def _district(url: str) -> str:
    return str(models.load(url).districts["code"].iloc[0])


def test_the_editor_gets_the_same_rules(demo_url: str) -> None:
    data = models.load(demo_url)
    refs = {"schools": data.schools, "districts": data.districts, "teachers": data.teachers,
            "cadres": data.cadres, "year": YEAR}  # fmt: skip
    deputies = data.cadres[data.cadres["position"] == "vice_principal"].rename(
        columns={"cadre_id": "id"}
    )
    deputy, another = deputies.iloc[0].to_dict(), deputies.iloc[1].to_dict()
    promoted = {**deputy, "position": "principal"}  # the school keeps its principal
    future = {**another, "appointed_year": 2030}
    found = edit_problems("cadre", [promoted, future], **refs)
    assert {(p.row, p.column, p.key) for p in found} == {
        (0, "position", "two_principal"), (1, "appointed_year", "future_year"),
    }  # fmt: skip
    assert "一所学校只能有一名校长" in found[0].text("zh")
    record = {"cadre_id": deputy["id"], "year": 2024, "kind": "training", "detail": "x",
              "hours": -1.0}  # fmt: skip
    [problem] = edit_problems("cadre_record", [record], **refs)
    assert (problem.row, problem.column, problem.key) == (0, "hours", "bounds")
    score = {"cadre_id": deputy["id"], "year": 2024, "results": 120.0, "satisfaction": 50.0,
             "review": 50.0}  # fmt: skip
    [problem] = edit_problems("cadre_score", [score], **refs)
    assert (problem.column, problem.text("zh")) == ("results", "应在 0–100 范围内")
    stranger = {"cadre_id": -7, "target_position": "principal",
                "district_id": int(data.districts["district_id"].iloc[0]),
                "entered_year": 2024, "status": "pool"}  # fmt: skip
    [problem] = edit_problems("cadre_reserve", [stranger], **refs)
    assert (problem.column, problem.key) == ("cadre_no", "no_cadre")
    assert edit_problems("cadre", [deputy], **refs) == []


def test_a_wish_import_is_audited_row_by_row_and_a_removed_wish_can_come_back(
    demo_url: str,
) -> None:
    engine = get_engine(demo_url)
    frames = models.load(demo_url)
    counts = frames.wishes["teacher_id"].value_counts()
    teacher = counts.index[counts >= 2][0]  # a teacher with two wishes or more
    staff_no = frames.teachers.set_index("teacher_id").at[teacher, "staff_no"]
    mine = frames.wishes[frames.wishes["teacher_id"] == teacher]
    code = frames.schools.set_index("school_id").at[mine["school_id"].iloc[0], "code"]
    rows = _check(demo_url, f"工号,志愿序号,志愿学校代码\n{staff_no},1,{code}\n".encode(), "wish")
    apply(engine=engine, table="wish", rows=rows, actor=EDITOR)
    log = history(engine, tables=["wish"])
    stored = table_rows(engine, "wish", where={"teacher_id": int(teacher)})
    imported = log[log["action"] == "import"]
    assert set(imported["key"].astype(int)) <= set(stored["id"])  # each under its own id
    removed = log[log["action"] == "delete"]
    assert len(removed) == len(mine) - 1 and len(stored) == 1
    revert(engine=engine, audit_id=int(removed["id"].iloc[0]), actor=EDITOR)
    back = table_rows(engine, "wish", where={"teacher_id": int(teacher)})
    assert len(back) == len(stored) + 1
