"""The sidebar's scope filters (district, location, section), shared by planning pages.

Filters narrow what a page shows; they are not part of a scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from planning import vocab
from planning.scope import restrict
from ui.i18n import label, lang_key, t

__all__ = ["Filters", "filter_key", "filters"]


def filter_key(prefix: str, kind: str) -> str:
    """The key base of a page's filter (``kind``: districts, locations, levels);
    ``.<lang>`` follows."""
    return f"{prefix}_{kind}"


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
            key=lang_key(filter_key(prefix, "districts")),
        )
        locations = st.multiselect(
            t("common.location"),
            list(vocab.LOCATIONS),
            format_func=lambda c: label("location", c),
            placeholder=t("common.all"),
            key=lang_key(filter_key(prefix, "locations")),
        )
        levels = st.multiselect(
            t("common.level"),
            list(vocab.LEVELS),
            format_func=lambda c: label("level", c),
            placeholder=t("common.all"),
            key=lang_key(filter_key(prefix, "levels")),
        )
    return Filters(district_ids, locations, levels)
