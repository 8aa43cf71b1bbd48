"""Approving records a decision, on both backends: together, audited, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text

from models.decisions import DecisionText, approve, list_decisions
from models.history import history, identities
from models.roles import Actor
from models.scenarios import ScenarioError, list_scenarios, save_scenario

EDITOR = Actor("王芳", "editor")
TODAY = date(2026, 11, 24)
GOOD = DecisionText(" 按方案甲执行，2027 学年起实施 ", "2026年第12次局长办公会", "张局长", TODAY)


def _new(engine: Engine, name: str = "方案甲") -> int:
    return save_scenario(engine=engine, name=name, params="{}", actor=EDITOR)


def _counts(engine: Engine) -> tuple[int, int, str]:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT count(*) FROM decision")).scalar_one(),
            conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one(),
            conn.execute(text("SELECT min(status) FROM scenario")).scalar_one(),
        )


def test_approving_records_the_decision_and_both_audit_rows(engine: Engine) -> None:
    sid = _new(engine)
    approve(engine=engine, scenario_id=sid, version=1, decision=GOOD, actor=EDITOR, as_of=TODAY)
    assert _counts(engine) == (1, 3, "approved")  # save, approval, decision
    log = list_decisions(engine)
    assert log.to_dict("records")[0] | {"recorded_at": None} == {
        "scenario": "方案甲",
        "text": "按方案甲执行，2027 学年起实施",
        "meeting": "2026年第12次局长办公会",
        "approver": "张局长",
        "decided_on": TODAY,
        "recorded_by": "王芳",
        "recorded_at": None,
    }
    row = list_scenarios(engine).iloc[0]
    assert (row["status"], row["decision"], row["approver"]) == (
        "approved", "按方案甲执行，2027 学年起实施", "张局长"
    )  # fmt: skip
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT table_name FROM audit_log ORDER BY id")).scalars()
        assert list(tables) == ["scenario", "scenario", "decision"]


@pytest.mark.parametrize(
    ("decision", "code"),
    [
        (DecisionText("  ", "局长办公会", "张局长", TODAY), "decision_text"),
        (DecisionText("执行", "", "张局长", TODAY), "decision_meeting"),
        (DecisionText("执行", "局长办公会", " ", TODAY), "decision_approver"),
        (DecisionText("执行", "会" * 129, "张局长", TODAY), "decision_long"),
        (DecisionText("执行", "局长办公会", "张局长", date(2026, 11, 25)), "decision_future"),
    ],
)
def test_an_incomplete_decision_approves_nothing(
    engine: Engine, decision: DecisionText, code: str
) -> None:
    sid = _new(engine)
    before = _counts(engine)
    with pytest.raises(ScenarioError) as err:
        approve(
            engine=engine, scenario_id=sid, version=1, decision=decision, actor=EDITOR,
            as_of=TODAY,
        )  # fmt: skip
    assert err.value.code == code
    assert _counts(engine) == before == (0, 1, "draft")


def test_a_scenario_is_approved_once_and_not_from_a_stale_view(engine: Engine) -> None:
    sid = _new(engine)
    with pytest.raises(ScenarioError) as err:
        approve(engine=engine, scenario_id=sid, version=7, decision=GOOD, actor=EDITOR,
                as_of=TODAY)  # fmt: skip
    assert err.value.code == "stale"
    approve(engine=engine, scenario_id=sid, version=1, decision=GOOD, actor=EDITOR, as_of=TODAY)
    with pytest.raises(ScenarioError) as err:
        approve(engine=engine, scenario_id=sid, version=2, decision=GOOD, actor=EDITOR,
                as_of=TODAY)  # fmt: skip
    assert err.value.code == "approved"
    assert _counts(engine)[0] == 1


def test_the_log_lists_the_latest_decision_first(engine: Engine) -> None:
    older = DecisionText("先行试点", "局务会", "李副局长", date(2026, 9, 1))
    first, second = _new(engine, "试点"), _new(engine, "全面")
    approve(engine=engine, scenario_id=second, version=1, decision=GOOD, actor=EDITOR,
            as_of=TODAY)  # fmt: skip
    approve(engine=engine, scenario_id=first, version=1, decision=older, actor=EDITOR,
            as_of=TODAY)  # fmt: skip
    assert list_decisions(engine)["scenario"].tolist() == ["全面", "试点"]
    drafts = list_scenarios(engine)
    assert drafts["decision"].notna().sum() == 2


def test_history_names_a_decision_by_its_scenario_and_meeting(engine: Engine) -> None:
    sid = _new(engine)
    approve(engine=engine, scenario_id=sid, version=1, decision=GOOD, actor=EDITOR, as_of=TODAY)
    entries = history(engine, tables=["decision"])
    assert len(entries) == 1
    names = identities(engine, entries)
    assert names[("decision", str(entries["key"].iloc[0]))] == {
        "scenario": "方案甲", "meeting": "2026年第12次局长办公会"
    }  # fmt: skip
