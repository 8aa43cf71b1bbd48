"""Charts of the Rotation page alone: flows between districts, the simulation (the
move map and county balance, shared with the meeting report, are in
:mod:`ui.plan_charts`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["flow_chart", "simulation_chart"]


def flow_chart(flows: pd.DataFrame, *, source: str, target: str, count: str) -> alt.Chart:
    """Heatmap of moves from district (rows) to district (columns)."""
    return (
        alt.Chart(flows)
        .mark_rect()
        .encode(
            x=alt.X("to_name:N", title=target, sort=None),
            y=alt.Y("from_name:N", title=source, sort=None),
            color=alt.Color("moves:Q", title=count, scale=alt.Scale(scheme="reds")),
            tooltip=["from_name:N", "to_name:N", "moves:Q"],
        )
    )


def simulation_chart(
    sim: pd.DataFrame, *, year: str, value: str, level: str, top: int
) -> alt.Chart:
    """Counties meeting all three indicators per level over the simulated years
    (``level_label``, ``year``, ``value``), out of ``top``."""
    return (
        alt.Chart(sim)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=year),
            y=alt.Y("value:Q", title=value, scale=alt.Scale(domain=[0, max(top, 1)])),
            color=alt.Color("level_label:N", title=level),
        )
    )
