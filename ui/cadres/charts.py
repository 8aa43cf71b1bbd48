"""The Cadres page's chart: ready reserves against the target, per county and level."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.i18n import t

__all__ = ["reserve_chart"]


def reserve_chart(counties: pd.DataFrame) -> alt.FacetChart:
    """Bars of ready reserves and a tick at the target, one row per county, a column
    per level; ``counties`` is :class:`planning.cadres.Succession`'s ``counties`` with
    ``county`` and ``level`` as labels."""
    base = alt.Chart(counties).encode(y=alt.Y("county:N", title=None, sort=None))
    tooltip = [
        alt.Tooltip("county:N", title=t("cadres.col.county")),
        alt.Tooltip("level:N", title=t("cadres.col.level")),
        alt.Tooltip("vacancies:Q", title=t("cadres.col.vacancies")),
        alt.Tooltip("ready:Q", title=t("cadres.col.ready")),
        alt.Tooltip("target:Q", title=t("cadres.col.target")),
    ]
    bars = base.mark_bar().encode(x=alt.X("ready:Q", title=t("cadres.col.ready")), tooltip=tooltip)
    ticks = base.mark_tick(color="#d62728", thickness=3).encode(x="target:Q", tooltip=tooltip)
    return (
        alt.layer(bars, ticks)
        .facet(column=alt.Column("level:N", title=None, sort=list(counties["level"].unique())))
        .resolve_scale(x="independent")
    )
