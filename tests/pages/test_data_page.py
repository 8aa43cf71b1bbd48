"""The Data page: edits saved in one go, a colleague's change never lost, viewers kept out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

import models
from models import messages
from models.db import Busy, get_engine
from models.exporter import export_table
from models.roles import Actor
from models.schema import migrate
from models.writers import save_changes
from seed.database import seed_database
from ui.data import controls as c
from ui.data import editor, history, importing
from ui.data.editor import editor_key, save_key
from ui.data.views import BACKUP
from ui.text import plain

MakeApp = Callable[[str, str], AppTest]
CURRICULUM = editor_key(c.editor_base("curriculum", None))


@pytest.fixture
def fresh_demo(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    return url


def _curriculum(make_app: MakeApp, url: str) -> AppTest:
    at = make_app(url, "en").run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key=f"{c.TABLE}.en").set_value("curriculum").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_edit_is_saved(fresh_demo: str, make_app: MakeApp) -> None:
    at = _curriculum(make_app, fresh_demo)
    first = models.load(fresh_demo).curriculum
    at.session_state[CURRICULUM] = {
        "edited_rows": {0: {"teacher_load": 15.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=save_key(CURRICULUM)).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saved: 1 changed")
    assert sorted(models.load(fresh_demo).curriculum["teacher_load"].tolist()) != sorted(
        first["teacher_load"].tolist()
    )


def test_a_colleagues_change_is_not_overwritten(fresh_demo: str, make_app: MakeApp) -> None:
    at = _curriculum(make_app, fresh_demo)
    engine = get_engine(fresh_demo)
    with engine.connect() as conn:
        row_id = conn.exec_driver_sql("SELECT min(id) FROM curriculum").scalar_one()
    save_changes(engine=engine, table="curriculum", actor=Actor("colleague", "editor"),
                 updates=[{"id": row_id, "version": 1, "teacher_load": 20.0}])  # fmt: skip
    edits = {"edited_rows": {0: {"teacher_load": 15.0}}, "added_rows": [], "deleted_rows": []}
    at.session_state[CURRICULUM] = edits
    at.button(key=save_key(CURRICULUM)).click().run()
    assert not at.exception
    assert "changed by someone else" in at.error[0].value
    loaded = models.load(fresh_demo).curriculum
    assert 20.0 in loaded["teacher_load"].tolist()  # the colleague's value stands
    assert at.session_state[CURRICULUM]["edited_rows"]  # the edit is kept


def test_viewers_get_no_editing(
    demo_sqlite: str, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.auth

    monkeypatch.setattr(ui.auth, "current_actor", lambda: Actor("guest", "viewer"))
    at = make_app(demo_sqlite, "en").run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert "viewer" in at.info[0].value
    assert not at.get("arrow_data_frame") and not at.button


def test_admins_get_a_backup_button(
    demo_sqlite: str, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.auth

    monkeypatch.setattr(ui.auth, "current_actor", lambda: Actor("boss", "admin"))
    at = make_app(demo_sqlite, "en").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.en").set_value("export").run()
    at.button(key=BACKUP).click().run()
    assert not at.exception
    buttons = [b for b in at.get("download_button") if isinstance(b, Element)]
    assert any(b.label == "Download the backup" for b in buttons)


def test_a_bad_pay_policy_is_refused(fresh_demo: str, make_app: MakeApp) -> None:
    at = make_app(fresh_demo, "en").run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key=f"{c.TABLE}.en").set_value("pay_policy").run()
    at.session_state[editor_key(c.editor_base("pay_policy", None))] = {
        "edited_rows": {0: {"params": '{"basic_share": 7}'}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=save_key(editor_key(c.editor_base("pay_policy", None)))).click().run()
    assert plain("basic_share") in at.error[0].value  # escaped: shown as typed
    assert "0.7" in models.load(fresh_demo).pay_policies["params"].iloc[0]


def test_a_busy_database_is_explained_in_the_persons_language(
    fresh_demo: str, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the person reads Chinese; the server's own messages default to English
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key=f"{c.TABLE}.zh").set_value("curriculum").run()
    english = SimpleNamespace(shizi_lang="en")
    monkeypatch.setattr(messages, "settings", lambda: english)

    def busy(**_: object) -> None:
        raise Busy()

    monkeypatch.setattr(editor, "save_changes", busy)
    at.session_state[CURRICULUM] = {
        "edited_rows": {0: {"teacher_load": 15.0}}, "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.button(key=save_key(CURRICULUM)).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["另一位同事正在保存，请稍后再试"]
    assert at.session_state[CURRICULUM]["edited_rows"]  # the edit is kept


def _teachers(make_app: MakeApp, url: str, lang: str, find: str) -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key=f"{c.TABLE}.{lang}").set_value("teacher").run()
    at.text_input(key=c.FIND).input(find).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _editor(at: AppTest) -> tuple[str, pd.DataFrame]:
    """The key of the editor on screen and the rows it was given."""
    [key] = [str(b.key).removesuffix("_save") for b in at.button if str(b.key).endswith("_save")]
    return key, at.session_state[f"{key}_rows"]


def test_a_teacher_is_found_anywhere_in_the_city_by_name(
    fresh_demo: str, make_app: MakeApp
) -> None:
    teachers = models.load(fresh_demo).teachers
    person = teachers.iloc[len(teachers) // 2]
    at = _teachers(make_app, fresh_demo, "zh", str(person["name"]))
    _key, rows = _editor(at)
    assert person["staff_no"] in set(rows["staff_no"])
    assert set(rows["name"]) == {person["name"]}  # everyone of that name, nobody else
    at.text_input(key=c.FIND).input(str(person["staff_no"])).run()
    _key, rows = _editor(at)
    assert rows["staff_no"].tolist() == [person["staff_no"]]
    assert "找到 1 名教师" in " ".join(e.value for e in at.caption)


def test_a_subject_is_found_by_its_chinese_label(fresh_demo: str, make_app: MakeApp) -> None:
    at = _teachers(make_app, fresh_demo, "zh", "物理")
    _key, rows = _editor(at)
    assert len(rows) and set(rows["subject"]) == {"physics"}


def test_the_editor_speaks_the_persons_language(fresh_demo: str, make_app: MakeApp) -> None:
    at = _teachers(make_app, fresh_demo, "zh", "T0000010")
    key, _rows = _editor(at)
    columns = json.loads(at.data_editor(key=key).proto.columns)
    headers = {name: spec.get("label") for name, spec in columns.items()}
    assert headers["staff_no"] == "工号" and headers["school_id"] == "学校"
    assert headers["title"] == "职称" and headers["_district"] == "所在县（市、区）（只读）"
    assert headers["weekly_periods"] == "周课时（节）"  # a number with its unit
    title = columns["title"]["type_config"]["options"]
    assert {"value": "first", "label": "一级"} in title


def test_a_bad_row_is_shown_by_row_and_column_and_nothing_is_written(
    fresh_demo: str, make_app: MakeApp
) -> None:
    teachers = models.load(fresh_demo).teachers
    person = teachers.iloc[7]
    at = _teachers(make_app, fresh_demo, "zh", str(person["staff_no"]))
    key, rows = _editor(at)
    assert len(rows) == 1
    at.session_state[key] = {
        "edited_rows": {0: {"title": "senior", "post_grade": 14, "name": "=1+1"}},
        "added_rows": [{"staff_no": "N-1", "name": "新教师"}],
        "deleted_rows": [],
    }
    at.button(key=save_key(key)).click().run()
    assert not at.exception
    [table] = [d.value for d in at.dataframe if d.editing_mode == "read_only"]
    assert at.error[0].value.startswith(f"没有保存：有 {len(table)} 处需要修改")
    who = f"{person['name']} {person['staff_no']}"
    got = set(zip(table["行"], table["列"], table["填写的值"], strict=True))
    assert {row for row in got if row[0] == who} == {(who, "岗位等级", "14"), (who, "姓名", "=1+1")}
    assert ("新增第 1 行", "学校", "") in got  # a new teacher needs a school
    assert ("新增第 1 行", "职称", "") in got
    assert set(table.loc[table["列"] == "岗位等级", "问题及处理办法"]) == {
        "应在 1–13 范围内",
        "必须填写",
    }
    assert all(not re.search(r"[A-Za-z]{3,}", p) for p in table["问题及处理办法"])
    after = models.load(fresh_demo).teachers.set_index("staff_no")
    assert after.loc[person["staff_no"], "title"] == person["title"]  # nothing written
    assert "N-1" not in after.index


def test_a_found_teacher_is_edited_and_saved(fresh_demo: str, make_app: MakeApp) -> None:
    teachers = models.load(fresh_demo).teachers
    person = teachers.iloc[9]
    title = "senior" if person["title"] != "senior" else "first"
    at = _teachers(make_app, fresh_demo, "en", str(person["staff_no"]))
    key, _rows = _editor(at)
    at.session_state[key] = {
        "edited_rows": {0: {"title": title, "assessment": "excellent"}},
        "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.button(key=save_key(key)).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saved: 1 changed")
    after = models.load(fresh_demo).teachers.set_index("staff_no").loc[person["staff_no"]]
    assert (after["title"], after["assessment"]) == (title, "excellent")


def _history(make_app: MakeApp, url: str, lang: str = "zh") -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.{lang}").set_value("history").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _change_title(url: str, row: int, title: str, version: int = 1) -> tuple[pd.Series, int]:
    """Change a teacher's title as 王芳; the teacher (before) and the audit id."""
    engine = get_engine(url)
    person = models.load(url).teachers.iloc[row]
    change = {"id": int(person["teacher_id"]), "version": version, "title": title}
    save_changes(engine=engine, table="teacher", actor=Actor("王芳", "editor"), updates=[change])
    with engine.connect() as conn:
        return person, int(conn.exec_driver_sql("SELECT max(id) FROM audit_log").scalar_one())


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_history_reads_in_chinese(fresh_demo: str, make_app: MakeApp) -> None:
    person, audit = _change_title(fresh_demo, 3, "senior")
    with get_engine(fresh_demo).connect() as conn:
        at_utc = conn.exec_driver_sql(f"SELECT at FROM audit_log WHERE id = {audit}").scalar_one()
    at = _history(make_app, fresh_demo)
    texts = _texts(at)
    old = {"first": "一级", "second": "二级", "senior": "高级", "third": "三级"}
    record = f"教师 {person['name']} {person['staff_no']}"
    assert record in texts
    change = next(x for x in texts if x.startswith("修改："))
    assert change == f"修改：职称：{old.get(person['title'], person['title'])} → 高级"
    local = pd.Timestamp(at_utc).tz_localize("UTC").tz_convert("Asia/Shanghai")
    assert local.strftime("%Y-%m-%d %H:%M:%S") in texts  # shown in Beijing time
    assert "王芳" in texts
    at.text_input(key="data_h_table").input("教师").run()
    assert record in _texts(at)
    at.text_input(key="data_h_table").input("学校").run()
    assert record not in _texts(at)


