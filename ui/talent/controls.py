"""Talent & posts' controls: each builds one frozen parameter object of
:mod:`planning.talent` from widgets with stable keys. They are what-ifs of this page
(not yet part of a saved scenario); a value the object refuses raises
:class:`planning.talent.TalentError`, which the page shows as a sentence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import vocab
from planning.talent import (
    LEVELS,
    MentoringRules,
    PipelineRules,
    PostCeilingShares,
    PromotionRules,
    RecruitmentRules,
)
from ui.i18n import label, lang_key, per_language, t

__all__ = [
    "AWARD",
    "CEILINGS",
    "LEAVER_RATE",
    "MAX_KM",
    "MAX_SCHOOLS",
    "MIN_YEARS",
    "PART",
    "PARTS",
    "RECRUIT_GROWTH",
    "RECRUIT_YEARS",
    "RESERVE_TARGET",
    "RESERVE_YEARS",
    "SALARY",
    "award_quota",
    "ceilings",
    "mentoring_rules",
    "part",
    "pipeline_rules",
    "promotion_rules",
    "recruitment_rules",
]

PART = "talent_part"  # + ".<lang>": which part of the page is shown
PARTS = ("posts", "recruit", "mentor", "pipeline", "award")
CEILINGS = "talent_ceilings"  # + ".<lang>": the ceiling shares editor
MIN_YEARS = "talent_min_years"  # + "_<target level>"
RECRUIT_YEARS = "talent_recruit_years"
LEAVER_RATE = "talent_leaver_rate"
RECRUIT_GROWTH = "talent_recruit_growth"
SALARY = "talent_salary"
MAX_KM = "talent_max_km"
MAX_SCHOOLS = "talent_max_schools"
AWARD = "talent_award_quota"
RESERVE_YEARS = "talent_reserve_years"
RESERVE_TARGET = "talent_reserve_target"


def part() -> str:
    """The part of the page shown (one at a time: only its engine runs)."""
    chosen = st.radio(
        t("talent.part"),
        PARTS,
        format_func=lambda p: t(f"talent.tab_{p}"),
        horizontal=True,
        label_visibility="collapsed",
        key=lang_key(PART, PARTS[0]),
    )
    return str(chosen)


def ceilings() -> PostCeilingShares:
    """The ceiling shares, one row per school type, one column per level (percent)."""
    default = PostCeilingShares()
    frame = pd.DataFrame(
        [[round(s * 100, 4) for s in getattr(default, kind)] for kind in vocab.LEVELS],
        columns=[label("title", lv) for lv in LEVELS],
        index=[label("level", kind) for kind in vocab.LEVELS],
    )
    st.caption(t("talent.ceilings_note"))
    edited = st.data_editor(frame, key=per_language(CEILINGS), width="stretch")
    shares = {
        kind: tuple(float(v) / 100 for v in edited.iloc[i].tolist())
        for i, kind in enumerate(vocab.LEVELS)
    }
    return PostCeilingShares(**shares)  # type: ignore[arg-type]


def promotion_rules() -> PromotionRules:
    """Years of service for each target level."""
    default = PromotionRules()
    cols = st.columns(len(default.min_years))
    years = []
    for col, target, value in zip(cols, LEVELS[::-1][1:], default.min_years, strict=True):
        years.append(
            col.number_input(
                t("talent.min_years", level=label("title", target)),
                value=value,
                step=1,
                key=f"{MIN_YEARS}_{target}",
            )
        )
    return PromotionRules(min_years=tuple(int(y) for y in years))  # type: ignore[arg-type]


def recruitment_rules() -> RecruitmentRules:
    """Horizon, leaver rate (percent a year, may be typed below 0 to be refused),
    enrollment growth (percent a year) and a new teacher's salary (yuan a year)."""
    default = RecruitmentRules()
    a, b, c, d = st.columns(4)
    years = a.slider(t("talent.years"), 1, 5, default.years, key=RECRUIT_YEARS)
    rate = b.number_input(
        t("talent.leaver_rate"), value=default.leaver_rate * 100, step=0.5, key=LEAVER_RATE
    )
    growth = c.number_input(
        t("talent.growth"), value=default.growth * 100, step=1.0, key=RECRUIT_GROWTH
    )
    salary = d.number_input(t("talent.salary"), value=default.salary_yuan, step=1_000, key=SALARY)
    return RecruitmentRules(
        years=int(years), leaver_rate=float(rate) / 100, growth=float(growth) / 100,
        salary_yuan=int(salary),
    )  # fmt: skip


def mentoring_rules() -> MentoringRules:
    """The distance limit (km) and the most schools per mentor (k)."""
    default = MentoringRules()
    a, b = st.columns(2)
    km = a.slider(t("talent.max_km"), 5.0, 100.0, default.max_km, step=5.0, key=MAX_KM)
    k = b.number_input(t("talent.max_schools"), value=default.max_schools, step=1, key=MAX_SCHOOLS)
    return MentoringRules(max_km=float(km), max_schools=int(k))


def award_quota() -> int:
    """The number of Gardener Awards to split."""
    return int(st.number_input(t("talent.award_quota"), value=100, step=1, key=AWARD))


def pipeline_rules() -> PipelineRules:
    """The reserve's years of service and the target per county and subject."""
    default = PipelineRules()
    a, b = st.columns(2)
    years = a.number_input(
        t("talent.reserve_years"), value=default.min_years, step=1, key=RESERVE_YEARS
    )
    target = b.number_input(
        t("talent.reserve_target"), value=default.target, step=1, key=RESERVE_TARGET
    )
    return PipelineRules(min_years=int(years), target=int(target))
