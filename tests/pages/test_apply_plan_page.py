"""Scenarios page: an approved scenario's rotation plan applied after a confirmation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

import models
from models.db import get_engine
from models.decisions import DecisionText, approve
from models.roles import Actor
from models.scenarios import list_scenarios, save_scenario
from models.schema import migrate
from models.writers import apply_moves
from planning import rotation
from planning.scenario import Scenario
from planning.scope import restrict
from seed.database import seed_database
from ui.data import controls as data_controls
from ui.data import history
from ui.scenarios import admin
from ui.scenarios.apply import APPLY, FORM, NO, YES

MakeApp = Callable[[str, str], AppTest]
DECISION = DecisionText("按方案执行", "2026年第12次局长办公会", "张局长", date(2026, 1, 5))
EDITOR = Actor("t", "editor")
COUNTY = 2


@pytest.fixture
def approved_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('apply') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    plan = Scenario("港闸交流", district_id=COUNTY, rotation_year=2027)
    draft = Scenario("草稿方案", district_id=COUNTY)
    sid = save_scenario(engine=engine, name=plan.name, params=plan.to_json(), actor=EDITOR)
    save_scenario(engine=engine, name=draft.name, params=draft.to_json(), actor=EDITOR)
    approve(engine=engine, scenario_id=sid, version=1, decision=DECISION, actor=EDITOR)
    return url


def _expected_moves(url: str) -> dict[int, int]:
    """The plan the approved scenario asks for, computed apart from the page."""
    data = models.load(url)
    schools, teachers = restrict(data.schools, data.teachers, district_ids=[COUNTY])
    plan = rotation.plan(
        teachers, schools, rotation.RotationRules(), year=2027, curriculum=data.curriculum
    )
    return dict(zip(plan.moves["teacher_id"], plan.moves["to_school"], strict=True))


def _chosen(make_app: MakeApp, url: str, name: str) -> AppTest:
    at = make_app(url, "zh").run()
    at.switch_page("pages/scenarios.py").run()
    rows = list_scenarios(get_engine(url)).set_index("name")
    at.selectbox(key=admin.CHOSEN).set_value(int(rows.loc[name, "id"])).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_apply_moves_the_teachers_after_a_confirmation(approved_db: str, make_app: MakeApp) -> None:
    expected = _expected_moves(approved_db)
    assert expected  # the demo county has teachers to rotate
    at = _chosen(make_app, approved_db, "港闸交流")
    at.button(key=APPLY).click().run()
    assert f"调动 {len(expected)} 名教师" in at.warning[0].value
    at.button(key=NO).click().run()
    assert not at.warning and not at.success
    at.button(key=APPLY).click().run()
    at.button(key=YES).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"{len(expected)} 名教师已调动" in at.success[0].value
    teachers = models.load(approved_db).teachers.set_index("teacher_id")
    assert teachers.loc[list(expected), "school_id"].to_dict() == expected
    assert teachers.loc[list(expected), "school_since"].eq(2027).all()
    at.button(key=APPLY).click().run()
    at.button(key=YES).click().run()
    assert "已经执行过" in at.error[0].value


def test_the_plan_applied_as_an_exchange_keeps_the_home_school(
    approved_db: str, make_app: MakeApp
) -> None:
    expected = _expected_moves(approved_db)
    before = models.load(approved_db).teachers.set_index("teacher_id")
    at = _chosen(make_app, approved_db, "港闸交流")
    at.button(key=APPLY).click().run()
    form = at.radio(key=FORM)
    assert form.value == "transfer"  # the form the data has always recorded
    assert form.options == ["交流（人事关系随人调动）", "支教（保留原校人事关系）"]
    assert "以交流形式调动" in at.warning[0].value
    form.set_value("exchange").run()
    assert f"以支教形式派出 {len(expected)} 名教师" in at.warning[0].value
    at.button(key=YES).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"{len(expected)} 名教师已派出支教（保留原校）" in at.success[0].value
    after = models.load(approved_db).teachers.set_index("teacher_id")
    moved = list(expected)
    assert after.loc[moved, "host_school_id"].to_dict() == expected
    assert after.loc[moved, "status"].eq("exchange_out").all()
    for column in ("school_id", "school_since"):
        assert after.loc[moved, column].equals(before.loc[moved, column])


def test_no_button_for_a_draft(approved_db: str, make_app: MakeApp) -> None:
    at = _chosen(make_app, approved_db, "草稿方案")
    assert not [b for b in at.button if b.key == APPLY]
    with get_engine(approved_db).connect() as conn:
        applied = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'apply'"))
        assert applied.scalar_one() == 0


def test_the_applied_plan_reads_in_history_and_is_undone_in_one(
    approved_db: str, make_app: MakeApp
) -> None:
    engine = get_engine(approved_db)
    before = models.load(approved_db).teachers.set_index("teacher_id")["school_id"]
    sid = int(list_scenarios(engine).set_index("name").loc["港闸交流", "id"])
    moves = [{"teacher_id": int(t), "from_school": int(s), "to_school": int(to)}
             for t, to in _expected_moves(approved_db).items() for s in [before[t]]]  # fmt: skip
    audit = apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    at = make_app(approved_db, "zh").run()
    at.switch_page("pages/data.py").run()
    at.radio(key=f"{data_controls.VIEW}.zh").set_value("history").run()
    texts = [m.value for m in at.markdown]
    assert "方案 港闸交流" in texts
    assert f"执行方案：按方案调动了 {len(moves)} 名教师" in texts
    at.button(key=history.undo_key(audit)).click().run()
    at.button(key=history.YES).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value.startswith(f"已撤销第 {audit} 号修改")
    after = models.load(approved_db).teachers.set_index("teacher_id")["school_id"]
    assert after.equals(before)
