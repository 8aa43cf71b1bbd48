"""The Cadres page: every view renders in both languages, a weight moves grades, a bad
weight is refused in the reader's language, an empty cadre table says what to do."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from models.db import get_engine, write_session
from models.schema import migrate
from seed.database import seed_database
from ui.cadres import controls as c

MakeApp = Callable[[str, str], AppTest]


def _open(make_app: MakeApp, url: str, lang: str) -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/cadres.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize(
    ("lang", "title", "uncovered", "changed"),
    [("zh", "干部队伍", "无后备接班的岗位", "等次变化人数"),
     ("en", "Cadres", "Posts without a ready successor", "Grades changed")],
)  # fmt: skip
def test_the_views_render_with_names_and_downloads(
    demo_sqlite: str, make_app: MakeApp, lang: str, title: str, uncovered: str, changed: str
) -> None:
    at = _open(make_app, demo_sqlite, lang)
    assert at.title[0].value == title
    figures = _figures(at)
    assert int(figures[uncovered].replace(",", "")) > 0  # the seed's thin pools
    assert figures[changed] == "0"  # the default weights
    assert len(at.tabs) == 5
    assert [b for b in at.get("download_button") if b.proto.label] != []
    listed = at.main.dataframe[0].value
    assert listed.columns[1] in ("姓名", "Name") and listed.iloc[:, 1].str.len().min() >= 2


def test_moving_the_weights_changes_grades(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite, "en")
    at.slider(key=c.key("results_weight")).set_value(0.2).run()
    at.slider(key=c.key("satisfaction_weight")).set_value(0.6).run()
    assert not at.exception and not at.error
    changed = int(_figures(at)["Grades changed"])
    assert changed > 0
    assert any(s.value == f"Grades the weights change ({changed})" for s in at.subheader)


def test_weights_that_do_not_sum_to_one_are_refused_in_chinese(
    demo_sqlite: str, make_app: MakeApp
) -> None:
    at = _open(make_app, demo_sqlite, "zh")
    at.slider(key=c.key("review_weight")).set_value(0.5).run()
    assert not at.exception
    assert at.error[0].value.startswith("考核权重之和须为 1")
    assert "1.3" in at.error[0].value
    assert "等次变化人数" not in _figures(at)  # nothing graded under refused weights


def test_the_horizon_moves_the_vacancies(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite, "en")
    five = int(_figures(at)["Posts falling vacant"].replace(",", ""))
    at.slider(key=c.key("horizon")).set_value(10).run()
    assert int(_figures(at)["Posts falling vacant"].replace(",", "")) > five


def test_a_database_without_cadres_says_what_to_do(tmp_path: Path, make_app: MakeApp) -> None:
    url = f"sqlite:///{tmp_path / 'nocadres.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    with write_session(engine) as s:
        for table in ("cadre_score", "cadre_reserve", "cadre_record", "cadre"):
            s.execute(text(f"DELETE FROM {table}"))
    at = _open(make_app, url, "zh")
    assert at.info[0].value.startswith("数据库中还没有干部数据")
    assert not at.tabs


@pytest.mark.parametrize(
    ("lang", "moved", "before", "after", "sheet"),
    [("zh", "交流的校长", "薄弱学校校长平均综合分（交流前）", "薄弱学校校长平均综合分（交流后）",
      "交流到学校"),
     ("en", "Principals who move", "Weak schools' principals, mean composite (now)",
      "Weak schools' principals, mean composite (after)", "Moves to")],
)  # fmt: skip
def test_the_principal_exchange_plan_sends_stronger_principals_to_weak_schools(
    demo_sqlite: str,
    make_app: MakeApp,
    lang: str,
    moved: str,
    before: str,
    after: str,
    sheet: str,
) -> None:
    at = _open(make_app, demo_sqlite, lang)
    figures = _figures(at)
    n, total = (int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", figures[moved]))
    assert 0 < n <= total
    assert float(figures[after]) >= float(figures[before])
    plans = [d.value for d in at.main.dataframe if sheet in d.value.columns]
    assert len(plans) == 1 and len(plans[0]) == total
    assert plans[0][sheet].str.len().min() >= 2  # school names, not ids
    assert at.get("download_button")  # the plan's workbook among them


def test_a_shorter_longest_move_keeps_more_principals_in_place(
    demo_sqlite: str, make_app: MakeApp
) -> None:
    at = _open(make_app, demo_sqlite, "en")
    wide = int(_figures(at)["Principals who move"].split(" / ")[0])
    at.number_input(key=c.key("max_km")).set_value(1.0).run()
    assert not at.exception
    assert int(_figures(at)["Principals who move"].split(" / ")[0]) < wide
