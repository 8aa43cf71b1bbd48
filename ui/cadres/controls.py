"""The Cadres page's what-if controls (sidebar): the succession horizon, ages, term and
reserve ratio; training hours; assessment weights and the cap on 优秀; the duties'
minimums; the principal exchange's longest move. Each group gives its rule object, or
the refusal of a value it cannot take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from planning.cadres import (
    AssessmentRules,
    DutyRules,
    ExchangeRules,
    ParameterRefused,
    SuccessionRules,
    TrainingRules,
)
from ui.i18n import lang_key, t
from ui.scope import WHOLE_CITY

__all__ = ["SCOPE", "Controls", "controls", "county", "key"]

SCOPE = "cadres_scope"  # + ".<lang>"

_Rules = TypeVar("_Rules")


def key(name: str) -> str:
    """The widget key of a parameter (``cadres_<name>``)."""
    return f"cadres_{name}"


@dataclass(frozen=True)
class Controls:
    """The rule objects the controls make; None where a value was refused (``refused``
    holds the refusals, in the order of the groups)."""

    succession: SuccessionRules | None
    training: TrainingRules | None
    assessment: AssessmentRules | None
    duties: DutyRules | None
    exchange: ExchangeRules | None
    refused: tuple[ParameterRefused, ...]


def _succession() -> SuccessionRules:
    d = SuccessionRules()
    st.sidebar.subheader(t("cadres.succession"))
    horizon = st.sidebar.slider(t("cadres.horizon"), 1, 10, d.horizon, key=key("horizon"))
    male = st.sidebar.number_input(
        t("cadres.retire_male"), 50, 70, d.retire_age_male, key=key("retire_age_male")
    )
    female = st.sidebar.number_input(
        t("cadres.retire_female"), 45, 70, d.retire_age_female, key=key("retire_age_female")
    )
    term = st.sidebar.number_input(t("cadres.term_years"), 1, 10, d.term_years, key=key("term"))
    ratio = st.sidebar.number_input(
        t("cadres.ratio"), 0.0, 10.0, d.reserves_per_post, step=0.5, key=key("ratio")
    )
    return SuccessionRules(horizon=horizon, retire_age_male=male, retire_age_female=female,
                           term_years=term, reserves_per_post=ratio)  # fmt: skip


def _training() -> TrainingRules:
    d = TrainingRules()
    st.sidebar.subheader(t("cadres.training"))
    hours = st.sidebar.number_input(
        t("cadres.cycle_hours"), 0.0, 1000.0, d.cycle_hours, step=10.0, key=key("cycle_hours")
    )
    clear = st.sidebar.number_input(
        t("cadres.clear_years"), 1, 10, d.clear_years, key=key("clear_years")
    )
    return TrainingRules(cycle_hours=hours, clear_years=clear)


def _assessment() -> AssessmentRules:
    d = AssessmentRules()
    st.sidebar.subheader(t("cadres.assessment"))
    st.sidebar.caption(t("cadres.weights_help"))
    weights = [
        st.sidebar.slider(t(f"cadres.weight_{name}"), 0.0, 1.0, default, step=0.05,
                          key=key(f"{name}_weight"))
        for name, default in zip(("results", "satisfaction", "review"), d.weights, strict=True)
    ]  # fmt: skip
    cap = st.sidebar.slider(
        t("cadres.excellent_cap"), 0.0, 0.5, d.excellent_cap, step=0.01, format="percent",
        key=key("excellent_cap"),
    )  # fmt: skip
    results, satisfaction, review = (round(w, 6) for w in weights)
    return AssessmentRules(results, satisfaction, review, excellent_cap=cap)


def _duties() -> DutyRules:
    d = DutyRules()
    st.sidebar.subheader(t("cadres.duties"))
    lectures = st.sidebar.number_input(t("cadres.min_lectures"), 0, 12, d.lectures,
                                       key=key("lectures"))  # fmt: skip
    reports = st.sidebar.number_input(t("cadres.min_reports"), 0, 12, d.reports,
                                      key=key("reports"))  # fmt: skip
    return DutyRules(lectures=lectures, reports=reports)


def _exchange() -> ExchangeRules:
    d = ExchangeRules()
    st.sidebar.subheader(t("cadres.exchange"))
    km = st.sidebar.number_input(t("cadres.max_km"), 1.0, 300.0, d.max_km, step=5.0,
                                 key=key("max_km"))  # fmt: skip
    return ExchangeRules(max_km=km)


def _made(group: Callable[[], _Rules], refused: list[ParameterRefused]) -> _Rules | None:
    try:
        return group()
    except ParameterRefused as exc:
        refused.append(exc)
        return None


def controls() -> Controls:
    """Every group of controls, in the sidebar; a refused group gives None."""
    refused: list[ParameterRefused] = []
    return Controls(
        succession=_made(_succession, refused),
        training=_made(_training, refused),
        assessment=_made(_assessment, refused),
        duties=_made(_duties, refused),
        exchange=_made(_exchange, refused),
        refused=tuple(refused),
    )


def county(names: dict[int, str]) -> int | None:
    """The county chosen (sidebar), or None for the whole city."""
    labels = {WHOLE_CITY: t("common.whole_city"), **names}
    district: int = st.sidebar.selectbox(
        t("common.scope"), list(labels), format_func=labels.__getitem__, key=lang_key(SCOPE)
    )
    return None if district == WHOLE_CITY else district
