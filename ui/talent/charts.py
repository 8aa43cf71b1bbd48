"""Talent & posts' charts: posts held against the ceilings by level, recruitment by
county."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.i18n import t
from ui.paired_charts import paired_bars

__all__ = ["level_bars", "recruitment_bars"]


def level_bars(levels: pd.DataFrame) -> alt.Chart:
    """Posts held and ceilings per level (``level_label``, ``held``, ``ceiling``), in
    the frame's order."""
    measures = {"ceiling": t("talent.ceiling"), "held": t("talent.held")}
    return paired_bars(levels, "level_label", measures, x_title=t("talent.level"),
                       y_title=t("talent.posts"), order=levels["level_label"].tolist())  # fmt: skip


def recruitment_bars(counties: pd.DataFrame) -> alt.Chart:
    """Vacancies and posts recruited per county (``district``, ``vacancies``,
    ``posts``)."""
    measures = {"vacancies": t("talent.vacancies"), "posts": t("talent.recruit")}
    return paired_bars(counties, "district", measures, x_title=t("common.district"),
                       y_title=t("talent.people"))  # fmt: skip
