"""Charts that overlay scenarios: one per module, scenarios side by side."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from planning.scenario import ScenarioResult
from ui.i18n import t

__all__ = ["MODULE_FIGURES", "module_chart"]

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