def test_a_change_is_undone_after_a_confirmation(fresh_demo: str, make_app: MakeApp) -> None:
    person, audit = _change_title(fresh_demo, 4, "senior")
    at = _history(make_app, fresh_demo)
    at.button(key=history.undo_key(audit)).click().run()
    assert at.warning[0].value.startswith(f"确定要撤销第 {audit} 号修改吗")
    teachers = models.load(fresh_demo).teachers.set_index("staff_no")
    assert teachers.loc[person["staff_no"], "title"] == "senior"  # not before the yes
    at.button(key=history.YES).click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"已撤销第 {audit} 号修改")
    teachers = models.load(fresh_demo).teachers.set_index("staff_no")
    assert teachers.loc[person["staff_no"], "title"] == person["title"]


def test_an_undo_under_a_later_change_is_refused_clearly(
    fresh_demo: str, make_app: MakeApp
) -> None:
    person, first = _change_title(fresh_demo, 5, "senior")
    _person, second = _change_title(fresh_demo, 5, "third", version=2)
    at = _history(make_app, fresh_demo)
    at.button(key=history.undo_key(first)).click().run()
    at.button(key=history.YES).click().run()
    assert not at.exception
    assert at.error[0].value == (
        f"不能撤销第 {first} 号修改：这条记录之后又被修改过（第 {second} 号）。"
        "请先撤销较新的修改，或直接编辑这条记录。"
    )
    teachers = models.load(fresh_demo).teachers.set_index("staff_no")
    assert teachers.loc[person["staff_no"], "title"] == "third"


