"""Charts that overlay scenarios: one per module, scenarios side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import altair as alt
import pandas as pd

from planning.scenario import ScenarioResult
from ui.i18n import t

__all__ = ["MODULE_FIGURES", "module_chart", "pay_spread", "projected", "projector_type"]

MODULE_FIGURES = {
    "establishment": ("posts", "staff", "short_posts", "over_posts"),
    "rotation": ("required", "moved"),
    "balance": ("counties_primary_after", "counties_junior_after"),
    "pay": ("mean_fen",),
}


def module_chart(results: Sequence[ScenarioResult], module: str) -> alt.Chart:
    """Grouped bars of a module's figures, one colour per scenario."""
    source = "rotation" if module == "balance" else module
    rows = [
        {
            "scenario": r.scenario.name,
            "figure": t(f"compare.fig_{f}"),
            "value": r.headline[source][f] / (100 if f.endswith("_fen") else 1),
        }
        for r in results
        for f in MODULE_FIGURES[module]
    ]
    frame = pd.DataFrame(rows)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("figure:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("scenario:N", sort=None),
            y=alt.Y("value:Q", title=t(f"compare.unit_{module}")),
            color=alt.Color("scenario:N", title=t("compare.scenario"), sort=None),
            tooltip=["scenario:N", "figure:N", alt.Tooltip("value:Q", format=",.3~f")],
        )
        .properties(title=t(f"compare.module_{module}"), width=420, height=260)
    )
    return bars


def pay_spread(spread: pd.DataFrame) -> alt.Chart:
    """Each scenario's mean total pay per active teacher by school location (bars), with
    the range from the 10th to the 90th percentile (a line through each bar).
    ``spread``: scenario, location (a label), mean_yuan, p10_yuan, p90_yuan
    (:func:`planning.pay_analysis.distribution` per scenario)."""
    base = alt.Chart(spread).encode(
        x=alt.X("location:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("scenario:N", sort=None),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("mean_yuan:Q", title=t("compare.pay_axis")),
        color=alt.Color("scenario:N", title=t("compare.scenario"), sort=None),
    )
    ranges = base.mark_rule(strokeWidth=3, color="#333").encode(y="p10_yuan:Q", y2="p90_yuan:Q")
    return (bars + ranges).properties(title=t("compare.pay_spread"), width=420, height=260)


C = TypeVar("C", alt.Chart, alt.LayerChart, alt.FacetChart)


def projected(chart: C, width: int, height: int) -> C:
    """``chart`` at ``width`` × ``height`` pixels in :func:`projector_type`."""
    return projector_type(chart.properties(width=width, height=height))


def projector_type(chart: C) -> C:
    """``chart`` with type large enough for a projector: placed 12.3 inches wide on a
    slide, a 22-pixel label is about 19 pt."""
    return (
        chart.configure_axis(labelFontSize=22, titleFontSize=22)
        .configure_legend(labelFontSize=22, titleFontSize=22, symbolSize=300)
        .configure_title(fontSize=26)
        .configure_header(labelFontSize=24, titleFontSize=24)
    )
