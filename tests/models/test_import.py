"""Import and export of schools and teachers: encodings, bad files, all or nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import text

import models
from models.db import get_engine
from models.exporter import export_frame
from models.importer import Accepted, ImportRefused, accepted, apply, check, read_file
from models.roles import Actor
from shizi_cli import main as cli
from tests.labels import labeller
from ui.export import to_csv_bytes, to_xlsx_bytes

HEADER_ZH = "工号,姓名,性别,出生年份,学校代码,学科,职称,岗位等级,本校任教起始年份,骨干层级,班主任,年度考核\n"  # noqa: E501
ROW_ZH = "N0001,李雷,男,1990,{code},数学,一级,9,2018,县级骨干,是,优秀\n"


def _school_code(url: str) -> str:
    return str(models.load(url).schools["code"].iloc[0])


def _check(url: str, data: bytes, name: str = "t.csv", table: str = "teacher") -> pd.DataFrame:
    frames = models.load(url)
    return check(read_file(data, name), table, schools=frames.schools, districts=frames.districts)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_chinese_headers_and_values_in_each_encoding(demo_url: str, encoding: str) -> None:
    data = (HEADER_ZH + ROW_ZH.format(code=_school_code(demo_url))).encode(encoding)
    rows = _check(demo_url, data)
    row = rows.iloc[0]
    assert (row["gender"], row["subject"], row["title"], row["backbone"]) == (
        "M",
        "math",
        "first",
        "county",
    )
    assert (
        bool(row["head_teacher"]) and row["assessment"] == "excellent" and row["status"] == "active"
    )
    assert row["degree"] == "bachelor"  # the column spec's default when a file leaves it out


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [("学历", "研究生", "postgraduate"), ("最高学历", "硕士", "postgraduate"),
     ("degree", "associate", "associate"), ("学历", "中专及以下", "secondary"),
     ("Degree", "Bachelor's", "bachelor")],
)  # fmt: skip
def test_degree_by_code_or_label(demo_url: str, header: str, value: str, code: str) -> None:
    data = (HEADER_ZH.strip() + f",{header}\n" + ROW_ZH.strip() + f",{value}\n").format(
        code=_school_code(demo_url)
    )
    assert _check(demo_url, data.encode()).iloc[0]["degree"] == code


def test_other_encodings_are_refused(demo_url: str) -> None:
    data = (HEADER_ZH + ROW_ZH.format(code=_school_code(demo_url))).encode("utf-16")
    with pytest.raises(ImportRefused, match="looks like UTF-16, not UTF-8 or GBK"):
        _check(demo_url, data)


# (file bytes, or None for the good row with text replaced, message, the replacements,
# an extra header) or (file bytes, message, file name)
BAD: dict[str, tuple[bytes | None, str, *tuple[dict[str, str] | str, ...]]] = {
    "empty": (b"", "file is empty"),
    "header only": (HEADER_ZH.encode(), "no data rows"),
    "unknown column": (
        (HEADER_ZH.strip() + ",爱好\n" + ROW_ZH.strip() + ",围棋\n").encode(),
        "unknown column",
    ),
    "missing column": ("工号,姓名\nN1,李雷\n".encode(), "required column is missing"),
    "unknown title": (None, "is not a known value", {"一级": "教授"}),
    "unknown subject": (None, "is not a known value", {"数学": "炼丹"}),
    "unknown gender": (None, "is not a known value", {",男,": ",X,"}),
    "unknown school": (None, "no school has this code", {"{code}": "999999"}),
    "negative year": (None, "whole number >= 0", {"1990": "-1990"}),
    "text for a number": (None, "whole number >= 0", {",9,": ",九,"}),
    "grade 14": (None, "must be 1–13", {",9,": ",14,"}),
    "formula in a name": (None, "start like a formula", {"李雷": '=HYPERLINK("x")'}),
    "empty name": (None, "must not be empty", {"李雷": ""}),
    "name too long": (None, "at most 64 characters", {"李雷": "李" * 65}),
    "bad yes/no": (None, "是/否", {",是,": ",也许,"}),
    "unknown status": (None, "is not a known value", {",优秀\n": ",优秀,退休\n"}, "状态"),
    "unknown assessment": (None, "is not a known value", {"优秀": "良好"}),
    "unknown backbone": (None, "is not a known value", {"县级骨干": "国家级骨干"}),
    "unknown degree": (None, "is not a known value", {",优秀\n": ",优秀,小学\n"}, "学历"),
    "fractional year": (None, "whole number >= 0", {"1990": "1990.5"}),
    "empty staff number": (None, "must not be empty", {"N0001": ""}),
    "formula staff number": (None, "start like a formula", {"N0001": "@SUM(A1)"}),
    "plus formula": (None, "start like a formula", {"李雷": "+cmd"}),
    "empty school code": (None, "no school has this code", {"{code}": "000"}),
    "column twice": (None, "column given twice", {",优秀\n": ",优秀,N9\n"}, "工号"),
    "date for a year": (None, "is a date", {"1990": "1990-05-01"}),
    "Excel's 3.2E+11": (None, "scientific notation", {"N0001": "3.2E+11"}),
    "merged header cell": (None, "no header (a merged cell?)", {",优秀\n": ",优秀,x\n"}, ""),
    "blank lines only": (b"\n\n\n", "file is empty"),
    "wrong extension": (b"a,b\n1,2\n", "only .csv and .xlsx", "t.txt"),
    "not an xlsx": (b"PK\x03\x04 broken", "not a readable .xlsx", "t.xlsx"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_files_are_refused_with_the_reason(demo_url: str, case: str) -> None:
    data, message, *rest = BAD[case]
    name = "t.csv"
    if data is None:
        (edits, *extra), row = rest, ROW_ZH
        assert isinstance(edits, dict)
        for old, new in edits.items():
            row = row.replace(old, new)
        header = HEADER_ZH if not extra else HEADER_ZH.strip() + f",{extra[0]}\n"
        data = (header + row.format(code=_school_code(demo_url))).encode()
    elif rest:
        assert isinstance(rest[0], str)
        name = rest[0]
    with pytest.raises(ImportRefused) as err:
        _check(demo_url, data, name)
    assert any(message in str(p) for p in err.value.problems), err.value.problems


def test_what_a_person_obviously_meant_is_read_and_said(demo_url: str) -> None:
    code = _school_code(demo_url)
    row = ROW_ZH.format(code=code)
    for old, new in {
        "N0001": "Ｎ０００１",
        "李雷": "李雷 ",
        "1990": "１９９０",
        ",一级,": ",一级教师,",
    }.items():
        row = row.replace(old, new)
    rows = _check(demo_url, (HEADER_ZH.strip() + ",\n" + row.strip() + ",\n").encode())
    got = rows.iloc[0]
    assert (got["staff_no"], got["name"], got["birth_year"], got["title"]) == (
        "N0001", "李雷", 1990, "first"
    )  # fmt: skip
    assert accepted(rows) == [
        Accepted(2, "birth_year", "１９９０", "1990"),
        Accepted(2, "name", "李雷 ", "李雷"),
        Accepted(2, "staff_no", "Ｎ０００１", "N0001"),
        Accepted(2, "title", "一级教师", "一级"),
    ]


def test_a_file_as_written_has_nothing_read_on_its_behalf(demo_url: str) -> None:
    rows = _check(demo_url, (HEADER_ZH + ROW_ZH.format(code=_school_code(demo_url))).encode())
    assert accepted(rows) == []


def test_empty_rows_are_skipped_and_rows_keep_their_numbers(demo_url: str) -> None:
    good = ROW_ZH.format(code=_school_code(demo_url))
    bad = good.replace("N0001", "N0002").replace(",9,", ",14,")
    with pytest.raises(ImportRefused) as err:
        _check(demo_url, (HEADER_ZH + good + ",,,\n\n" + bad).encode())
    assert [(p.row, p.column) for p in err.value.problems] == [(5, "post_grade")]


def test_duplicate_staff_numbers_are_named_by_row(demo_url: str) -> None:
    code = _school_code(demo_url)
    data = (HEADER_ZH + ROW_ZH.format(code=code) * 2).encode()
    with pytest.raises(ImportRefused) as err:
        _check(demo_url, data)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "staff_no"), (3, "staff_no")]


def test_xlsx_formulas_are_not_evaluated(demo_url: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER_ZH.strip().split(","))
    sheet.append(ROW_ZH.strip().format(code=_school_code(demo_url)).split(","))
    sheet["H2"] = "=4+5"  # post grade as a formula
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRefused, match="whole number"):
        _check(demo_url, buffer.getvalue(), "t.xlsx")


def test_a_bad_row_leaves_the_database_unchanged(demo_url: str, tmp_path: Path) -> None:
    engine = get_engine(demo_url)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM teacher")).scalar_one()
    code = _school_code(demo_url)
    good = ROW_ZH.format(code=code)
    bad = ROW_ZH.replace("N0001", "N0002").replace("{code}", "nope")
    path = tmp_path / "t.csv"
    path.write_bytes((HEADER_ZH + good + bad).encode("gbk"))
    assert cli(["import", str(path), "--table", "teacher", "--database-url", demo_url]) == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM teacher")).scalar_one() == before
    path.write_bytes((HEADER_ZH + good).encode("gbk"))
    assert (
        cli(["import", str(path), "--table", "teacher", "--dry-run", "--database-url", demo_url])
        == 0
    )
    assert cli(["import", str(path), "--table", "teacher", "--database-url", demo_url]) == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM teacher")).scalar_one() == before + 1
        audit = conn.execute(
            text("SELECT action, table_name FROM audit_log ORDER BY id DESC")
        ).first()
    assert audit is not None
    assert tuple(audit) == ("import", "teacher")


_NAME_BESIDE = {
    "school": {"zh": ("区县代码", "区县名称"), "en": ("district_code", "district_name")},
    "teacher": {"zh": ("学校代码", "学校名称"), "en": ("school_code", "school_name")},
}


@pytest.mark.parametrize("table", ["school", "teacher"])
@pytest.mark.parametrize(
    ("fmt", "language"), [("csv", "en"), ("xlsx", "en"), ("csv", "zh"), ("xlsx", "zh")]
)
def test_export_imports_back_unchanged(demo_url: str, table: str, fmt: str, language: str) -> None:
    frames = models.load(demo_url)
    exported = export_frame(frames, table, language=language, label=labeller(language))
    assert ("工号" in exported.columns or "学校代码" in exported.columns) == (language == "zh")
    code, name = _NAME_BESIDE[table][language]  # each code's name right beside it
    assert list(exported.columns).index(name) == list(exported.columns).index(code) + 1
    assert exported[name].notna().all()
    labels = {"school": ("城乡类别", "城区"), "teacher": ("职称", "一级")}[table]
    if language == "zh":  # vocabulary as labels, flags as 是/否
        assert labels[1] in set(exported[labels[0]])
        assert set(exported["薄弱学校" if table == "school" else "班主任"]) <= {"是", "否"}
    data = to_csv_bytes(exported) if fmt == "csv" else to_xlsx_bytes({table: exported})
    assert fmt == "xlsx" or data.startswith("\ufeff".encode())
    rows = _check(demo_url, data, f"t.{fmt}", table)
    counts = apply(
        engine=get_engine(demo_url), table=table, rows=rows, actor=Actor("test", "editor")
    )
    assert counts == {"inserted": 0, "updated": 0, "unchanged": len(exported), "deleted": 0}
    again = models.load(demo_url)
    pd.testing.assert_frame_equal(getattr(again, f"{table}s"), getattr(frames, f"{table}s"))


def test_a_name_beside_a_code_is_read_as_a_comment(demo_url: str) -> None:
    # the code says which school; the name beside it is for the reader, never a change
    frames = models.load(demo_url)
    exported = export_frame(frames, "teacher", language="zh", label=labeller("zh"))
    exported.loc[0, "学校名称"] = "别的学校"
    rows = _check(demo_url, to_csv_bytes(exported), "t.csv", "teacher")
    counts = apply(
        engine=get_engine(demo_url), table="teacher", rows=rows, actor=Actor("test", "editor")
    )
    assert counts == {"inserted": 0, "updated": 0, "unchanged": len(exported), "deleted": 0}


SCHOOL_HEADER = "学校代码,学校名称,区县代码,城乡类别,薄弱学校,小学在校生,小学班级数\n"
SCHOOL_ROW = "9999001,测试小学,320602,乡村,否,300,10\n"
BAD_SCHOOLS = {
    "unknown district": ({"320602": "999999"}, "no district has this code"),
    "unknown location": ({"乡村": "郊区"}, "is not a known value"),
    "negative students": ({",300,": ",-300,"}, "whole number >= 0"),
    "text students": ({",300,": ",三百,"}, "whole number >= 0"),
    "bad weak flag": ({",否,": ",不知道,"}, "是/否"),
    "empty name": ({"测试小学": ""}, "must not be empty"),
    "formula name": ({"测试小学": "=1+1"}, "start like a formula"),
    "missing code column": (None, "required column is missing"),
}


@pytest.mark.parametrize("case", list(BAD_SCHOOLS), ids=list(BAD_SCHOOLS))
def test_bad_school_files_are_refused(demo_url: str, case: str) -> None:
    changes, message = BAD_SCHOOLS[case]
    if changes is None:
        data = "学校名称,区县代码,城乡类别\n测试小学,320602,乡村\n".encode()
    else:
        row = SCHOOL_ROW
        for old, new in changes.items():
            row = row.replace(old, new)
        data = (SCHOOL_HEADER + row).encode("gb18030")
    with pytest.raises(ImportRefused) as err:
        _check(demo_url, data, table="school")
    assert any(message in str(p) for p in err.value.problems), err.value.problems


def test_a_good_school_file_passes(demo_url: str) -> None:
    rows = _check(demo_url, (SCHOOL_HEADER + SCHOOL_ROW).encode("gb18030"), table="school")
    assert rows.iloc[0]["location"] == "rural" and rows.iloc[0]["students_primary"] == 300


def test_replace_deletes_what_the_file_leaves_out(demo_url: str, tmp_path: Path) -> None:
    frames = models.load(demo_url)
    school = int(frames.schools["school_id"].iloc[0])
    keep = export_frame(frames, "teacher")
    keep = keep[keep["school_code"] != str(frames.schools["code"].iloc[0])]
    path = tmp_path / "teachers.csv"
    path.write_bytes(to_csv_bytes(keep))
    args = [
        "import",
        str(path),
        "--table",
        "teacher",
        "--mode",
        "replace",
        "--database-url",
        demo_url,
    ]
    assert cli(args) == 0
    after = models.load(demo_url).teachers
    assert len(after) == len(keep)
    assert not (after["school_id"] == school).any()


def test_replace_refuses_to_drop_schools_in_use(demo_url: str, tmp_path: Path) -> None:
    frames = models.load(demo_url)
    schools = export_frame(frames, "school").head(3)
    path = tmp_path / "schools.csv"
    path.write_bytes(to_csv_bytes(schools))
    args = [
        "import",
        str(path),
        "--table",
        "school",
        "--mode",
        "replace",
        "--database-url",
        demo_url,
    ]
    assert cli(args) == 1
    assert len(models.load(demo_url).schools) == len(frames.schools)


def test_an_imported_change_is_audited_as_the_change_it_is(demo_url: str) -> None:
    frames = models.load(demo_url)
    exported = export_frame(frames, "teacher", language="zh", label=labeller("zh"))
    old = int(exported.loc[0, "周课时"])
    exported.loc[0, "周课时"] = old + 2
    rows = _check(demo_url, to_csv_bytes(exported), "t.csv", "teacher")
    apply(engine=get_engine(demo_url), table="teacher", rows=rows, actor=Actor("t", "editor"))
    with get_engine(demo_url).connect() as conn:
        entry = conn.execute(
            text("SELECT action, before, after FROM audit_log ORDER BY id DESC")
        ).first()
    assert entry is not None
    assert (entry.action, json.loads(entry.before), json.loads(entry.after)) == (
        "import", {"weekly_periods": old}, {"weekly_periods": old + 2}
    )  # fmt: skip