# What the Chinese page may show in Latin letters: staff and cadre numbers, file formats and
# encodings people pick by name, and the language switch's "English".
_ALLOWED = re.compile(r"^(T\d+|C\d+|CSV|XLSX|Excel|UTF|GBK|GB18030|MiB|English)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_LABELLED = ("title", "caption", "markdown", "info", "error", "success", "warning", "button",
             "text_input", "selectbox", "multiselect", "radio", "date_input", "download_button",
             "file_uploader", "segmented_control", "metric", "subheader", "header")  # fmt: skip


def _page_text(at: AppTest) -> list[str]:
    """Every text the page shows: labels, placeholders, options as shown, messages, and
    tables (headers; cells as shown: an editor's choices by their labels)."""
    out: list[str] = []
    for kind in _LABELLED:
        for element in at.get(kind):
            proto = getattr(element, "proto", None)
            for field in ("body", "label", "placeholder", "value"):
                value = getattr(proto, field, None) if proto is not None else None
                if isinstance(value, str):
                    out.append(value)
            out += [str(o) for o in getattr(element, "options", [])]
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        value = frame.value
        for name in value.columns:
            spec = config.get(str(name), {})
            if spec.get("hidden"):
                continue
            out.append(spec.get("label") or str(name))
            options = spec.get("type_config", {}).get("options")
            if options:
                shown = {o["value"]: o["label"] for o in options}
                out += [str(shown.get(v, v)) for v in value[name].dropna().unique()]
            elif value[name].dtype == object:
                out += [str(v) for v in value[name].dropna().unique()]
    return out


