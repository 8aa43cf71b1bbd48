"""Overview's views: the city's headline, tables by location and district, the
backbone and age charts, and the baseline scenario's figures. Figures come from
:mod:`planning.citystats` and the baseline's :class:`planning.scenario.ScenarioResult`."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planning import vocab
from planning.scenario import ScenarioResult
from ui.figures import figure_change, figure_text
from ui.format import num, pct
from ui.i18n import label, labelled, t
from ui.overview import charts
from ui.text import plain

__all__ = ["attention", "by_district", "by_location", "charts_row", "headline"]

# (figure, the page that explains it, whether a rise is good news) in reading order.
_ATTENTION = (
    ("short_posts", "pages/establishment.py", "inverse"),
    ("counties_primary_after", "pages/rotation.py", "normal"),
    ("moved", "pages/rotation.py", "off"),
    ("budget_fen", "pages/performance_pay.py", "off"),
)


def _number(key: str, fmt: str = "localized") -> Any:
    return st.column_config.NumberColumn(t(key), format=fmt)


def _in_percent(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` with the share ``column`` in percent, shown by :data:`_PERCENT` with
    one decimal like the figures above it (Streamlit's "percent" drops trailing zeros)."""
    return frame.assign(**{column: frame[column] * 100})


_PERCENT = "%.1f%%"


def headline(head: dict[str, float]) -> None:
    cols = st.columns(5)
    cols[0].metric(t("overview.schools"), num(head["schools"]))
    cols[1].metric(t("overview.teachers"), num(head["teachers"]))
    cols[2].metric(t("overview.students"), num(head["students"]))
    cols[3].metric(t("overview.students_per_teacher"), num(head["students_per_teacher"], 1))
    cols[4].metric(t("overview.backbone_share"), pct(head["backbone_share"]))


def by_location(loc: pd.DataFrame) -> None:
    """The city by location (:func:`planning.citystats.by_location`)."""
    st.subheader(t("overview.by_location"))
    shown = _in_percent(loc, "backbone_share").assign(
        location_label=labelled(loc["location"], "location")
    )
    columns = ["location_label", "schools", "teachers", "students", "students_per_teacher",
               "backbone_share", "mean_age"]  # fmt: skip
    st.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        column_config={
            "location_label": t("common.location"),
            "schools": _number("overview.schools"),
            "teachers": _number("overview.teachers"),
            "students": _number("overview.students"),
            "students_per_teacher": _number("overview.students_per_teacher", "%.1f"),
            "backbone_share": _number("overview.backbone_share", _PERCENT),
            "mean_age": _number("overview.mean_age", "%.1f"),
        },
    )


def charts_row(split: pd.DataFrame, ages: pd.DataFrame) -> None:
    """Backbone share by district and location; the age profile by location."""
    locations = [label("location", c) for c in vocab.LOCATIONS]
    left, right = st.columns(2)
    with left:
        st.subheader(t("overview.backbone_by_district"))
        st.altair_chart(
            charts.grouped_bars(
                split.assign(location_label=labelled(split["location"], "location")),
                x="name",
                y="backbone_share",
                color="location_label",
                x_title=t("common.district"),
                y_title=t("overview.backbone_share"),
                color_title=t("common.location"),
                y_format=".0%",
                color_domain=locations,
            ),
            width="stretch",
        )
    with right:
        st.subheader(t("overview.age_profile"))
        st.altair_chart(
            charts.share_lines(
                ages.assign(location_label=labelled(ages["location"], "location")),
                x="band",
                y="share",
                color="location_label",
                x_title=t("overview.age_band"),
                y_title=t("overview.share_of_teachers"),
                color_title=t("common.location"),
                color_domain=locations,
            ),
            width="stretch",
        )


def by_district(dist: pd.DataFrame) -> None:
    """The city by district (:func:`planning.citystats.by_district`)."""
    st.subheader(t("overview.by_district"))
    st.dataframe(
        _in_percent(dist, "backbone_share").drop(columns="district_id"),
        hide_index=True,
        width="stretch",
        column_config={
            "name": t("common.district"),
            "schools": _number("overview.schools"),
            "students": _number("overview.students"),
            "weak_schools": st.column_config.NumberColumn(t("overview.weak_schools")),
            "teachers": _number("overview.teachers"),
            "backbone_share": _number("overview.backbone_share", _PERCENT),
            "mean_age": _number("overview.mean_age", "%.1f"),
            "students_per_teacher": _number("overview.students_per_teacher", "%.1f"),
        },
    )


def attention(now: ScenarioResult, base: ScenarioResult, names: dict[int, str]) -> None:
    """The figures that need attention first, for the working scenario against the
    baseline, each with a link to the page that explains it: posts short, counties
    meeting all three balance indicators (primary; junior in the note), teachers
    moved, and the performance-pay pool; the note says the scope they are for
    (``names``: district id -> name)."""
    st.subheader(
        t("overview.attention", name=plain(now.scenario.name), base=plain(base.scenario.name))
    )
    cols = st.columns(4)
    for col, (figure, page, tone) in zip(cols, _ATTENTION, strict=True):
        with col:
            change = figure_change(now, base, figure, minus="-")
            st.metric(
                t(f"compare.fig_{figure}"),
                figure_text(now, figure),
                delta=None if change == t("compare.no_change") else change,
                delta_color=tone,  # type: ignore[arg-type]
            )
            st.page_link(
                page, label=t(f"overview.explain_{figure}"), icon=":material/arrow_forward:"
            )
    primary, junior = (
        figure_text(now, f) for f in ("counties_primary_after", "counties_junior_after")
    )
    district = now.scenario.district_id
    scope = t("common.whole_city") if district is None else names.get(district, str(district))
    counties = len(names) if district is None else 1
    st.caption(
        t("overview.counties_note", primary=primary, junior=junior, counties=counties,
          scope=plain(scope))
    )  # fmt: skip
