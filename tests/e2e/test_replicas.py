"""Two replicas over one PostgreSQL (issue 19): two Streamlit servers on one fresh
database, a browser on each. An edit saved in one is seen in the other on its next
rerun, the other's stale save of the same row is refused with the catalog's message,
and scenarios saved in both survive, listed in both."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from playwright.sync_api import expect

import models
from models.db import get_engine
from models.editing import table_rows
from models.scenarios import list_scenarios
from models.schema import migrate
from seed.database import seed_database
from tests.conftest import _drop_pg_database, _fresh_pg_database
from tests.e2e.conftest import ROOT, serve
from tests.e2e.grid import edit_and_save, key
from tests.e2e.helpers import assert_no_errors, settle

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

ZH = tomllib.loads((ROOT / "ui" / "locales" / "zh.toml").read_text(encoding="utf-8"))
NAME_COLUMN = 1  # the school editor's shown columns: 学校代码, 学校名称, ...


@pytest.fixture(scope="module")
def shared_db(pg_server: str) -> Iterator[str]:
    """A fresh PostgreSQL database holding the demo city, dropped afterwards."""
    url = _fresh_pg_database(pg_server)
    try:
        migrate(url)
        seed_database(engine=get_engine(url), scale="demo")
        yield url
    finally:
        _drop_pg_database(pg_server, url)


@pytest.fixture(scope="module")
def replicas(shared_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """Base URLs of two servers on ``shared_db``."""
    logs = tmp_path_factory.mktemp("replicas-log")
    with ExitStack() as stack:
        yield [stack.enter_context(serve(shared_db, logs)) for _ in range(2)]


def _first_school(url: str) -> dict[str, Any]:
    """The first school the editor shows (the first district's first row)."""
    district = int(models.load(url).districts["district_id"].iloc[0])
    return dict(table_rows(get_engine(url), "school", where={"district_id": district}).iloc[0])


def _school_editor(browser: Any, base: str, district: int) -> tuple[Any, Any, Any]:
    """A person on ``base``'s Data page, editing the first district's schools: the
    page, the grid and the save button."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/data")
    settle(page)
    editor = key(page, f"data_edit_school_{district}_0")
    grid = editor.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    save = key(page, f"data_edit_school_{district}_0_save").locator("button")
    return page, grid, save


def _save_scenario(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/establishment")
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text(ZH["scenario"]["save_as"], exact=True).click()
    key(page, "save_name").locator("input").fill(name)
    key(page, "save_go").locator("button").click()
    settle(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(name)


def test_two_replicas_share_one_database(browser: Any, replicas: list[str], shared_db: str) -> None:
    first, second = replicas
    school = _first_school(shared_db)
    district = int(school["district_id"])
    page_a, grid_a, save_a = _school_editor(browser, first, district)
    page_b, grid_b, save_b = _school_editor(browser, second, district)  # loaded before A saves

    renamed = f"{school['name']}（甲）"
    saved = page_a.get_by_test_id("stAlertContentSuccess").filter(has_text="修改 1 行")
    edit_and_save(page_a, grid_a, save_a, NAME_COLUMN, renamed, saved)

    # B still edits the rows it read before A's save: its save of the same row is refused
    refusal = page_b.get_by_test_id("stAlertContentError")
    edit_and_save(page_b, grid_b, save_b, NAME_COLUMN, f"{school['name']}（乙）", refusal)
    for part in ZH["data"]["refused_rows"].split("{rows}"):
        expect(refusal).to_contain_text(part)
    stored = table_rows(get_engine(shared_db), "school").set_index("id")
    assert stored.loc[school["id"], "name"] == renamed

    # B's next run that reads the rows again (its reload) shows A's edit
    key(page_b, f"data_edit_school_{district}_0_reload").locator("button").click()
    settle(page_b)
    fresh = key(page_b, f"data_edit_school_{district}_1").get_by_test_id("stDataFrame")
    expect(fresh).to_contain_text(renamed)
    assert_no_errors(page_a)

    # a scenario saved on each replica: both kept, both listed on both
    _save_scenario(page_a, first, "甲副本方案")
    _save_scenario(page_b, second, "乙副本方案")
    for page, base in ((page_a, first), (page_b, second)):
        page.goto(f"{base}/scenarios")
        settle(page)
        listed = page.get_by_test_id("stMain")
        expect(listed).to_contain_text("甲副本方案")
        expect(listed).to_contain_text("乙副本方案")
        assert_no_errors(page)
    assert {"甲副本方案", "乙副本方案"} <= set(list_scenarios(get_engine(shared_db))["name"])
    for page in (page_a, page_b):
        page.context.close()
