"""Establishment's charts: posts and staff by district, the gap map, subject shortages."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planning import vocab
from ui.i18n import label, t
from ui.paired_charts import paired_bars

__all__ = ["district_bars", "gap_map", "shortage_heatmap"]


def district_bars(district: pd.DataFrame) -> alt.Chart:
    """Posts and active staff side by side per district (``name``, ``quota``, ``staff``)."""
    measures = {"quota": t("establishment.posts"), "staff": t("establishment.staff")}
    return paired_bars(district, "name", measures, x_title=t("common.district"),
                       y_title=t("establishment.people"))  # fmt: skip


def gap_map(table: pd.DataFrame) -> alt.Chart:
    """Schools on the map, sized by posts, coloured by gap (red short, blue over); the
    colour scale stops at the 95th percentile of the gaps so one outlier does not
    wash out the rest."""
    limit = max(1, int(table["gap"].abs().quantile(0.95)))
    marks = table[["lon", "lat", "quota", "staff", "gap", "name", "district"]]
    return (
        alt.Chart(marks)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("lon:Q", title=t("common.lon"), scale=alt.Scale(zero=False)),
            y=alt.Y("lat:Q", title=t("common.lat"), scale=alt.Scale(zero=False)),
            size=alt.Size("quota:Q", title=t("establishment.posts"), legend=None),
            color=alt.Color(
                "gap:Q",
                title=t("establishment.gap"),
                scale=alt.Scale(scheme="redblue", domain=[-limit, limit], reverse=True, clamp=True),
            ),
            tooltip=["name:N", "district:N", "quota:Q", "staff:Q", "gap:Q"],
        )
    )


def shortage_heatmap(heat: pd.DataFrame) -> alt.Chart:
    """Shortage (FTE) per district (``name``) and subject (``subject_label``)."""
    return (
        alt.Chart(heat)
        .mark_rect()
        .encode(
            x=alt.X(
                "subject_label:N",
                title=t("common.subject"),
                sort=[label("subject", s) for s in vocab.SUBJECTS],
            ),
            y=alt.Y("name:N", title=t("common.district"), sort=None),
            color=alt.Color(
                "shortage:Q",
                title=t("establishment.shortage_fte"),
                scale=alt.Scale(scheme="oranges"),
            ),
            tooltip=[
                "name:N",
                "subject_label:N",
                alt.Tooltip("shortage:Q", format=".1f"),
                alt.Tooltip("surplus:Q", format=".1f"),
            ],
        )
    )
