"""Presentation mode's views: large type, one topic per screen, and the step buttons.
Figures come from the scenario's :class:`planning.scenario.ScenarioResult`."""

from __future__ import annotations

import streamlit as st

from planning.scenario import ScenarioResult
from ui.compare_charts import MODULE_FIGURES, module_chart
from ui.figures import figure_text, headline_table
from ui.i18n import t

__all__ = ["EXIT", "NEXT", "PREVIOUS", "TOPICS", "headline", "large_type", "module", "steps"]

PREVIOUS = "present_prev"
NEXT = "present_next"
EXIT = "present_exit"
TOPICS = ("headline", *MODULE_FIGURES)
_HEADLINE = ("posts", "short_posts", "moved", "counties_primary_after", "budget_fen", "mean_fen")


def large_type() -> None:
    """No sidebar or header; large text and figures for a room."""
    st.markdown(
        """<style>
        [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
        [data-testid="stHeader"] {display: none;}
        .stApp {font-size: 1.5rem;}
        [data-testid="stMetricValue"] {font-size: 3.2rem;}
        [data-testid="stMetricLabel"] p {font-size: 1.4rem;}
        h1 {font-size: 3rem !important;}
        </style>""",
        unsafe_allow_html=True,
    )


def headline(result: ScenarioResult) -> None:
    """Six headline figures, three to a row."""
    cols = st.columns(3)
    for k, figure in enumerate(_HEADLINE):
        cols[k % 3].metric(t(f"compare.fig_{figure}"), figure_text(result, figure))


def module(result: ScenarioResult, topic: str) -> None:
    """A module's chart and its figures."""
    st.altair_chart(module_chart([result], topic), width="stretch")
    table = headline_table([result], figures=MODULE_FIGURES[topic])
    st.dataframe(table.drop(columns=t("compare.module")), hide_index=True, width="stretch")


def steps(step: int) -> None:
    """Previous, where we are, next, and back to the Scenarios page."""
    prev, where, nxt, leave = st.columns([1, 2, 1, 1])
    if prev.button(t("present.previous"), disabled=step == 0, key=PREVIOUS):
        st.query_params["step"] = str(step - 1)
        st.rerun()
    where.markdown(f"**{step + 1} / {len(TOPICS)}**")
    if nxt.button(t("present.next"), disabled=step == len(TOPICS) - 1, key=NEXT):
        st.query_params["step"] = str(step + 1)
        st.rerun()
    if leave.button(t("present.exit"), key=EXIT):
        st.switch_page("pages/scenarios.py")
