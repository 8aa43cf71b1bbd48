"""Scenarios' comparison views: the headline table against the baseline, a chart per
module, what differs between two plans, and the exports for the meeting. Figures come
from :class:`planning.scenario.ScenarioResult` and :func:`planning.scenario.diff`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from models.loaders import Frames
from planning.scenario import Scenario, ScenarioDiff, ScenarioResult
from ui.compare_charts import MODULE_FIGURES, module_chart
from ui.figures import headline_table
from ui.format import fen_to_yuan
from ui.i18n import labelled, lang_key, t
from ui.scenarios.chart_images import cjk_font, png, svg
from ui.scenarios.deck import build_deck
from ui.scenarios.pdf import build_pdf
from ui.scenarios.workbook import build_workbook
from ui.text import plain

__all__ = ["CHART", "DECK", "PDF", "PNG", "PRESENT", "SVG", "WORKBOOK", "compare", "differences",
           "exports", "run_each"]  # fmt: skip

DECK = "cmp_deck"
WORKBOOK = "cmp_xlsx"
CHART = "cmp_chart"  # + ".<lang>": which chart to download as an image
PDF = "cmp_pdf"
PNG = "cmp_png"
SVG = "cmp_svg"
PRESENT = "cmp_present"


def run_each(
    scenarios: Sequence[Scenario], run: Callable[[Scenario], ScenarioResult]
) -> list[ScenarioResult]:
    """``run`` on every scenario in turn, with a progress bar naming the one running;
    the bar is gone once they are all there."""
    progress = st.empty()
    done = []
    for k, one in enumerate(scenarios):
        step = t("compare.running", name=plain(one.name), k=k + 1, n=len(scenarios))
        progress.progress(k / len(scenarios), text=step)
        done.append(run(one))
    progress.empty()
    return done


def compare(results: Sequence[ScenarioResult], base: ScenarioResult) -> None:
    """The headline table with changes against ``base``; a chart per module."""
    st.caption(t("compare.against", name=plain(base.scenario.name)))
    st.dataframe(headline_table(results, base), hide_index=True, width="stretch")
    cols = st.columns(2)
    for k, module in enumerate(MODULE_FIGURES):
        with cols[k % 2]:
            st.altair_chart(module_chart(results, module), width="stretch")


def differences(
    change: ScenarioDiff, other: str, base: str, schools: pd.DataFrame, teachers: pd.DataFrame
) -> None:
    """Moves only ``other`` makes, and the teachers whose pay changes most."""
    names = schools.set_index("school_id")["name"]
    people = teachers.set_index("teacher_id")["name"]
    left, right = st.columns(2)
    with left:
        st.subheader(t("compare.moves_only", name=plain(other), base=plain(base)))
        only = change.moves_only_b
        st.dataframe(
            {
                t("pay.col.name"): people.reindex(only["teacher_id"]).to_numpy(),
                t("common.subject"): labelled(only["subject"], "subject").to_numpy(),
                t("rotation.from"): names.reindex(only["from_school"]).to_numpy(),
                t("rotation.to"): names.reindex(only["to_school"]).to_numpy(),
            },
            hide_index=True,
            width="stretch",
            height=260,
        )
    with right:
        st.subheader(t("compare.pay_most", name=plain(other)))
        top = change.pay.head(20)
        st.dataframe(
            {
                t("pay.col.name"): people.reindex(top["teacher_id"]).to_numpy(),
                t("common.school"): names.reindex(top["school_id"]).to_numpy(),
                t("pay.baseline"): [fen_to_yuan(v) for v in top["base_fen"]],
                t("pay.proposal"): [fen_to_yuan(v) for v in top["proposal_fen"]],
                t("pay.change"): [fen_to_yuan(v) for v in top["delta_fen"]],
            },
            hide_index=True,
            width="stretch",
            height=260,
        )


def exports(results: Sequence[ScenarioResult], base: ScenarioResult, data: Frames) -> None:
    """The deck, the workbook, one chart as PNG or SVG, the report as PDF, and
    presentation mode."""
    st.header(t("compare.exports"))
    if cjk_font() is None:
        st.warning(t("compare.no_cjk_font"))
    cols = st.columns(5)
    cols[0].download_button(
        t("compare.deck"),
        data=lambda: build_deck(results, base, data),
        file_name="shizi-meeting.pptx",
        key=DECK,
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    cols[4].download_button(
        t("compare.pdf"),
        data=lambda: build_pdf(results, base, data),
        file_name="shizi-meeting.pdf",
        key=PDF,
        mime="application/pdf",
        disabled=cjk_font() is None,
    )
    cols[1].download_button(
        t("compare.workbook"),
        data=lambda: build_workbook(results, base, data),
        file_name="shizi-scenarios.xlsx",
        key=WORKBOOK,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    module = cols[2].selectbox(
        t("compare.chart"),
        list(MODULE_FIGURES),
        key=lang_key(CHART),
        format_func=lambda m: t(f"compare.module_{m}"),
        label_visibility="collapsed",
    )
    with cols[3]:
        st.download_button(
            "PNG",
            data=lambda: png(module_chart(results, module)),
            file_name=f"{module}.png",
            mime="image/png",
            key=PNG,
        )
        st.download_button(
            "SVG",
            data=lambda: svg(module_chart(results, module)),
            file_name=f"{module}.svg",
            mime="image/svg+xml",
            key=SVG,
        )
    if st.button(t("compare.present"), key=PRESENT, icon=":material/slideshow:"):
        st.switch_page("pages/presentation.py", query_params={"scenario": base.scenario.name})
