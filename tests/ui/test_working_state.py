"""One working scenario: a loaded scenario survives every page unchanged, and a control
changes exactly its own field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from models.roles import Actor
from models.scenarios import list_scenarios, save_scenario
from models.schema import migrate
from planning import vocab
from planning.pay import PayPolicy
from planning.rotation import RotationRules
from planning.scenario import Scenario
from seed.database import seed_database
from ui.establishment import controls as est
from ui.pages import PAGES
from ui.performance_pay import controls as pay
from ui.rotation import controls as rot
from ui.scenarios import admin
from ui.state import SAVE, SAVE_NAME, WORKING

MakeApp = Callable[[str, str], AppTest]

# Every field away from its default, including fields no control shows
# (quality_school_ids, non_teaching_subjects) and values no control step lands on.
LOADED = Scenario(
    name="全改",
    standard="2014",
    custom_standard=tuple(
        (lv, loc, 11.5 + i + 0.25 * j)
        for i, lv in enumerate(vocab.LEVELS)
        for j, loc in enumerate(vocab.LOCATIONS)
    ),
    growth_primary=0.125,
    growth_junior=-0.055,
    growth_senior=0.2,
    class_floor=1.75,
    rotation=RotationRules(
        min_years=7,
        rate=0.125,
        backbone_share=0.225,
        max_km=37.5,
        retire_guard_years=4,
        retire_age_male=62,
        retire_age_female=57,
        sender_locations=("urban", "town"),
        receiver_locations=("rural",),
        quality_school_ids=(3, 5),
        fill_shortage=True,
        within_district=False,
        backbone_levels=("city", "province"),
        non_teaching_subjects=("admin", "it"),
        term_years=4,
        weak_weight=1.5,
        keep_sole_backbone=False,
        solve_seconds=12.5,
        wish_tolerance=0.35,
        use_wishes=True,
    ),
    rotation_year=2027,
    pay=PayPolicy(
        per_capita_yuan=41_500,
        basic_share=0.655,
        basic_yuan_by_grade=tuple(52_150 - 2_375 * g for g in range(13)),
        base_points=95.5,
        workload_norm_periods=13.0,
        points_per_extra_period=4.5,
        head_teacher_points=33.0,
        excellent_multiplier=1.25,
        pass_multiplier=0.95,
        basic_multiplier=0.775,
        backbone_school_points=6.0,
        backbone_county_points=12.5,
        backbone_city_points=21.0,
        backbone_province_points=33.0,
        special_grade_points=31.0,
        weak_school_tilt=0.125,
        rural_subsidy_yuan_month=425,
        subsidy_locations=("town", "rural"),
        exchange_paid_by="host",
        seconded_paid_by="host",
    ),
    district_id=2,
)


def _away_from_defaults(value: Any, default: Any, path: str) -> list[str]:
    if dataclasses.is_dataclass(value):
        return [
            p
            for f in dataclasses.fields(value)
            for p in _away_from_defaults(
                getattr(value, f.name), getattr(default, f.name), f"{path}.{f.name}"
            )
        ]
    return [path] if value == default else []


def test_the_loaded_scenario_changes_every_field() -> None:
    assert _away_from_defaults(LOADED, Scenario(LOADED.name), "scenario") == ["scenario.name"]


@pytest.fixture(scope="module")
def state_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('state') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    save_scenario(
        engine=engine, name=LOADED.name, params=LOADED.to_json(), actor=Actor("t", "editor")
    )
    return url


def _loaded(make_app: MakeApp, url: str, lang: str = "en") -> AppTest:
    """An app that has loaded LOADED on the Scenarios page."""
    at = make_app(url, lang).run()
    at.switch_page("pages/scenarios.py").run()
    rows = list_scenarios(get_engine(url)).set_index("name")
    at.selectbox(key=admin.CHOSEN).set_value(int(rows.loc[LOADED.name, "id"])).run()
    at.button(key=admin.LOAD).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[WORKING] == LOADED
    return at


def test_a_loaded_scenario_survives_every_page(state_db: str, make_app: MakeApp) -> None:
    at = _loaded(make_app, state_db)
    for lang in ("en", "zh"):  # the language switch gives choice widgets new keys
        at.session_state["lang"] = lang
        for spec in PAGES:
            at.switch_page(spec.path).run()
            assert not at.exception, (spec.path, [e.value for e in at.exception])
            assert at.session_state[WORKING] == LOADED, spec.path
    at.switch_page("pages/rotation.py").run()
    at.text_input(key=SAVE_NAME).set_value("全改 副本")
    at.button(key=SAVE).click().run()
    assert not at.exception
    saved = list_scenarios(get_engine(state_db)).set_index("name").loc["全改 副本", "params"]
    assert dataclasses.replace(Scenario.from_json(saved), name=LOADED.name) == LOADED


def _rules(**changes: Any) -> Scenario:
    return dataclasses.replace(LOADED, rotation=dataclasses.replace(LOADED.rotation, **changes))


def _policy(**changes: Any) -> Scenario:
    return dataclasses.replace(LOADED, pay=dataclasses.replace(LOADED.pay, **changes))


CASES = [
    ("establishment", "slider", est.growth_key("junior"), 0.1,
     dataclasses.replace(LOADED, growth_junior=0.1)),
    ("establishment", "slider", est.CLASS_FLOOR, 2.0, dataclasses.replace(LOADED, class_floor=2.0)),
    ("establishment", "toggle", est.CLASS_FLOOR_ON, False,
     dataclasses.replace(LOADED, class_floor=None)),
    ("rotation", "slider", rot.key("rate"), 0.3, _rules(rate=0.3)),
    ("rotation", "toggle", rot.LIMIT_KM, False, _rules(max_km=None)),
    ("rotation", "multiselect", f"{rot.SENDERS}.en", ["urban"],
     _rules(sender_locations=("urban",))),
    ("rotation", "number_input", rot.YEAR, 2030, dataclasses.replace(LOADED, rotation_year=2030)),
    ("performance_pay", "number_input", pay.key("base_points"), 120.0, _policy(base_points=120.0)),
    ("performance_pay", "slider", pay.key("weak_school_tilt"), 0.2, _policy(weak_school_tilt=0.2)),
    ("performance_pay", "multiselect", f"{pay.SUBSIDY_LOCATIONS}.en", ["rural"],
     _policy(subsidy_locations=("rural",))),
]  # fmt: skip


@pytest.mark.parametrize(("page", "kind", "key", "value", "expected"), CASES, ids=lambda c: str(c))
def test_one_control_changes_exactly_its_field(
    state_db: str, make_app: MakeApp, page: str, kind: str, key: str, value: Any, expected: Scenario
) -> None:
    at = _loaded(make_app, state_db)
    at.switch_page(f"pages/{page}.py").run()
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[WORKING] == expected
