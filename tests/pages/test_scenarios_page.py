"""Scenarios page: list, load, compare, save-as from a page, presentation mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from models.roles import Actor
from models.scenarios import (
    delete_scenario,
    list_scenarios,
    rename_scenario,
    save_scenario,
    set_status,
)
from models.schema import migrate
from planning.rotation import RotationRules
from planning.scenario import Scenario
from seed.database import BASELINE_NAME, seed_database
from ui.establishment import controls as est
from ui.establishment.controls import growth_key
from ui.presentation.views import NEXT, TOPICS
from ui.rotation.controls import key as rules_key
from ui.scenarios import admin
from ui.state import SAVE, SAVE_NAME

MakeApp = Callable[[str, str], AppTest]


@pytest.fixture(scope="module")
def scenario_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('scn') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    a = save_scenario(
        engine=engine, name="现行", params=Scenario("现行").to_json(), actor=Actor("t", "editor")
    )
    b = Scenario("新标准", standard="2014", rotation=RotationRules(rate=0.2))
    save_scenario(engine=engine, name=b.name, params=b.to_json(), actor=Actor("t", "editor"))
    set_status(
        engine=engine, scenario_id=a, version=1, status="baseline", actor=Actor("t", "editor")
    )
    return url


def _open(make_app: MakeApp, url: str, lang: str = "zh") -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/scenarios.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_compare_two_scenarios(scenario_db: str, make_app: MakeApp) -> None:
    at = _open(make_app, scenario_db)
    table = at.dataframe[1].value
    assert {"现行", "新标准"} <= set(table.columns)
    posts = table.set_index("指标").loc["核定编制"]
    assert "(+" in posts["新标准"]  # more posts than the baseline under the 2014 standard
    assert len(at.get("vega_lite_chart")) == 4


def test_load_puts_the_scenario_into_the_pages(scenario_db: str, make_app: MakeApp) -> None:
    at = _open(make_app, scenario_db, "en")
    rows = list_scenarios(get_engine(scenario_db)).set_index("name")
    at.selectbox(key=admin.CHOSEN).set_value(int(rows.loc["新标准", "id"])).run()
    at.button(key=admin.LOAD).click().run()
    assert not at.exception
    at.switch_page("pages/rotation.py").run()
    assert at.slider(key=rules_key("rate")).value == 0.2
    at.switch_page("pages/establishment.py").run()
    assert at.selectbox(key=f"{est.STANDARD}.en").value == "2014"


def test_save_as_from_a_page(scenario_db: str, make_app: MakeApp) -> None:
    at = make_app(scenario_db, "en").run()
    at.switch_page("pages/establishment.py").run()
    at.slider(key=growth_key("junior")).set_value(-0.1).run()
    at.text_input(key=SAVE_NAME).set_value("少子化")
    at.button(key=SAVE).click().run()
    assert not at.exception
    assert at.success[0].value == "Saved scenario “少子化”."
    rows = list_scenarios(get_engine(scenario_db)).set_index("name")
    assert Scenario.from_json(rows.loc["少子化", "params"]).growth_junior == -0.10
    at.text_input(key=SAVE_NAME).set_value("少子化")
    at.button(key=SAVE).click().run()
    assert "exists already" in at.error[0].value


def test_presentation_opens_a_scenario_from_the_link(scenario_db: str, make_app: MakeApp) -> None:
    at = make_app(scenario_db, "zh").run()
    at.query_params["scenario"] = "新标准"  # /presentation?scenario=新标准
    at.switch_page("pages/presentation.py").run()
    assert not at.exception
    assert at.title[0].value == "新标准：主要指标"
    assert len(at.metric) == 6
    assert any(m.delta for m in at.metric)  # against the baseline 现行
    assert "现行" in at.caption[0].value
    at.button(key=NEXT).click().run()
    assert at.title[0].value == "新标准：编制"
    assert not at.exception
    at.query_params["step"] = str(len(TOPICS) - 1)  # the last screen: leaders and talent
    at.run()
    assert not at.exception
    assert at.title[0].value == "新标准：干部与人才"
    labels = [m.label for m in at.metric]
    assert labels[1:] == ["培训学时滞后的干部", "无带教的薄弱学校学科", "岗位超比例的学校"]
    assert all(m.value.replace(",", "").isdigit() for m in at.metric)
    assert not at.get("page_link")  # nothing to click away to in a meeting


def test_overview_shows_the_baseline(scenario_db: str, make_app: MakeApp) -> None:
    at = make_app(scenario_db, "zh").run()
    assert not at.exception
    assert any(s.value == "先看这几项：当前方案“现行”与基准“现行”相比" for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert "缺编" in labels and "交流人数" in labels


def test_a_fresh_database_has_a_baseline_with_the_defaults(
    tmp_path: Path, make_app: MakeApp
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    rows = list_scenarios(get_engine(url))
    assert rows[["name", "status"]].to_numpy().tolist() == [[BASELINE_NAME, "baseline"]]
    assert Scenario.from_json(rows["params"].iloc[0]) == Scenario(BASELINE_NAME)
    at = make_app(url, "en").run()
    at.switch_page("pages/establishment.py").run()
    assert not at.exception
    assert any(BASELINE_NAME in c.value for c in at.caption)


def test_without_a_baseline_pages_say_so_and_use_the_defaults(
    tmp_path: Path, make_app: MakeApp
) -> None:
    url = f"sqlite:///{tmp_path / 'nobase.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    row = list_scenarios(engine).iloc[0]
    delete_scenario(
        engine=engine, scenario_id=int(row["id"]), version=int(row["version"]),
        actor=Actor("t", "editor"),
    )  # fmt: skip
    at = _open(make_app, url, "en")
    assert "Save as scenario" in at.info[0].value
    at.switch_page("pages/performance_pay.py").run()
    assert not at.exception
    notes = [c.value for c in at.caption if "No scenario is marked baseline" in c.value]
    assert len(notes) == 1
    figures = {m.label: m.value for m in at.metric}
    assert (figures["Teachers who gain"], figures["Teachers who lose"]) == ("0", "0")  # defaults


def test_a_rename_made_elsewhere_meanwhile_is_not_overwritten(
    tmp_path: Path, make_app: MakeApp
) -> None:
    # Two replicas (or colleagues): this page shows 新标准; another renames it; a rename
    # clicked here is checked against the version shown, refused, and the other stands.
    url = f"sqlite:///{tmp_path / 'two.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    editor = Actor("t", "editor")
    sid = save_scenario(engine=engine, name="新标准", params=Scenario("新标准").to_json(),
                        actor=editor)  # fmt: skip
    at = _open(make_app, url)
    at.selectbox(key=admin.CHOSEN).set_value(sid).run()
    rename_scenario(engine=engine, scenario_id=sid, version=1, name="别处改名", actor=editor)
    at.text_input(key=admin.NEW_NAME).set_value("这里改名")
    at.button(key=admin.RENAME).click().run()
    assert not at.exception
    assert at.error[0].value == "方案“这里改名”刚被他人修改过，请刷新后再操作。"
    assert list_scenarios(engine).set_index("id").loc[sid, "name"] == "别处改名"
    # the page now shows the other's change, and a rename from here goes through
    at.text_input(key=admin.NEW_NAME).set_value("这里改名")
    at.button(key=admin.RENAME).click().run()
    assert list_scenarios(engine).set_index("id").loc[sid, "name"] == "这里改名"


def test_compare_shows_leaders_and_talent_for_each_scenario(
    scenario_db: str, make_app: MakeApp
) -> None:
    at = _open(make_app, scenario_db)
    assert any(s.value == "干部与人才" for s in at.subheader)
    tables = [d.value for d in at.dataframe if "指标" in d.value.columns]
    people = next(t for t in tables if "无后备的书记校长岗位" in set(t["指标"]))
    rows = people.set_index("指标")
    compared = [c for c in at.dataframe[1].value.columns if c in rows.columns]
    assert len(compared) >= 2 and list(rows.columns) == compared
    # the standing figures do not depend on the scenario; counts are "n / of"
    first, second = compared[:2]
    assert rows.loc["无后备的书记校长岗位", first] == rows.loc["无后备的书记校长岗位", second]
    n, of = (int(x.replace(",", "")) for x in rows.loc["培训学时滞后的干部", first].split(" / "))
    assert 0 <= n <= of
