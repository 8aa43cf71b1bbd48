"""Establishment's views: the headline against the baseline, the charts, the school
tables and their workbook. Figures come from :mod:`planning.establishment`."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from models.loaders import Frames
from planning import establishment as est
from planning.scenario import Scenario
from ui.establishment import charts
from ui.export import to_xlsx_bytes
from ui.format import num
from ui.i18n import label, labelled, t
from ui.sheets import QUOTA_SHOWN, quota_headers, quota_sheet, quota_table

__all__ = [
    "DOWNLOAD",
    "headline",
    "school_tables",
    "staffing_standard",
    "subject_view",
    "workbook",
]

DOWNLOAD = "est_download"

# More posts is neutral; more shortage, overage or net gap is bad news.
_TONE = {"posts": "normal", "staff": "off", "present": "off", "short_posts": "inverse",
         "over_posts": "inverse", "net": "inverse"}  # fmt: skip
_PLACE = ["code", "name", "district"]


def staffing_standard(scenario: Scenario, data: Frames) -> pd.DataFrame:
    """The scenario's standard rows: its custom copy, else the named set."""
    if scenario.custom_standard:
        return pd.DataFrame(
            list(scenario.custom_standard), columns=["level", "location", "students_per_staff"]
        )
    return data.standard(scenario.standard)


def headline(now: dict[str, int], before: dict[str, int]) -> None:
    """Posts, staff on the books and present; short, over and net: each with its
    change against the baseline, three to a row so no figure is cut off."""
    items = list(_TONE.items())
    cols = [*st.columns(3), *st.columns(3)]
    for col, (key, color) in zip(cols, items, strict=True):
        col.metric(
            t(f"establishment.{key}"),
            num(now[key]),
            delta=num(now[key] - before[key]),
            delta_color=color,  # type: ignore[arg-type]
            help=t(f"establishment.{key}_help"),
        )


def _subject_table(
    gaps: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]
) -> pd.DataFrame:
    """:func:`planning.establishment.by_school` with each school's code, name and
    district in front and subjects under their labels."""
    wide = est.by_school(gaps)
    places = schools[["school_id", "code", "name", "district_id"]].assign(
        district=lambda f: f["district_id"].map(names)
    )
    table = wide.merge(places, on="school_id", how="left")  # keeps by_school's order
    subjects = [c for c in wide.columns if c not in ("school_id", "shortage", "surplus")]
    headers = {**quota_headers(), **{s: label("subject", s) for s in subjects}}
    return table[[*_PLACE, "shortage", "surplus", *subjects]].rename(columns=headers)


def workbook(
    quota: pd.DataFrame, gaps: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]
) -> dict[str, pd.DataFrame]:
    """The XLSX sheets: every school's quota, staff on the books and present, gap and
    status, the most short first; every school's gap per subject (FTE), the most short
    in subjects first."""
    return {
        t("establishment.sheet"): quota_sheet(quota, schools, names)[0],
        t("establishment.subject_sheet"): _subject_table(gaps, schools, names),
    }


def school_tables(
    quota: pd.DataFrame, gaps: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]
) -> None:
    """Posts by district, the gap map, the ten largest shortages and overages, the
    subject gaps of the schools most short in subjects, XLSX."""
    district = est.by_district(quota, schools).assign(name=lambda f: f["district_id"].map(names))
    table = quota_table(quota, schools, names)
    left, right = st.columns(2)
    with left:
        st.subheader(t("establishment.by_district"))
        st.altair_chart(charts.district_bars(district), width="stretch")
    with right:
        st.subheader(t("establishment.map"))
        st.altair_chart(charts.gap_map(table), width="stretch")
    config = quota_headers()
    short_col, over_col = st.columns(2)
    with short_col:
        st.subheader(t("establishment.top_short"))
        st.dataframe(table.nlargest(10, "gap")[QUOTA_SHOWN], hide_index=True, column_config=config)
    with over_col:
        st.subheader(t("establishment.top_over"))
        st.dataframe(table.nsmallest(10, "gap")[QUOTA_SHOWN], hide_index=True, column_config=config)
    st.subheader(t("establishment.school_subjects"))
    subjects = _subject_table(gaps, schools, names).head(10)
    shown = subjects.loc[:, (subjects != 0).any()]  # subjects these schools lack or hold over
    st.dataframe(shown, hide_index=True, column_config=_one_decimal(shown, len(_PLACE)))
    st.caption(t("establishment.school_subjects_note"))
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes(workbook(quota, gaps, schools, names)),
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


def _one_decimal(frame: pd.DataFrame, skip: int) -> dict[str, Any]:
    return {c: st.column_config.NumberColumn(format="%.1f") for c in frame.columns[skip:]}
