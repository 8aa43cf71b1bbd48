"""Sidebar controls shared by the planning pages: scope filters and growth."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from planning import vocab
from planning.scope import restrict
from ui.i18n import label, lang_key, t

__all__ = ["Filters", "filters", "growth_sliders"]


@dataclass(frozen=True)
class Filters:
    district_ids: list[int]
    locations: list[str]
    levels: list[str]

    def apply(
        self, schools: pd.DataFrame, teachers: pd.DataFrame
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The schools and teachers these filters keep."""
        return restrict(
            schools,
            teachers,
            district_ids=self.district_ids,
            locations=self.locations,
            levels=self.levels,
        )


def filters(districts: pd.DataFrame, prefix: str) -> Filters:
    """District, location and section multiselects (empty means all)."""
    names = dict(zip(districts["district_id"], districts["name"], strict=True))
    with st.sidebar.expander(t("common.filters"), expanded=False):
        district_ids = st.multiselect(
            t("common.district"),
            list(names),
            format_func=lambda d: names[d],
            placeholder=t("common.all"),
            key=lang_key(f"{prefix}_districts"),
        )
        locations = st.multiselect(
            t("common.location"),
            list(vocab.LOCATIONS),
            format_func=lambda c: label("location", c),
            placeholder=t("common.all"),
            key=lang_key(f"{prefix}_locations"),
        )
        levels = st.multiselect(
            t("common.level"),
            list(vocab.LEVELS),
            format_func=lambda c: label("level", c),
            placeholder=t("common.all"),
            key=lang_key(f"{prefix}_levels"),
        )
    return Filters(district_ids, locations, levels)


def growth_sliders(prefix: str, start: dict[str, float] | None = None) -> dict[str, float]:
    """Enrollment growth per section, −30 % … +30 %, starting at ``start``."""
    start = start or {}
    st.sidebar.markdown(f"**{t('establishment.growth')}**")
    return {
        lv: st.sidebar.slider(
            label("level", lv),
            min_value=-30,
            max_value=30,
            value=round(start.get(lv, 0.0) * 100),
            step=1,
            format="%d%%",
            key=f"{prefix}_growth_{lv}",
        )
        / 100
        for lv in vocab.LEVELS
    }
