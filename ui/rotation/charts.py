"""Charts of a rotation plan: the move map, flows between districts, balance."""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["balance_chart", "flow_chart", "move_map", "simulation_chart"]


def move_map(
    schools: pd.DataFrame, moves: pd.DataFrame, *, role_title: str, lat: str, lon: str
) -> alt.LayerChart:
    """Schools by role (``role_label``) and one line per pair of schools with moves
    between them, thicker for more moves: the chart sends a mark per school and per
    pair with only the fields it draws, not a record per move."""
    place = schools.set_index("school_id")[["lat", "lon"]]
    pairs = moves.groupby(["from_school", "to_school"]).size().rename("moves").reset_index()
    lines = pd.DataFrame(
        {
            "lat": place["lat"].reindex(pairs["from_school"]).to_numpy(),
            "lon": place["lon"].reindex(pairs["from_school"]).to_numpy(),
            "lat2": place["lat"].reindex(pairs["to_school"]).to_numpy(),
            "lon2": place["lon"].reindex(pairs["to_school"]).to_numpy(),
            "moves": pairs["moves"].to_numpy(),
        }
    )
    x = alt.X("lon:Q", title=lon, scale=alt.Scale(zero=False))
    y = alt.Y("lat:Q", title=lat, scale=alt.Scale(zero=False))
    rules = (
        alt.Chart(lines)
        .mark_rule(opacity=0.35, color="#b3261e")
        .encode(
            x=x, y=y, x2="lon2:Q", y2="lat2:Q", strokeWidth=alt.StrokeWidth("moves:Q", legend=None)
        )
    )
    points = (
        alt.Chart(schools[["lat", "lon", "name", "role_label"]])
        .mark_circle(size=40, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color("role_label:N", title=role_title),
            tooltip=["name:N", "role_label:N"],
        )
    )
    return rules + points


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


def balance_chart(
    cv: pd.DataFrame, *, county: str, value: str, when: str, threshold: str
) -> alt.FacetChart:
    """Each county's coefficient of variation before/after (``county``, ``when_label``,
    ``cv``), one panel per indicator (rows, ``indicator_label``) and level (columns,
    ``level_label``), each bar labelled with its value to two decimals, the level's
    threshold as a red line."""
    base = alt.Chart(cv).encode(
        x=alt.X("county:N", title=county, sort=None, axis=alt.Axis(labelAngle=-30)),
        xOffset=alt.XOffset("when_label:N", sort=None),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("cv:Q", title=value),
        color=alt.Color("when_label:N", title=when, sort=None),
        tooltip=["county:N", "when_label:N", alt.Tooltip("cv:Q", format=".2f")],
    )
    labels = base.mark_text(dy=-5, fontSize=9).encode(y="cv:Q", text=alt.Text("cv:Q", format=".2f"))
    line = (
        alt.Chart(cv)
        .mark_rule(color="#b3261e", strokeWidth=2)
        .encode(y="threshold:Q", tooltip=[alt.Tooltip("threshold:Q", title=threshold)])
    )
    return (
        alt.layer(bars, labels, line, data=cv)
        .properties(width=300, height=160)
        .facet(
            row=alt.Row("indicator_label:N", title=None, sort=None),
            column=alt.Column("level_label:N", title=None, sort=None),
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
