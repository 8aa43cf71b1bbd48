"""Talent & posts' charts: posts held against the ceilings by level, recruitment by
county."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.i18n import t

__all__ = ["level_bars", "recruitment_bars"]


def level_bars(levels: pd.DataFrame) -> alt.Chart:
    """Posts held and ceilings per level (``level_label``, ``held``, ``ceiling``), in
    the frame's order."""
    order = levels["level_label"].tolist()
    bars = levels.melt(id_vars=["level_label"], value_vars=["ceiling", "held"], var_name="m")
    bars["m"] = bars["m"].map({"ceiling": t("talent.ceiling"), "held": t("talent.held")})
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("level_label:N", title=t("talent.level"), sort=order),
            xOffset="m:N",
            y=alt.Y("value:Q", title=t("talent.posts")),
            color=alt.Color("m:N", title=None),
            tooltip=["level_label:N", "m:N", alt.Tooltip("value:Q", format=",")],
        )
    )


def recruitment_bars(counties: pd.DataFrame) -> alt.Chart:
    """Vacancies and posts recruited per county (``district``, ``vacancies``,
    ``posts``)."""
    bars = counties.melt(id_vars=["district"], value_vars=["vacancies", "posts"], var_name="m")
    bars["m"] = bars["m"].map({"vacancies": t("talent.vacancies"), "posts": t("talent.recruit")})
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("district:N", title=t("common.district"), sort=None),
            xOffset="m:N",
            y=alt.Y("value:Q", title=t("talent.people")),
            color=alt.Color("m:N", title=None),
            tooltip=["district:N", "m:N", alt.Tooltip("value:Q", format=",")],
        )
    )
