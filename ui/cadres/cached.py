"""The Cadres page's results, kept between reruns: keyed by the data stamp, the county
(None: the whole city), the year and one group's rule object, so moving a control
recomputes only the view it belongs to. Frames come from the loaders' cache inside."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.loaders import Frames
from planning import cadres
from ui.frames import frames

__all__ = [
    "Scoped", "assessment", "duties", "exchange", "rotation", "scoped", "succession",
    "training",
]  # fmt: skip


@dataclass(frozen=True)
class Scoped:
    """The cadre frames of one county (or the whole city)."""

    schools: pd.DataFrame
    cadres: pd.DataFrame
    records: pd.DataFrame
    reserves: pd.DataFrame
    scores: pd.DataFrame


def scoped(district: int | None, data: Frames | None = None) -> Scoped:
    """The schools of ``district`` and their leaders' frames; reserves registered there
    (from ``data``, else the loaders' frames)."""
    data = data or frames()
    schools, reserves = data.schools, data.cadre_reserves
    if district is not None:
        schools = schools[schools["district_id"] == district]
        reserves = reserves[reserves["district_id"] == district]
    leaders = data.cadres[data.cadres["school_id"].isin(schools["school_id"])]
    ids = leaders["cadre_id"]
    return Scoped(
        schools=schools,
        cadres=leaders,
        records=data.cadre_records[data.cadre_records["cadre_id"].isin(ids)],
        reserves=reserves,
        scores=data.cadre_scores[data.cadre_scores["cadre_id"].isin(ids)],
    )


@st.cache_data(max_entries=16, show_spinner=False)
def succession(
    stamp: int, district: int | None, rules: cadres.SuccessionRules, year: int
) -> cadres.Succession:
    s = scoped(district)
    return cadres.succession(s.cadres, s.schools, s.reserves, rules, year=year)


@st.cache_data(max_entries=16, show_spinner=False)
def rotation(
    stamp: int, district: int | None, rules: cadres.SuccessionRules, year: int
) -> pd.DataFrame:
    return cadres.rotation_due(scoped(district).cadres, rules, year=year)


@st.cache_data(max_entries=16, show_spinner=False)
def training(
    stamp: int, district: int | None, rules: cadres.TrainingRules, year: int
) -> tuple[pd.DataFrame, cadres.TrainingSummary]:
    s = scoped(district)
    table = cadres.training(s.cadres, s.records, rules, year=year)
    return table, cadres.training_summary(table, rules)


@st.cache_data(max_entries=16, show_spinner=False)
def assessment(
    stamp: int, district: int | None, rules: cadres.AssessmentRules
) -> tuple[pd.DataFrame, pd.DataFrame, int] | None:
    """The latest year's grades, the grade changes against the default weights at the
    same cap, and that year; None without scores."""
    scores = scoped(district).scores
    if scores.empty:
        return None
    latest = int(scores["year"].max())
    default = cadres.AssessmentRules(excellent_cap=rules.excellent_cap)
    return (
        cadres.grade(scores, rules, year=latest),
        cadres.grade_changes(scores, rules, default, year=latest),
        latest,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def duties(stamp: int, district: int | None, rules: cadres.DutyRules, year: int) -> pd.DataFrame:
    s = scoped(district)
    return cadres.duties(s.cadres, s.records, rules, year=year)


@st.cache_data(max_entries=16, show_spinner=False)
def exchange(
    stamp: int,
    district: int | None,
    rules: cadres.ExchangeRules,
    succession: cadres.SuccessionRules,
    assessment: cadres.AssessmentRules,
    year: int,
) -> cadres.Exchange:
    """The principal exchange plan of the principals due to rotate, their strength the
    latest year's composite under the page's assessment weights."""
    s = scoped(district)
    due = cadres.rotation_due(s.cadres, succession, year=year)
    composite = pd.Series(dtype=float)
    if not s.scores.empty:
        graded = cadres.grade(s.scores, assessment, year=int(s.scores["year"].max()))
        composite = graded.set_index("cadre_id")["composite"]
    return cadres.exchange(due, s.schools, composite, rules)
