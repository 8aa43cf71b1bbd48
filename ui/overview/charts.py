"""Overview's charts: grouped bars and share lines by location (hundreds of marks)."""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["LOCATION_COLORS", "grouped_bars", "share_lines"]

# Urban, town, rural: one hue family darkening toward the countryside, readable in print.
LOCATION_COLORS = ["#4c78a8", "#f58518", "#54a24b"]


def _color(field: str, title: str, domain: list[str] | None) -> alt.Color:
    if domain is None:
        return alt.Color(f"{field}:N", title=title, sort=None)
    scale = alt.Scale(domain=domain, range=LOCATION_COLORS[: len(domain)])
    return alt.Color(f"{field}:N", title=title, scale=scale, sort=domain)


def grouped_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str,
    x_title: str,
    y_title: str,
    color_title: str,
    y_format: str = ",.0f",
    color_domain: list[str] | None = None,
) -> alt.Chart:
    """Bars of ``y`` per ``x``, side by side per ``color``."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=x_title, sort=None),
            xOffset=alt.XOffset(f"{color}:N", sort=color_domain),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
            color=_color(color, color_title, color_domain),
            tooltip=[
                alt.Tooltip(f"{x}:N", title=x_title),
                alt.Tooltip(f"{color}:N", title=color_title),
                alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
            ],
        )
    )


def share_lines(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str,
    x_title: str,
    y_title: str,
    color_title: str,
    color_domain: list[str] | None = None,
) -> alt.Chart:
    """Lines with points of a share (0–1, shown as %) over an ordered ``x``."""
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{x}:O", title=x_title),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format="%")),
            color=_color(color, color_title, color_domain),
            tooltip=[
                alt.Tooltip(f"{color}:N", title=color_title),
                alt.Tooltip(f"{x}:O", title=x_title),
                alt.Tooltip(f"{y}:Q", title=y_title, format=".1%"),
            ],
        )
    )