def _english(texts: list[str]) -> list[str]:
    return sorted({w for x in texts for w in _WORD.findall(x) if not _ALLOWED.match(w)})


@pytest.mark.parametrize("view", c.VIEWS)
def test_the_chinese_data_page_shows_no_english(
    fresh_demo: str, make_app: MakeApp, view: str
) -> None:
    _change_title(fresh_demo, 2, "senior")  # a change for the history to show
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.zh").set_value(view).run()
    if view == "edit":
        at.selectbox(key=f"{c.TABLE}.zh").set_value("teacher").run()
        at.text_input(key=c.FIND).input("T0000000").run()
        key, _rows = _editor(at)
        at.session_state[key] = {
            "edited_rows": {0: {"post_grade": 14}}, "added_rows": [{"name": "新教师"}],
            "deleted_rows": [],
        }  # fmt: skip
        at.button(key=save_key(key)).click().run()
        assert at.error, "the bad rows' problems are part of what is checked"
    assert not at.exception, [e.value for e in at.exception]
    texts = _page_text(at)
    assert len(texts) > 6, texts  # the collector sees the page
    assert _english(texts) == []


def test_the_english_check_catches_english(fresh_demo: str, make_app: MakeApp) -> None:
    at = make_app(fresh_demo, "en").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.en").set_value("history").run()
    assert {"Table", "Person", "From"} <= set(_english(_page_text(at)))


TITLES_ZH = {"none": "未定级", "third": "三级", "second": "二级", "first": "一级", "senior": "高级",
             "senior_plus": "正高级"}  # fmt: skip


def _roster(url: str) -> tuple[bytes, pd.Series]:
    """One school's teachers as exported in Chinese, saved as GBK, with the first
    teacher's title changed to 高级 and one teacher added; and that first teacher."""
    frame = export_table(get_engine(url), "teacher", language="zh")
    school = frame["学校代码"].iloc[0]
    frame = frame[frame["学校代码"] == school].reset_index(drop=True)
    first = models.load(url).teachers.set_index("staff_no").loc[frame.at[0, "工号"]]
    frame.at[0, "职称"] = "高级" if first["title"] != "senior" else "一级"
    new = frame.iloc[[0]].assign(工号="N9001", 姓名="新老师", 版本="")
    data = pd.concat([frame, new]).to_csv(index=False).encode("gb18030")
    return data, first


