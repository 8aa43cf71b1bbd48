"""Approving on the Scenarios page asks for the decision; the decision log lists it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from models.decisions import list_decisions, today
from models.scenarios import list_scenarios
from models.schema import migrate
from seed.database import BASELINE_NAME, seed_database
from ui.decisions.log import decision_table
from ui.export import to_xlsx_bytes
from ui.scenarios import admin, approval

MakeApp = Callable[[str, str], AppTest]


@pytest.fixture
def city(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    return url


def _scenarios(make_app: MakeApp, url: str, lang: str) -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/scenarios.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _status(url: str) -> str:
    return str(list_scenarios(get_engine(url)).set_index("name").loc[BASELINE_NAME, "status"])


def test_approving_asks_for_the_decision_and_shows_it(city: str, make_app: MakeApp) -> None:
    at = _scenarios(make_app, city, "zh")
    at.text_input(key=approval.MEETING).set_value("2026年第12次局长办公会")
    at.text_input(key=approval.APPROVER).set_value("张局长")
    at.button(key=approval.APPROVE).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"没有审定方案“{BASELINE_NAME}”：请填写决定内容。"]
    assert _status(city) == "baseline"  # nothing approved, what was typed is still there
    assert at.text_input(key=approval.MEETING).value == "2026年第12次局长办公会"

    at.text_area(key=approval.DECISION).set_value("按 **现行** 标准执行")
    at.button(key=approval.APPROVE).click().run()
    assert not at.exception and not at.error
    assert _status(city) == "approved"
    day = today().isoformat()
    sentence = f"{day} 经2026年第12次局长办公会审定（审定人：张局长）：按 \\*\\*现行\\*\\* 标准执行"
    assert at.info[0].value == sentence  # the decision is shown as text, not Markdown
    table = at.dataframe[0].value
    assert table["decided"].tolist() == [f"{day} 2026年第12次局长办公会（审定人：张局长）"]
    assert not at.get("expander")  # an approved scenario offers no second approval
    assert at.selectbox(key=admin.CHOSEN).value is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_log_lists_decisions_and_exports_them(city: str, make_app: MakeApp, lang: str) -> None:
    at = make_app(city, lang).run()
    at.switch_page("pages/decisions.py").run()
    assert not at.exception
    assert "审定" in at.info[0].value if lang == "zh" else "approve" in at.info[0].value

    at = _scenarios(make_app, city, lang)
    at.text_area(key=approval.DECISION).set_value("2027 学年起执行")
    at.text_input(key=approval.MEETING).set_value("局务会")
    at.text_input(key=approval.APPROVER).set_value("张局长")
    at.button(key=approval.APPROVE).click().run()
    at.switch_page("pages/decisions.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    scenario, decision = ("方案", "决定内容") if lang == "zh" else ("Scenario", "Decision")
    assert table[[scenario, decision]].to_numpy().tolist() == [[BASELINE_NAME, "2027 学年起执行"]]
    assert len(at.get("download_button")) == 1
    # the download's workbook (built on click; AppTest cannot press a download)
    workbook = to_xlsx_bytes({"log": decision_table(list_decisions(get_engine(city)))})
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet is not None
    assert sheet["A1"].value == scenario and sheet["B2"].value == "2027 学年起执行"
