"""Establishment's views: the headline against the baseline, the charts, the school
tables and their workbook. Figures come from :mod:`planning.establishment`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.loaders import Frames
from planning import establishment as est
from planning.scenario import Scenario
from ui.establishment import charts
from ui.export import to_xlsx_bytes
from ui.format import num
from ui.i18n import labelled, t

__all__ = ["DOWNLOAD", "headline", "school_tables", "staffing_standard", "subject_view"]

DOWNLOAD = "est_download"

# More posts is neutral; more shortage, overage or net gap is bad news.
_TONE = {"posts": "normal", "staff": "off", "short_posts": "inverse",
         "over_posts": "inverse", "net": "inverse"}  # fmt: skip
_SHOWN = ["code", "name", "district", "location_label", "quota", "staff", "gap", "status_label"]


def staffing_standard(scenario: Scenario, data: Frames) -> pd.DataFrame:
    """The scenario's standard rows: its custom copy, else the named set."""
    if scenario.custom_standard:
        return pd.DataFrame(
            list(scenario.custom_standard), columns=["level", "location", "students_per_staff"]
        )
    return data.standard(scenario.standard)


def headline(now: dict[str, int], before: dict[str, int]) -> None:
    """Five figures with their change against the baseline."""
    for col, (key, color) in zip(st.columns(5), _TONE.items(), strict=True):
        col.metric(
            t(f"establishment.{key}"),
            num(now[key]),
            delta=num(now[key] - before[key]),
            delta_color=color,  # type: ignore[arg-type]
            help=t(f"establishment.{key}_help"),
        )


def school_tables(quota: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]) -> None:
    """Posts by district, the gap map, the ten largest shortages and overages, XLSX."""
    district = est.by_district(quota, schools).assign(name=lambda f: f["district_id"].map(names))
    table = quota.merge(
        schools[["school_id", "code", "name", "district_id", "location", "lat", "lon"]]
    )
    table["district"] = table["district_id"].map(names)
    table["location_label"] = labelled(table["location"], "location")
    table["status_label"] = labelled(table["status"], "quota_status")
    left, right = st.columns(2)
    with left:
        st.subheader(t("establishment.by_district"))
        st.altair_chart(charts.district_bars(district), width="stretch")
    with right:
        st.subheader(t("establishment.map"))
        st.altair_chart(charts.gap_map(table), width="stretch")
    config = {
        "code": t("common.code"), "name": t("common.school"), "district": t("common.district"),
        "location_label": t("common.location"), "quota": t("establishment.posts"),
        "staff": t("establishment.staff"), "gap": t("establishment.gap"),
        "status_label": t("establishment.status_col"),
    }  # fmt: skip
    short_col, over_col = st.columns(2)
    with short_col:
        st.subheader(t("establishment.top_short"))
        st.dataframe(table.nlargest(10, "gap")[_SHOWN], hide_index=True, column_config=config)
    with over_col:
        st.subheader(t("establishment.top_over"))
        st.dataframe(table.nsmallest(10, "gap")[_SHOWN], hide_index=True, column_config=config)
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes(
            {
                t("establishment.sheet"): table[_SHOWN]
                .rename(columns=config)
                .sort_values(config["gap"], ascending=False)
            }
        ),
        file_name="establishment.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=DOWNLOAD,
    )


def subject_view(gaps: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]) -> None:
    """The subject shortage heatmap (administration left out: it is not a subject)."""
    st.subheader(t("establishment.subjects"))
    heat = est.shortage_by(gaps[gaps["subject"] != "admin"], schools).assign(
        name=lambda f: f["district_id"].map(names),
        subject_label=lambda f: labelled(f["subject"], "subject"),
    )
    st.altair_chart(charts.shortage_heatmap(heat), width="stretch")