def test_an_import_shows_the_change_before_making_it(fresh_demo: str, make_app: MakeApp) -> None:
    data, first = _roster(fresh_demo)
    new_title = "高级" if first["title"] != "senior" else "一级"
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.zh").set_value("import").run()
    at.radio(key=importing.TABLE).set_value("teacher").run()
    at.file_uploader(key=importing.FILE).set_value(("roster.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    counts = {m.label: m.value for m in at.metric}
    assert counts == {"新增": "1", "修改": "1", "删除": "0", "不变": counts["不变"]}
    assert int(counts["不变"]) > 0
    changes, added = (d.value for d in at.dataframe)
    record = f"教师 {first['name']} {first.name}"
    old = TITLES_ZH[first["title"]]
    assert changes.to_dict("records") == [
        {"记录": record, "字段": "职称", "原值": old, "新值": new_title}
    ]
    assert added["记录"].tolist() == ["教师 新老师 N9001"]
    assert models.load(fresh_demo).teachers["staff_no"].eq("N9001").sum() == 0  # not yet
    at.button(key=importing.GO).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("已导入：新增 1 行，修改 1 行")
    teachers = models.load(fresh_demo).teachers.set_index("staff_no")
    assert "N9001" in teachers.index
    assert teachers.loc[first.name, "title"] != first["title"]
    assert _english(_page_text(at)) == []


def test_an_import_says_what_it_read_on_the_persons_behalf(
    fresh_demo: str, make_app: MakeApp
) -> None:
    data, _first = _roster(fresh_demo)
    text = data.decode("gb18030").replace("N9001", "Ｎ９００１", 1).replace("新老师", "新老师 ", 1)
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.zh").set_value("import").run()
    at.radio(key=importing.TABLE).set_value("teacher").run()
    at.file_uploader(key=importing.FILE).set_value(
        ("roster.csv", text.encode("gb18030"), "text/csv")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.info[0].value.startswith("有 2 处按常见写法代为更正")
    taken = at.dataframe[0].value
    assert taken[["列", "文件中的写法", "读作"]].to_dict("records") == [
        {"列": "姓名", "文件中的写法": "新老师 ", "读作": "新老师"},
        {"列": "工号", "文件中的写法": "Ｎ９００１", "读作": "N9001"},
    ]
    assert set(taken["行"]) == {f"第 {len(text.splitlines())} 行"}
    assert "教师 新老师 N9001" in at.dataframe[-1].value["记录"].tolist()  # added as meant


def test_an_import_with_problems_says_them_in_chinese(fresh_demo: str, make_app: MakeApp) -> None:
    data, _first = _roster(fresh_demo)
    bad = data.decode("gb18030").replace("新老师", "=新老师", 1)
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.zh").set_value("import").run()
    at.radio(key=importing.TABLE).set_value("teacher").run()
    at.file_uploader(key=importing.FILE).set_value(
        ("roster.csv", bad.encode("gb18030"), "text/csv")
    ).run()
    assert not at.exception
    assert at.error[0].value.startswith("文件未导入")
    [table] = [d.value for d in at.dataframe]
    assert "姓名" in set(table["列"]) and table["行"].str.startswith("第 ").all()
    assert _english(_page_text(at)) == []


# The cadre tables (干部队伍, issue 17) on the Data page, as the teachers are.


def _cadre_editor(make_app: MakeApp, url: str, lang: str, table: str) -> tuple[AppTest, str]:
    """The Data page editing ``table`` of the first county; the editor's key."""
    at = make_app(url, lang).run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key=f"{c.TABLE}.{lang}").set_value(table).run()
    assert not at.exception, [e.value for e in at.exception]
    key, _rows = _editor(at)
    return at, key


def test_a_second_principal_is_refused_in_chinese_and_nothing_written(
    fresh_demo: str, make_app: MakeApp
) -> None:
    at, key = _cadre_editor(make_app, fresh_demo, "zh", "cadre")
    rows = at.session_state[f"{key}_rows"]
    district = models.load(fresh_demo).districts["district_id"].iloc[0]
    schools = models.load(fresh_demo).schools.set_index("school_id")
    assert set(schools.loc[rows["school_id"], "district_id"]) == {district}  # one county
    deputy = rows.index[rows["position"] == "vice_principal"][0]
    [editor_frame] = [d for d in at.dataframe if d.editing_mode != "read_only"]
    columns = json.loads(editor_frame.proto.columns)
    assert columns["position"]["label"] == "职务"
    assert {"value": "principal", "label": "校长"} in columns["position"]["type_config"]["options"]
    at.session_state[key] = {
        "edited_rows": {int(deputy): {"position": "principal", "appointed_year": 2099}},
        "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.button(key=save_key(key)).click().run()
    assert not at.exception
    [table] = [d.value for d in at.dataframe if d.editing_mode == "read_only"]
    who = f"{rows.at[deputy, 'name']} {rows.at[deputy, 'cadre_no']}"
    got = dict(zip(zip(table["行"], table["列"], strict=True), table["问题及处理办法"],
                   strict=True))  # fmt: skip
    assert set(got) == {(who, "职务"), (who, "本届任职年份")}
    assert "一所学校只能有一名校长" in got[(who, "职务")]
    assert got[(who, "本届任职年份")].startswith("年份不能晚于今年")
    assert _english(_page_text(at)) == []
    after = models.load(fresh_demo).cadres.set_index("cadre_no")
    assert after.loc[rows.at[deputy, "cadre_no"], "position"] == "vice_principal"


def test_a_score_is_edited_in_english_and_undone_in_the_history(
    fresh_demo: str, make_app: MakeApp
) -> None:
    at, key = _cadre_editor(make_app, fresh_demo, "en", "cadre_score")
    rows = at.session_state[f"{key}_rows"]
    [editor_frame] = [d for d in at.dataframe if d.editing_mode != "read_only"]
    columns = json.loads(editor_frame.proto.columns)
    assert columns["cadre_id"]["label"] == "Leader"  # a leader by name
    cadres = models.load(fresh_demo).cadres.set_index("cadre_id")
    shown = {o["value"]: o["label"] for o in columns["cadre_id"]["type_config"]["options"]}
    leader = cadres.loc[rows.at[0, "cadre_id"]]
    assert shown[int(rows.at[0, "cadre_id"])] == f"{leader['name']} {leader['cadre_no']}"
    district = models.load(fresh_demo).districts["district_id"].iloc[0]
    schools = models.load(fresh_demo).schools.set_index("school_id")
    assert set(schools.loc[cadres.loc[list(shown), "school_id"], "district_id"]) == {district}
    at.session_state[key] = {
        "edited_rows": {0: {"results": 101.0}}, "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.button(key=save_key(key)).click().run()
    [table] = [d.value for d in at.dataframe if d.editing_mode == "read_only"]
    assert table.iloc[0].tolist()[1:] == ["results", "101.0", "must be 0–100"]
    at.session_state[key] = {
        "edited_rows": {0: {"results": 64.5}}, "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.button(key=save_key(key)).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saved: 1 changed")
    scores = models.load(fresh_demo).cadre_scores
    assert 64.5 in scores["results"].tolist()
    at = _history(make_app, fresh_demo, "zh")
    texts = _texts(at)
    who = f"干部考核评分 {cadres.at[rows.at[0, 'cadre_id'], 'name']} {rows.at[0, 'year']}"
    assert who in texts
    assert plain(f"修改：实绩量化考评：{rows.at[0, 'results']} → 64.5") in texts
    with get_engine(fresh_demo).connect() as conn:
        audit = conn.exec_driver_sql("SELECT max(id) FROM audit_log").scalar_one()
    at.button(key=history.undo_key(audit)).click().run()
    at.button(key=history.YES).click().run()
    assert not at.exception
    assert 64.5 not in models.load(fresh_demo).cadre_scores["results"].tolist()


def test_a_growth_file_import_shows_its_change_and_every_table_exports(
    fresh_demo: str, make_app: MakeApp
) -> None:
    frame = export_table(get_engine(fresh_demo), "cadre_record", language="zh")
    before = float(frame.at[0, "学时"])
    frame.at[0, "学时"] = before + 8
    data = frame.to_csv(index=False).encode("utf-8")
    at = make_app(fresh_demo, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{c.VIEW}.zh").set_value("import").run()
    at.radio(key=importing.TABLE).set_value("cadre_record").run()
    at.file_uploader(key=importing.FILE).set_value(("records.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    counts = {m.label: m.value for m in at.metric}
    assert (counts["新增"], counts["修改"], counts["删除"]) == ("0", "1", "0")
    [changes] = [d.value for d in at.dataframe]
    [change] = changes.to_dict("records")
    assert change["记录"].startswith(f"干部成长档案 {frame.at[0, '姓名']} {frame.at[0, '年份']}")
    assert (change["字段"], change["原值"], change["新值"]) == ("学时", str(before),
                                                              str(before + 8))  # fmt: skip
    at.button(key=importing.GO).click().run()
    assert at.success[0].value.startswith("已导入：新增 0 行，修改 1 行")
    assert _english(_page_text(at)) == []
    at.radio(key=f"{c.VIEW}.zh").set_value("export").run()
    assert not at.exception
    keys = {str(b.key) for b in at.get("download_button") if isinstance(b, Element)}
    for table in ("wish", "cadre", "cadre_record", "cadre_reserve", "cadre_score"):
        assert {f"data_x_{table}_csv", f"data_x_{table}_template_xlsx"} <= keys
