"""Results worth keeping between reruns, keyed by the data stamp and the parameters.

Keys are small (a stamp, a JSON string), never frames, so a lookup costs nothing;
the frames come from the loaders' own cache inside.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from planning import citystats, establishment, pay, rotation, scenario
from planning.scope import restrict
from ui.establishment.views import staffing_standard
from ui.filters import Filters
from ui.frames import frames

__all__ = [
    "CityFigures",
    "allocation",
    "city_figures",
    "quotas",
    "rotation_inverse",
    "rotation_plan",
    "rotation_simulation",
    "scenario_result",
    "subject_gaps",
]

Scope = tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]


def scope_key(scope: Filters) -> Scope:
    """The filters as a small hashable key."""
    return tuple(scope.district_ids), tuple(scope.locations), tuple(scope.levels)


def _in_scope(scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    data = frames()
    districts, locations, levels = scope
    return Filters(list(districts), list(locations), list(levels)).apply(
        data.schools, data.teachers
    )


@dataclass(frozen=True)
class CityFigures:
    """Everything Overview draws for one scope (:mod:`planning.citystats`)."""

    headline: dict[str, float]
    by_location: pd.DataFrame
    by_district_location: pd.DataFrame
    ages: pd.DataFrame
    by_district: pd.DataFrame


@st.cache_data(max_entries=32, show_spinner=False)
def city_figures(stamp: int, year: int, district: int | None) -> CityFigures:
    """Overview's figures for the city (``district`` None) or one district, on the
    data at ``stamp``; the district comparisons always cover the whole city."""
    data = frames()
    schools, teachers = restrict(
        data.schools, data.teachers, district_ids=None if district is None else [district]
    )
    return CityFigures(
        headline=citystats.headline(schools, teachers),
        by_location=citystats.by_location(schools, teachers, year=year),
        by_district_location=citystats.by_district(
            data.schools, data.teachers, data.districts, year=year, split_location=True
        ),
        ages=citystats.age_profile(schools, teachers, year=year),
        by_district=citystats.by_district(data.schools, data.teachers, data.districts, year=year),
    )


@st.cache_data(max_entries=32, show_spinner=False)
def quotas(stamp: int, scenario_json: str, scope: Scope) -> pd.DataFrame:
    """Each school's quota under one scenario, in one scope, on the data at ``stamp``
    (raises ``ValueError`` for a standard that does not fit, as the engine does)."""
    chosen = scenario.Scenario.from_json(scenario_json)
    schools, teachers = _in_scope(scope)
    return establishment.quotas(
        schools,
        teachers,
        staffing_standard(chosen, frames()),
        growth=chosen.growth(),
        class_floor=chosen.class_floor,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def subject_gaps(stamp: int, growth: tuple[tuple[str, float], ...], scope: Scope) -> pd.DataFrame:
    """Subject gaps by school under enrollment ``growth`` (section, rate) pairs, in one
    scope, on the data at ``stamp``."""
    schools, teachers = _in_scope(scope)
    return establishment.subject_gaps(schools, teachers, frames().curriculum, growth=dict(growth))


@st.cache_data(max_entries=16, show_spinner=False)
def scenario_result(stamp: int, scenario_json: str) -> scenario.ScenarioResult:
    """Every engine run for one scenario on the data at ``stamp``."""
    data = frames()
    return scenario.run(
        scenario.Scenario.from_json(scenario_json),
        schools=data.schools,
        teachers=data.teachers,
        standards=data.standards,
        curriculum=data.curriculum,
        wishes=data.wishes,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def allocation(stamp: int, policy_json: str) -> pd.DataFrame:
    """The whole city's pay under a policy, for the data at ``stamp``."""
    data = frames()
    return pay.allocate(data.teachers, data.schools, pay.PayPolicy.from_json(policy_json))


def _scope(district: int | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    data = frames()
    schools, teachers = restrict(
        data.schools, data.teachers, district_ids=None if district is None else [district]
    )
    return schools, teachers, data.curriculum


@st.cache_data(max_entries=16, show_spinner=False)
def rotation_plan(
    stamp: int, rules_json: str, year: int, district: int | None, with_wishes: bool = True
) -> rotation.RotationPlan:
    """The rotation plan for one county (or the city) at data ``stamp``, honouring the
    teachers' wishes of that scope (or, without ``with_wishes``, ignoring them)."""
    schools, teachers, curriculum = _scope(district)
    rules = rotation.RotationRules.from_json(rules_json)
    wishes = frames().wishes
    wishes = wishes[wishes["teacher_id"].isin(teachers["teacher_id"])] if with_wishes else None
    return rotation.plan(teachers, schools, rules, year=year, curriculum=curriculum, wishes=wishes)


@st.cache_data(max_entries=8, show_spinner=False)
def rotation_simulation(
    stamp: int,
    rules_json: str,
    year: int,
    years: int,
    district: int | None,
    standard: pd.DataFrame,
) -> pd.DataFrame:
    """The multi-year simulation for one county (or the city) at data ``stamp``, hiring
    within the quotas of the staffing ``standard`` and honouring the wishes of that
    scope when the rules use them."""
    schools, teachers, curriculum = _scope(district)
    rules = rotation.RotationRules.from_json(rules_json)
    wishes = frames().wishes
    return rotation.simulate(
        teachers,
        schools,
        rules,
        year=year,
        years=years,
        curriculum=curriculum,
        standard=standard,
        wishes=wishes[wishes["teacher_id"].isin(teachers["teacher_id"])],
    )


@st.cache_data(max_entries=8, show_spinner=False)
def rotation_inverse(
    stamp: int, rules_json: str, year: int, district: int | None
) -> rotation.ThresholdPlan:
    """The fewest moves per county that meet the balance thresholds, at data ``stamp``."""
    schools, teachers, curriculum = _scope(district)
    rules = rotation.RotationRules.from_json(rules_json)
    return rotation.moves_to_meet(teachers, schools, rules, year=year, curriculum=curriculum)
