"""Applying an approved rotation plan: one audited change, refused when stale, undone whole."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine, text

import models
from models import decisions
from models.db import get_engine
from models.decisions import DecisionText
from models.roles import Actor, PermissionDenied
from models.scenarios import save_scenario
from models.writers import NotRevertible, PlanRefused, apply_moves, revert, save_changes
from planning.scenario import Scenario

DECISION = DecisionText("按方案执行", "2026年第12次局长办公会", "张局长", date(2026, 1, 5))
EDITOR = Actor("王芳", "editor")


def _approved(engine: Engine, name: str = "交流方案", *, approve: bool = True) -> int:
    params = Scenario(name, rotation_year=2027).to_json()
    sid = save_scenario(engine=engine, name=name, params=params, actor=EDITOR)
    if approve:
        decisions.approve(
            engine=engine, scenario_id=sid, version=1, decision=DECISION, actor=EDITOR
        )
    return sid


def _moves(teachers: pd.DataFrame, schools: pd.DataFrame, n: int = 3) -> list[dict[str, int]]:
    """``n`` teachers of one school, each to another school of the city."""
    first = int(teachers["school_id"].iloc[0])
    others = [int(s) for s in schools["school_id"] if s != first]
    chosen = teachers[teachers["school_id"] == first].head(n)
    return [
        {"teacher_id": int(t), "from_school": first, "to_school": others[k]}
        for k, t in enumerate(chosen["teacher_id"])
    ]


def _schools(url: str) -> dict[int, tuple[int, int]]:
    teachers = models.load(url).teachers.set_index("teacher_id")
    return {int(i): (int(r.school_id), int(r.school_since)) for i, r in teachers.iterrows()}


def _version(url: str, table: str, key: int) -> int:
    with get_engine(url).connect() as conn:
        query = text(f"SELECT version FROM {table} WHERE id = :i")
        return int(conn.execute(query, {"i": key}).scalar_one())


def _touch(url: str, table: str, key: int, **values: int) -> None:
    """A colleague's edit of one row."""
    row = {"id": key, "version": _version(url, table, key), **values}
    save_changes(engine=get_engine(url), table=table, actor=EDITOR, updates=[row])


def _audit(url: str) -> list[tuple[str, str, str]]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(
            text("SELECT table_name, key, action FROM audit_log ORDER BY id")
        )]  # fmt: skip


def test_applied_moves_are_one_audited_change(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    before, audit = _schools(demo_url), _audit(demo_url)
    apply_id = apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    after = _schools(demo_url)
    for m in moves:
        assert after[m["teacher_id"]] == (m["to_school"], 2027)
    moved = {m["teacher_id"] for m in moves}
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.items() if k not in moved
    }
    new = _audit(demo_url)[len(audit) :]
    assert sorted(new) == sorted(
        [("teacher", str(i), "update") for i in moved] + [("scenario", str(sid), "apply")]
    )
    with engine.connect() as conn:
        entry = json.loads(conn.execute(
            text("SELECT after FROM audit_log WHERE id = :i"), {"i": apply_id}
        ).scalar_one())  # fmt: skip
    assert entry["moved"] == len(moves) and len(entry["audit_ids"]) == len(moves)


def test_applying_twice_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    apply_id = apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    with pytest.raises(PlanRefused, match=f"第 {apply_id} 号修改") as err:
        apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    assert err.value.key == "apply.applied"


def test_a_draft_is_not_applied(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine, approve=False)
    before = _schools(demo_url)
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=_moves(data.teachers, data.schools),
                    actor=EDITOR)  # fmt: skip
    assert err.value.key == "apply.not_approved"
    assert _schools(demo_url) == before


def test_refused_when_a_moved_teacher_changed_since_approval(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    changed = data.teachers.set_index("teacher_id").loc[moves[1]["teacher_id"]]
    _touch(demo_url, "teacher", moves[1]["teacher_id"], weekly_periods=3)
    before, audit = _schools(demo_url), _audit(demo_url)
    with pytest.raises(PlanRefused, match=str(changed["staff_no"])) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    assert err.value.key == "apply.stale_moved"
    assert _schools(demo_url) == before and _audit(demo_url) == audit


def test_refused_when_other_data_the_plan_reads_changed(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    school = data.schools.iloc[-1]
    _touch(demo_url, "school", int(school["school_id"]), students_senior=7)
    before = _schools(demo_url)
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    assert err.value.key == "apply.stale_data" and err.value.values["n"] == 1
    assert _schools(demo_url) == before


def test_refused_when_a_teacher_is_not_at_the_sending_school(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    moves[0] = {**moves[0], "from_school": moves[0]["to_school"]}
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    assert err.value.key == "apply.stale_moved" and err.value.values["n"] == 1


def test_a_viewer_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    before = _schools(demo_url)
    with pytest.raises(PermissionDenied):
        apply_moves(engine=engine, scenario_id=sid, moves=_moves(data.teachers, data.schools),
                    actor=Actor("李雷", "viewer"))  # fmt: skip
    assert _schools(demo_url) == before


def test_one_undo_reverts_the_whole_plan(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    before = _schools(demo_url)
    apply_id = apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    revert(engine=engine, audit_id=apply_id, actor=EDITOR)
    assert _schools(demo_url) == before
    assert _audit(demo_url)[-1] == ("scenario", str(sid), "revert")
    with pytest.raises(NotRevertible) as err:
        revert(engine=engine, audit_id=apply_id, actor=EDITOR)
    assert err.value.key == "revert.action"


def test_the_undo_is_refused_after_a_later_change_to_a_moved_teacher(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    apply_id = apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR)
    _touch(demo_url, "teacher", moves[0]["teacher_id"], weekly_periods=2)
    after = _schools(demo_url)
    with pytest.raises(NotRevertible) as err:
        revert(engine=engine, audit_id=apply_id, actor=EDITOR)
    assert err.value.key == "revert.later"
    assert _schools(demo_url) == after


def test_an_undo_by_a_viewer_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    apply_id = apply_moves(engine=engine, scenario_id=sid,
                           moves=_moves(data.teachers, data.schools), actor=EDITOR)  # fmt: skip
    after = _schools(demo_url)
    with pytest.raises(PermissionDenied):
        revert(engine=engine, audit_id=apply_id, actor=Actor("李雷", "viewer"))
    assert _schools(demo_url) == after


def test_a_plan_without_moves_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    sid = _approved(engine)
    audit = _audit(demo_url)
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=[], actor=EDITOR)
    assert err.value.key == "apply.empty" and _audit(demo_url) == audit
