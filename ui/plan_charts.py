"""Charts of a rotation plan that the Rotation page and the meeting report (deck, PDF)
both draw: each county's balance indicators against their thresholds, and the move
map. :func:`balance_long` puts a plan's balance table into the chart's shape."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.i18n import labelled, t

__all__ = ["balance_chart", "balance_long", "county_balance", "move_map"]


def balance_long(table: pd.DataFrame, county_names: dict[int, str]) -> pd.DataFrame:
    """A plan's balance (:meth:`planning.rotation.RotationSummary.balance`) one row per
    county, level, indicator and moment (before or after the plan), with the labels
    the chart shows: county, level (primary first), level_label, indicator_label,
    threshold, when_label, cv."""
    named = table.assign(
        county=table["district_id"].map(county_names),
        level_label=labelled(table["level"], "level"),
        indicator_label=[t(f"rotation.indicator_{i}") for i in table["indicator"]],
    )
    long = named.melt(
        id_vars=["county", "level", "level_label", "indicator_label", "threshold"],
        value_vars=["before", "after"],
        var_name="when",
        value_name="cv",
    )
    moments = {"before": t("rotation.before"), "after": t("rotation.after")}
    order = long["level"].map({"primary": 0, "junior": 1, "senior": 2})
    long = long.iloc[order.argsort(kind="stable")].reset_index(drop=True)
    return long.assign(when_label=long["when"].map(moments))


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


def county_balance(
    cv: pd.DataFrame, *, county: str, value: str, indicator: str, width: int, height: int
) -> alt.FacetChart:
    """One panel per level (``level_label``): each county's three indicators'
    coefficients of variation after the plan (``county``, ``indicator_label``, ``cv``)
    as bars, the level's threshold as a red line: the meeting's view of
    :func:`balance_chart`, one moment and large type (no value on each bar: at a
    projector's size they would overlap)."""
    base = alt.Chart().encode(
        x=alt.X("county:N", title=county, sort=None, axis=alt.Axis(labelAngle=-30)),
        xOffset=alt.XOffset("indicator_label:N", sort=None),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("cv:Q", title=value),
        color=alt.Color("indicator_label:N", title=indicator, sort=None,
                        legend=alt.Legend(orient="bottom", labelLimit=0, columns=1)),
    )  # fmt: skip
    line = alt.Chart().mark_rule(color="#b3261e", strokeWidth=3).encode(y="threshold:Q")
    levels = list(dict.fromkeys(cv["level_label"]))  # primary first, as in the data
    return (
        alt.layer(bars, line, data=cv)
        .properties(width=width, height=height)
        .facet(column=alt.Column("level_label:N", title=None, sort=levels))
    )
