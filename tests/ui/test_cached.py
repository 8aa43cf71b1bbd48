"""The page caches give what the engines give, keyed by small values; the pay
workbook, built only on demand, holds every teacher of the scope."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pandas as pd
import pytest

import models
from models.config import settings
from planning import citystats, establishment, pay
from planning.scenario import Scenario
from planning.scope import restrict
from ui import cached
from ui.filters import Filters
from ui.performance_pay import views as pay_views


@pytest.fixture
def demo(demo_sqlite: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[models.loaders.Frames]:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite)
    settings.cache_clear()
    yield models.load(demo_sqlite)
    settings.cache_clear()


def test_cached_quotas_and_gaps_are_the_engines(demo: models.loaders.Frames) -> None:
    district = int(demo.districts["district_id"].iloc[0])
    scope = Filters([district], ["rural", "town"], [])
    schools, teachers = scope.apply(demo.schools, demo.teachers)
    scenario = Scenario("what if", standard="2014", growth_junior=0.05, class_floor=30)
    key = cached.scope_key(scope)

    quota = cached.quotas(demo.stamp, scenario.to_json(), key)
    expected = establishment.quotas(
        schools, teachers, demo.standard("2014"), growth=scenario.growth(), class_floor=30
    )
    pd.testing.assert_frame_equal(quota, expected)
    assert set(quota["school_id"]) == set(schools["school_id"])

    gaps = cached.subject_gaps(demo.stamp, tuple(scenario.growth().items()), key)
    pd.testing.assert_frame_equal(
        gaps,
        establishment.subject_gaps(schools, teachers, demo.curriculum, growth=scenario.growth()),
    )


def test_pay_workbook_holds_every_teacher_and_the_change(demo: models.loaders.Frames) -> None:
    policy = Scenario("x").pay
    before = pay.allocate(demo.teachers, demo.schools, policy)
    after = before.assign(total_fen=before["total_fen"] + 100)
    sheet = pd.read_excel(
        io.BytesIO(pay_views._workbook(after, demo.teachers, demo.schools, before))
    )
    assert len(sheet) == len(demo.teachers)
    assert sheet.iloc[:, -1].eq(1.0).all()  # every change is the 100 fen added, in yuan


def test_city_figures_are_citystats_for_the_scope(demo: models.loaders.Frames) -> None:
    district = int(demo.districts["district_id"].iloc[1])
    schools, teachers = restrict(demo.schools, demo.teachers, district_ids=[district])
    figures = cached.city_figures(demo.stamp, 2026, district)
    assert figures.headline == citystats.headline(schools, teachers)
    pd.testing.assert_frame_equal(figures.ages, citystats.age_profile(schools, teachers, year=2026))
    pd.testing.assert_frame_equal(
        figures.by_location, citystats.by_location(schools, teachers, year=2026)
    )
    whole = citystats.by_district(demo.schools, demo.teachers, demo.districts, year=2026)
    pd.testing.assert_frame_equal(figures.by_district, whole)
    assert cached.city_figures(demo.stamp, 2026, None).headline == citystats.headline(
        demo.schools, demo.teachers
    )
