"""The decision log as people read it: each approved scenario's decision, meeting,
approver and day, newest first, and its Excel download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.decisions import list_decisions
from ui.export import to_xlsx_bytes
from ui.i18n import t
from ui.local_time import local_time, zone_name

__all__ = ["DOWNLOAD", "FIND", "decision_table", "decisions", "log_view", "matching"]

DOWNLOAD = "dec_download"
FIND = "dec_find"
_SHOWN = ("scenario", "text", "meeting", "approver", "decided_on", "recorded_by", "recorded_at")


def decisions() -> pd.DataFrame:
    """Every recorded decision (:func:`models.decisions.list_decisions`)."""
    return list_decisions(get_engine())


def decision_table(decisions: pd.DataFrame) -> pd.DataFrame:
    """:func:`models.decisions.list_decisions` under the session's headers, the
    recording time in the configured zone."""
    table = decisions.assign(recorded_at=decisions["recorded_at"].map(local_time))
    return table[list(_SHOWN)].rename(columns=lambda c: t(f"decisions.{c}"))


def matching(decisions: pd.DataFrame, wanted: str) -> pd.DataFrame:
    """The decisions whose scenario, text, meeting or approver contains ``wanted``."""
    wanted = wanted.strip()
    if not wanted:
        return decisions
    fields = decisions[["scenario", "text", "meeting", "approver"]].astype(str)
    hit = fields.apply(lambda col: col.str.contains(wanted, case=False, regex=False))
    return decisions[hit.any(axis=1)]


def log_view(decisions: pd.DataFrame) -> None:
    """The decisions found (all, until something is searched for) on screen and in one
    workbook."""
    wanted = st.text_input(t("decisions.find"), key=FIND, placeholder=t("decisions.find_hint"))
    table = decision_table(matching(decisions, wanted))
    st.caption(t("decisions.count", shown=len(table), n=len(decisions), zone=zone_name()))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={t("decisions.text"): st.column_config.TextColumn(width="medium")},
    )
    sheet = t("decisions.sheet")
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes({sheet: table}),
        file_name=f"{sheet}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=DOWNLOAD,
    )
