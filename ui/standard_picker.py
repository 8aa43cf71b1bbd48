"""Sidebar choice of a staffing standard: a stored set, or a custom copy edited in place."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import vocab
from ui.i18n import label, lang_key, t

__all__ = ["CUSTOM", "choose_standard"]

CUSTOM = "__custom__"


def _set(standards: pd.DataFrame, name: str) -> pd.DataFrame:
    rows = standards[standards["name"] == name]
    return rows.drop(columns="name").reset_index(drop=True)


def choose_standard(
    standards: pd.DataFrame, prefix: str, start: str | None = None
) -> tuple[str, pd.DataFrame]:
    """The chosen set's name (or ``CUSTOM``) and its rows in the ``standard`` contract;
    the choice starts at the set named ``start``."""
    names = sorted(standards["name"].unique())
    choice = st.sidebar.selectbox(
        t("establishment.standard"),
        [*names, CUSTOM],
        format_func=lambda n: (
            t("establishment.custom") if n == CUSTOM else t("establishment.standard_name", name=n)
        ),
        key=lang_key(f"{prefix}_standard", default=start if start in names else None),
    )
    if choice != CUSTOM:
        return choice, _set(standards, choice)
    base = st.sidebar.selectbox(
        t("establishment.custom_base"),
        names,
        format_func=lambda n: t("establishment.standard_name", name=n),
        key=lang_key(f"{prefix}_custom_base"),
    )
    wide = (
        _set(standards, base)
        .pivot(index="level", columns="location", values="students_per_staff")
        .reindex(index=list(vocab.LEVELS), columns=list(vocab.LOCATIONS))
    )
    wide.insert(0, "section", [label("level", lv) for lv in wide.index])
    st.sidebar.caption(t("establishment.custom_help"))
    edited = st.sidebar.data_editor(
        wide.reset_index(drop=True),
        key=f"{prefix}_custom_{base}",
        hide_index=True,
        disabled=["section"],
        column_config={
            "section": t("common.level"),
            **{
                loc: st.column_config.NumberColumn(
                    label("location", loc),
                    min_value=1.0,
                    max_value=60.0,
                    step=0.5,
                    required=True,
                    format="%.1f",
                )
                for loc in vocab.LOCATIONS
            },
        },
    )
    edited.index = list(vocab.LEVELS)
    rows = [
        {"level": lv, "location": loc, "students_per_staff": float(edited.loc[lv, loc])}
        for lv in vocab.LEVELS
        for loc in vocab.LOCATIONS
        if pd.notna(edited.loc[lv, loc])
    ]
    return CUSTOM, pd.DataFrame(rows, columns=["level", "location", "students_per_staff"])
