"""Presentation mode's views: large type, one topic per screen, and the step buttons.
Figures come from the scenario's :class:`planning.scenario.ScenarioResult`."""

from __future__ import annotations

import streamlit as st

from planning.scenario import ScenarioResult
from ui.compare_charts import MODULE_FIGURES, module_chart, projected
from ui.figures import figure_change, figure_text
from ui.i18n import t
from ui.presentation.keys import keyboard
from ui.text import plain

__all__ = ["EXIT", "NEXT", "PREVIOUS", "TOPICS", "against", "headline", "large_type", "module",
           "steps"]  # fmt: skip

PREVIOUS = "present_prev"
NEXT = "present_next"
EXIT = "present_exit"
TOPICS = ("headline", *MODULE_FIGURES, "people")
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
        [data-testid="stMetricDelta"] {font-size: 1.6rem;}
        h1 {font-size: 3rem !important;}
        </style>""",
        unsafe_allow_html=True,
    )


def against(base: ScenarioResult) -> None:
    """What every screen's changes are against."""
    st.caption(t("present.against", name=plain(base.scenario.name)))


def _figures(result: ScenarioResult, base: ScenarioResult, figures: tuple[str, ...]) -> None:
    """``figures`` as large numbers, up to four to a row (so a module's fit on a
    1366 × 768 screen), each with its change against ``base``."""
    per_row = len(figures) if len(figures) <= 4 else 3
    cols = st.columns(per_row)
    for k, figure in enumerate(figures):
        change = figure_change(result, base, figure, minus="-")
        cols[k % per_row].metric(
            t(f"compare.fig_{figure}"),
            figure_text(result, figure),
            delta=None if change == t("compare.no_change") else change,
            delta_color="off",
        )


def headline(result: ScenarioResult, base: ScenarioResult) -> None:
    """Six headline figures with their changes against ``base``."""
    _figures(result, base, _HEADLINE)


def module(result: ScenarioResult, base: ScenarioResult, topic: str) -> None:
    """A module's chart in large type, the baseline's bars beside the scenario's, and
    its figures with their changes."""
    shown = [result] if result.scenario.name == base.scenario.name else [base, result]
    st.altair_chart(projected(module_chart(shown, topic), 900, 360), width="stretch")
    _figures(result, base, MODULE_FIGURES[topic])


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
    st.caption(t("present.keys"))
    keyboard(PREVIOUS, NEXT)
