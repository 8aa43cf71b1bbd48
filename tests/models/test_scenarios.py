"""Saved scenarios on both backends: round trip, uniqueness, baseline, read-only approval."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text

from models.decisions import DecisionText, approve
from models.roles import Actor
from models.scenarios import (
    ScenarioError,
    copy_scenario,
    delete_scenario,
    list_scenarios,
    rename_scenario,
    save_scenario,
    set_status,
)
from planning.rotation import RotationRules
from planning.scenario import Scenario

DECISION = DecisionText("按方案甲执行", "局长办公会", "张局长", date(2026, 11, 20))


def _version(engine: Engine, scenario_id: int) -> int:
    rows = list_scenarios(engine)
    return int(rows.loc[rows["id"] == scenario_id, "version"].iloc[0])


def test_round_trip_is_unchanged(engine: Engine) -> None:
    s = Scenario("方案甲", standard="2014", growth_junior=-0.05, rotation=RotationRules(rate=0.15))
    sid = save_scenario(
        engine=engine, name=s.name, params=s.to_json(), actor=Actor("王芳", "editor")
    )
    rows = list_scenarios(engine)
    assert Scenario.from_json(rows.loc[rows["id"] == sid, "params"].iloc[0]) == s
    assert rows["status"].tolist() == ["draft"] and rows["author"].tolist() == ["王芳"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 1


def test_names_are_unique_and_required(engine: Engine) -> None:
    save_scenario(engine=engine, name="A", params="{}", actor=Actor("x", "editor"))
    with pytest.raises(ScenarioError, match="exists already") as err:
        save_scenario(engine=engine, name=" A ", params="{}", actor=Actor("x", "editor"))
    assert err.value.code == "duplicate"
    with pytest.raises(ScenarioError, match="needs a name"):
        save_scenario(engine=engine, name="  ", params="{}", actor=Actor("x", "editor"))


def test_one_baseline_and_approved_is_read_only(engine: Engine) -> None:
    a = save_scenario(engine=engine, name="A", params="{}", actor=Actor("x", "editor"))
    b = save_scenario(engine=engine, name="B", params="{}", actor=Actor("x", "editor"))
    set_status(
        engine=engine, scenario_id=a, version=1, status="baseline", actor=Actor("x", "editor")
    )
    set_status(
        engine=engine, scenario_id=b, version=1, status="baseline", actor=Actor("x", "editor")
    )
    status = list_scenarios(engine).set_index("name")["status"]
    assert status.to_dict() == {"A": "draft", "B": "baseline"}
    approve(
        engine=engine,
        scenario_id=a,
        version=_version(engine, a),
        decision=DECISION,
        actor=Actor("x", "editor"),
    )
    for action in (
        lambda: rename_scenario(
            engine=engine,
            scenario_id=a,
            version=_version(engine, a),
            name="Z",
            actor=Actor("x", "editor"),
        ),
        lambda: delete_scenario(
            engine=engine, scenario_id=a, version=_version(engine, a), actor=Actor("x", "editor")
        ),
        lambda: set_status(
            engine=engine,
            scenario_id=a,
            version=_version(engine, a),
            status="draft",
            actor=Actor("x", "editor"),
        ),
    ):
        with pytest.raises(ScenarioError, match="approved and read-only"):
            action()
    c = copy_scenario(engine=engine, scenario_id=a, name="A copy", actor=Actor("y", "editor"))
    rows = list_scenarios(engine).set_index("id")
    assert rows.loc[c, "status"] == "draft" and rows.loc[c, "params"] == rows.loc[a, "params"]


def test_stale_version_is_refused(engine: Engine) -> None:
    a = save_scenario(engine=engine, name="A", params="{}", actor=Actor("x", "editor"))
    rename_scenario(engine=engine, scenario_id=a, version=1, name="A2", actor=Actor("x", "editor"))
    with pytest.raises(ScenarioError, match="changed by someone else") as err:
        rename_scenario(
            engine=engine, scenario_id=a, version=1, name="A3", actor=Actor("y", "editor")
        )
    assert err.value.code == "stale"
    assert list_scenarios(engine)["name"].tolist() == ["A2"]
    delete_scenario(engine=engine, scenario_id=a, version=2, actor=Actor("x", "editor"))
    assert list_scenarios(engine).empty
