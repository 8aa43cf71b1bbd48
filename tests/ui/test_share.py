"""Links that reproduce a what-if (issue 16, Deliver 4): the token carries every
parameter exactly, a damaged link changes nothing and says so, a stored scenario has a
short link."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from models.roles import Actor
from models.scenarios import save_scenario
from models.schema import migrate
from planning.rotation import RotationRules
from planning.scenario import Scenario
from seed.database import seed_database
from ui.rotation import controls as rot
from ui.share import PLAN, SCENARIO, scenario_of, token
from ui.state import WORKING

MakeApp = Callable[[str, str], AppTest]
EDITOR = Actor("规划科", "editor")
PLANNED = Scenario(
    "分享的方案",
    standard="2014",
    growth_primary=0.035,
    rotation=RotationRules(rate=0.125, min_years=5, quality_school_ids=(3, 7)),
)


@given(
    rate=st.floats(0, 1, allow_nan=False),
    years=st.integers(1, 20),
    growth=st.floats(-0.5, 0.5, allow_nan=False),
    name=st.text(min_size=1, max_size=30),
)
@settings(max_examples=60, deadline=None)
def test_a_token_gives_back_the_very_scenario(
    rate: float, years: int, growth: float, name: str
) -> None:
    plan = Scenario(name, growth_junior=growth, rotation=RotationRules(rate=rate, min_years=years))
    text = token(plan)
    assert scenario_of(text) == plan
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_a_token_is_short_enough_for_a_link() -> None:
    assert len(token(PLANNED)) < 1000


@pytest.mark.parametrize(
    "text",
    [
        token(PLANNED)[:-20],  # cut short
        "x" + token(PLANNED)[1:],  # altered
        "%%%",
        base64.urlsafe_b64encode(zlib.compress(b'{"name": "x", "rate": 2}')).decode(),
        base64.urlsafe_b64encode(zlib.compress(b" " * 10_000_000)).decode(),  # a bomb
    ],
)
def test_a_damaged_token_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        scenario_of(text)


def test_opening_a_plan_link_shows_its_parameters(demo_sqlite: str, make_app: MakeApp) -> None:
    at = make_app(demo_sqlite, "zh")
    at.query_params[PLAN] = token(PLANNED)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[WORKING] == PLANNED
    assert PLAN not in at.query_params  # applied once: a slider moved later is not undone
    at.switch_page("pages/rotation.py").run()
    assert at.session_state[rot.key("rate")] == 0.125  # the control shows the link's value
    assert at.session_state[WORKING] == PLANNED
    links = [c.value for c in at.code if f"?{PLAN}=" in c.value]
    assert len(links) == 1 and scenario_of(links[0].split(f"?{PLAN}=")[1]) == PLANNED


def test_a_damaged_link_changes_nothing_and_says_so(demo_sqlite: str, make_app: MakeApp) -> None:
    at = make_app(demo_sqlite, "zh")
    at.query_params[PLAN] = token(PLANNED)[:-30]
    at.run()
    assert not at.exception
    assert at.session_state[WORKING].name == "基准"  # the baseline, as without a link
    assert any("链接不完整" in w.value for w in at.warning)


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo city with PLANNED saved beside the seed's baseline (基准)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('share') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    save_scenario(engine=engine, name=PLANNED.name, params=PLANNED.to_json(), actor=EDITOR)
    return url


@pytest.mark.parametrize(("name", "opened"), [(PLANNED.name, True), ("没有这个方案", False)])
def test_a_short_link_opens_a_stored_scenario(
    stored_db: str, make_app: MakeApp, name: str, opened: bool
) -> None:
    at = make_app(stored_db, "zh")
    at.query_params[SCENARIO] = name
    at.run()
    assert not at.exception
    assert (at.session_state[WORKING] == PLANNED) == opened
    assert any(name in w.value for w in at.warning) != opened
