"""Applying an approved plan that honours the teachers' wishes: a wish changed after
the approval makes it stale, as any other data the plan reads does; a plan that does
not use the wishes is not held up by them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

import models
from models import decisions
from models.db import get_engine
from models.decisions import DecisionText
from models.importer import apply, check, read_file
from models.roles import Actor
from models.scenarios import save_scenario
from models.writers import PlanRefused, apply_moves
from planning.rotation import RotationRules
from planning.scenario import Scenario

DECISION = DecisionText("按方案执行", "2026年第12次局长办公会", "张局长", date(2026, 1, 5))
EDITOR = Actor("王芳", "editor")


def _approved(engine: Engine, *, use_wishes: bool) -> int:
    rules = RotationRules(use_wishes=use_wishes)
    params = Scenario("交流方案", rotation_year=2027, rotation=rules).to_json()
    sid = save_scenario(engine=engine, name="交流方案", params=params, actor=EDITOR)
    decisions.approve(engine=engine, scenario_id=sid, version=1, decision=DECISION, actor=EDITOR)
    return sid


def _one_move(url: str) -> list[dict[str, int]]:
    teachers = models.load(url).teachers
    first = teachers.iloc[0]
    other = int(teachers.loc[teachers["school_id"] != first["school_id"], "school_id"].iloc[0])
    return [{"teacher_id": int(first["teacher_id"]), "from_school": int(first["school_id"]),
             "to_school": other}]  # fmt: skip


def _a_teacher_changes_their_wishes(url: str) -> None:
    frames = models.load(url)
    staff_no = frames.teachers["staff_no"].iloc[-1]
    school = frames.schools.loc[frames.schools["location"] == "rural", "code"].iloc[0]
    text = f"工号,志愿序号,志愿学校\n{staff_no},1,{school}\n".encode()
    rows = check(read_file(text, "w.csv"), "wish", schools=frames.schools,
                 districts=frames.districts, teachers=frames.teachers)  # fmt: skip
    apply(engine=get_engine(url), table="wish", rows=rows, actor=EDITOR)


def test_a_wish_changed_after_approval_makes_a_wish_plan_stale(demo_url: str) -> None:
    engine = get_engine(demo_url)
    sid = _approved(engine, use_wishes=True)
    _a_teacher_changes_their_wishes(demo_url)
    before = models.load(demo_url).teachers.set_index("teacher_id")["school_id"].to_dict()
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=_one_move(demo_url), actor=EDITOR)
    assert err.value.key == "apply.stale_data"
    assert models.load(demo_url).teachers.set_index("teacher_id")["school_id"].to_dict() == before


def test_a_plan_without_wishes_is_not_held_up_by_them(demo_url: str) -> None:
    engine = get_engine(demo_url)
    sid = _approved(engine, use_wishes=False)
    _a_teacher_changes_their_wishes(demo_url)
    move = _one_move(demo_url)
    apply_moves(engine=engine, scenario_id=sid, moves=move, actor=EDITOR)
    moved = models.load(demo_url).teachers.set_index("teacher_id").loc[move[0]["teacher_id"]]
    assert int(moved["school_id"]) == move[0]["to_school"]
