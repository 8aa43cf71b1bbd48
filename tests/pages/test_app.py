"""Every page renders under AppTest in both languages; bad databases are explained."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seed.database import BASELINE_NAME
from ui.overview import controls as overview_controls
from ui.scope import WHOLE_CITY

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


MakeApp = Callable[[str, str], AppTest]


def test_every_page_is_registered_in_navigation() -> None:
    from ui.pages import PAGES as REGISTRY

    assert {spec.path for spec in REGISTRY} == set(PAGES)
    assert len({spec.url_path for spec in REGISTRY}) == len(REGISTRY)
    # A fresh server's first request finds pages by file name (see ui/shell.py).
    assert all(Path(spec.path).stem == spec.url_path for spec in REGISTRY)
    for page in PAGES:
        assert "require_app()" in (ROOT / page).read_text(), f"{page} must call require_app()"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(
    page: str, lang: str, demo_sqlite: str, make_app: MakeApp
) -> None:
    at = make_app(demo_sqlite, lang).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    han = re.compile(r"[\u4e00-\u9fff]")
    # Scenario names are data (the seeded baseline is called 基准), not labels.
    title = at.title[0].value.replace(BASELINE_NAME, "")
    assert bool(han.search(title)) == (lang == "zh")


def test_overview_shows_city_figures(demo_sqlite: str, make_app: MakeApp) -> None:
    at = make_app(demo_sqlite, "en").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Schools"] == "109"
    assert int(values["Active teachers"].replace(",", "")) > 4000
    assert len(at.get("vega_lite_chart")) == 2
    # the scope shows "whole city", not an empty selector (a None value is shown empty)
    scope = at.selectbox(key=f"{overview_controls.SCOPE}.en")
    assert scope.index == 0 and scope.value == WHOLE_CITY


def test_empty_database_offers_the_demo_city(tmp_path: Path, make_app: MakeApp) -> None:
    at = make_app(f"sqlite:///{tmp_path / 'empty.db'}", "en").run()
    assert not at.exception
    assert at.title[0].value == "No data yet"
    assert any("shizi seed" in c.value for c in at.code)
    at.button(key="db_seed_go").click().run()
    assert not at.exception
    assert at.title[0].value == "City overview"


def test_not_a_database_is_explained_and_left_alone(tmp_path: Path, make_app: MakeApp) -> None:
    junk = tmp_path / "report.db"
    junk.write_bytes(b"PK\x03\x04 an xlsx file renamed" * 50)
    at = make_app(f"sqlite:///{junk}", "zh").run()
    assert not at.exception
    assert at.error[0].value == "无法打开数据库"
    assert "DATABASE_URL" in at.markdown[0].value
    assert junk.read_bytes().startswith(b"PK\x03\x04")


def test_newer_schema_is_explained_and_left_alone(tmp_path: Path, make_app: MakeApp) -> None:
    from sqlalchemy import text

    from models.db import get_engine
    from models.schema import migrate

    db_url = f"sqlite:///{tmp_path / 'newer.db'}"
    migrate(db_url)
    with get_engine(db_url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_unknown'"))
    at = make_app(db_url, "en").run()
    assert not at.exception
    assert at.error[0].value == "The database was made by a newer Shizi"
