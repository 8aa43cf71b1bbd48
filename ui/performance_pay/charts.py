"""Performance pay's charts: the spread of pay per group (P10–P90 whiskers, mean dot)
and how many teachers lose how much."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.i18n import t

__all__ = ["loss_chart", "spread_chart"]


def spread_chart(stats: pd.DataFrame, by: str) -> alt.LayerChart:
    """One row per group (``group`` label) from :func:`planning.pay_analysis.distribution`."""
    base = alt.Chart(stats).encode(y=alt.Y("group:N", title=None, sort=None))
    whiskers = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("p10_yuan:Q", title=t("pay.yuan_year")), x2="p90_yuan:Q"
    )
    means = base.mark_point(filled=True, size=90).encode(
        x="mean_yuan:Q",
        tooltip=[
            alt.Tooltip("group:N", title=t(f"pay.group_{by}")),
            alt.Tooltip("teachers:Q", title=t("pay.teachers"), format=","),
            alt.Tooltip("mean_yuan:Q", title=t("pay.mean"), format=",.0f"),
            alt.Tooltip("p10_yuan:Q", title="P10", format=",.0f"),
            alt.Tooltip("p90_yuan:Q", title="P90", format=",.0f"),
        ],
    )
    return whiskers + means


def loss_chart(bands: pd.DataFrame) -> alt.Chart:
    """Bars of :func:`planning.pay_analysis.loss_bands` (``band`` label, ``teachers``)."""
    return (
        alt.Chart(bands)
        .mark_bar()
        .encode(
            x=alt.X("band:N", title=t("pay.loss_yuan"), sort=None),
            y=alt.Y("teachers:Q", title=t("pay.teachers")),
            tooltip=[
                alt.Tooltip("band:N", title=t("pay.loss_yuan")),
                alt.Tooltip("teachers:Q", title=t("pay.teachers"), format=","),
            ],
        )
    )
