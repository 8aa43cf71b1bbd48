"""Names holding Markdown and HTML are shown as text on every page, and no page makes
the browser fetch anything from outside the server (issue 19, injection)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from models.db import get_engine
from models.decisions import DecisionText, approve
from models.editing import table_rows
from models.roles import Actor
from models.scenarios import save_scenario, set_status
from models.schema import migrate
from models.writers import save_changes
from planning.scenario import Scenario
from seed.database import seed_database
from tests.e2e.conftest import serve
from tests.e2e.helpers import assert_no_errors, settle
from ui.pages import PAGES

pytestmark = pytest.mark.e2e

PAYLOADS = (
    "**粗体**",
    "![x](http://127.0.0.1:9/x.png)",
    "[link](javascript:alert(1))",
    "<b>x</b>",
    "<img src=http://127.0.0.1:9/y.png>",
)
BASELINE = "基准 " + " ".join(PAYLOADS)
OTHERS = tuple(f"方案{k} {p}" for k, p in enumerate(PAYLOADS))
TEACHER = "**粗体**<b>x</b>"
DECISION = DecisionText("决定 " + " ".join(PAYLOADS), PAYLOADS[1], PAYLOADS[4], date(2026, 1, 5))
AUTHOR = Actor("<b>x</b>[a](javascript:alert(1))", "editor")

# Elements the payloads would turn into if they were read as Markdown or HTML.
_RENDERED = """() => {
  const bold = [...document.querySelectorAll('strong, b')]
    .filter(e => ['粗体', 'x'].includes(e.textContent.trim()));
  const images = [...document.querySelectorAll('img')]
    .filter(e => (e.getAttribute('src') || '').includes('127.0.0.1:9'));
  const scripts = [...document.querySelectorAll('a[href]')]
    .filter(e => e.getAttribute('href').trim().toLowerCase().startsWith('javascript:'));
  return [...bold, ...images, ...scripts].map(e => e.outerHTML);
}"""


def _rename(engine: Any, table: str, rows: Any, names: list[str]) -> None:
    updates = [
        {"id": int(r.id), "version": int(r.version), "name": n}
        for r, n in zip(rows.itertuples(), names, strict=False)
    ]
    save_changes(engine=engine, table=table, actor=AUTHOR, updates=updates)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A demo database whose districts, schools, one teacher and the scenarios carry
    the payloads; returns its URL and the teacher's staff number and school name."""
    url = f"sqlite:///{tmp_path_factory.mktemp('inject') / 'hostile.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    districts = table_rows(engine, "district")
    district_names = [f"{PAYLOADS[k % 5]}区{k}" for k in range(len(districts))]
    _rename(engine, "district", districts, district_names)
    schools = table_rows(engine, "school")
    school_names = [f"{PAYLOADS[k % 5]}校{k}" for k in range(len(schools))]
    _rename(engine, "school", schools, school_names)
    teacher = table_rows(engine, "teacher", where={"status": "active"}, limit=1)
    _rename(engine, "teacher", teacher, [TEACHER])
    school = school_names[list(schools["id"]).index(int(teacher["school_id"].iloc[0]))]
    ids = [
        save_scenario(engine=engine, name=name, params=Scenario(name).to_json(), actor=AUTHOR)
        for name in (BASELINE, *OTHERS)
    ]
    set_status(engine=engine, scenario_id=ids[0], version=1, status="baseline", actor=AUTHOR)
    approve(engine=engine, scenario_id=ids[-1], version=1, decision=DECISION, actor=AUTHOR)
    return url, {"staff_no": str(teacher["staff_no"].iloc[0]), "school": school}


@pytest.fixture(scope="module")
def hostile_url(
    hostile: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with serve(hostile[0], tmp_path_factory.mktemp("inject-log")) as base:
        yield base


@pytest.fixture
def outside(page: Any, hostile_url: str) -> list[str]:
    """Every request the page makes to anywhere but the app's own origin."""
    seen: list[str] = []

    def record(request: Any) -> None:
        url = request.url
        if not (url.startswith((f"{hostile_url}/", "data:", "blob:")) or url == hostile_url):
            seen.append(url)

    page.on("request", record)
    return seen


def _check(page: Any, outside: list[str], where: str) -> str:
    """No error, nothing rendered from a payload, nothing fetched from outside; the
    main area's text."""
    assert_no_errors(page)
    rendered = page.evaluate(_RENDERED)
    assert rendered == [], f"{where}: payload rendered as markup: {rendered}"
    assert outside == [], f"{where}: requests left the server: {outside}"
    return str(page.get_by_test_id("stMain").inner_text())


def test_every_page_shows_names_as_text(
    page: Any, hostile_url: str, outside: list[str], artifacts: Path
) -> None:
    for spec in PAGES:
        page.goto(f"{hostile_url}/{spec.route}")
        settle(page)
        main = _check(page, outside, spec.url_path)
        if spec.url_path in ("overview", "scenarios", "presentation"):
            assert BASELINE in main, f"{spec.url_path}: the baseline's name is not shown as typed"
        if spec.url_path == "scenarios":  # the newest scenario, chosen first, is approved
            assert DECISION.text in main, "the decision is not shown as typed"
        page.screenshot(path=str(artifacts / f"injection-{spec.url_path}.png"), full_page=True)


def test_pay_slip_shows_teacher_and_school_as_text(
    page: Any, hostile_url: str, hostile: tuple[str, dict[str, str]], outside: list[str]
) -> None:
    found = hostile[1]
    page.goto(f"{hostile_url}/performance_pay")
    settle(page)
    search = page.get_by_test_id("stMain").get_by_test_id("stTextInput").first
    search.locator("input").fill(found["staff_no"])
    search.locator("input").press("Enter")
    settle(page)
    main = _check(page, outside, "pay slip")
    assert TEACHER in main
    assert found["school"] in main


@pytest.mark.parametrize("name", OTHERS, ids=range(len(OTHERS)))
def test_presentation_title_is_the_name_as_typed(
    page: Any, hostile_url: str, outside: list[str], name: str
) -> None:
    page.goto(f"{hostile_url}/presentation?scenario={quote(name)}")
    settle(page)
    _check(page, outside, name)
    assert name in page.locator("h1").first.inner_text()
