"""Grouped bars: two or more measures side by side for each category (posts against
staff per district, posts held against ceilings per level, vacancies against recruits
per county)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

__all__ = ["paired_bars"]


def paired_bars(
    frame: pd.DataFrame,
    category: str,
    measures: Mapping[str, str],
    *,
    x_title: str,
    y_title: str,
    order: Sequence[str] | None = None,
) -> alt.Chart:
    """One group of bars per ``category`` value, one bar per column of ``measures``
    (column -> its label in the legend), categories in ``order`` (else the frame's)."""
    bars = frame.melt(id_vars=[category], value_vars=list(measures), var_name="measure")
    bars["measure"] = bars["measure"].map(dict(measures))
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X(f"{category}:N", title=x_title, sort=list(order) if order else None),
            xOffset="measure:N",
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color("measure:N", title=None),
            tooltip=[f"{category}:N", "measure:N", alt.Tooltip("value:Q", format=",")],
        )
    )
