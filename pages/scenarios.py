"""Scenarios: keep, compare side by side, and take to the meeting."""

import streamlit as st

from planning.scenario import Scenario, diff
from ui import cached
from ui.chart_images import cjk_font, png, svg
from ui.compare_charts import MODULE_FIGURES, module_chart
from ui.data import frames
from ui.deck import build_deck, build_workbook
from ui.figures import headline_table
from ui.format import fen_to_yuan
from ui.i18n import labelled, lang_key, t
from ui.scenario_admin import pick_for_comparison, scenario_actions, scenario_table
from ui.scenario_state import saved_scenarios
from ui.shell import require_app

require_app()
data = frames()
st.title(t("scenario.title"))
rows = saved_scenarios()
if rows.empty:
    st.info(t("scenario.none"))
    st.stop()
scenario_table(rows)
scenario_actions(rows)

st.header(t("compare.title"))
by_name = rows.set_index("name")
baseline_names = rows.loc[rows["status"] == "baseline", "name"].tolist()
picked = pick_for_comparison(rows)
if len(picked) < 2:
    st.info(t("compare.pick_two"))
    st.stop()
with st.spinner(t("compare.running", n=len(picked))):
    results = [
        cached.scenario_result(data.stamp, Scenario.from_json(by_name.loc[n, "params"]).to_json())
        for n in picked
    ]
base = next((r for r in results if r.scenario.name in baseline_names), results[0])
st.caption(t("compare.against", name=base.scenario.name))
st.dataframe(headline_table(results, base), hide_index=True, width="stretch")

charts = {module: module_chart(results, module) for module in MODULE_FIGURES}
cols = st.columns(2)
for k, chart in enumerate(charts.values()):
    with cols[k % 2]:
        st.altair_chart(chart, width="stretch")

other = next(r for r in results if r is not base)
change = diff(base, other)
names = data.schools.set_index("school_id")["name"]
people = data.teachers.set_index("teacher_id")["name"]
left, right = st.columns(2)
with left:
    st.subheader(t("compare.moves_only", name=other.scenario.name, base=base.scenario.name))
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
    st.subheader(t("compare.pay_most", name=other.scenario.name))
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

st.header(t("compare.exports"))
if cjk_font() is None:
    st.warning(t("compare.no_cjk_font"))
cols = st.columns(4)
cols[0].download_button(
    t("compare.deck"),
    data=lambda: build_deck(results, base),
    file_name="shizi-meeting.pptx",
    key="cmp_deck",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
cols[1].download_button(
    t("compare.workbook"),
    data=lambda: build_workbook(results, base),
    file_name="shizi-scenarios.xlsx",
    key="cmp_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
chart_pick = cols[2].selectbox(
    t("compare.chart"),
    list(charts),
    key=lang_key("cmp_chart"),
    format_func=lambda m: t(f"compare.module_{m}"),
    label_visibility="collapsed",
)
with cols[3]:
    st.download_button(
        "PNG",
        data=lambda: png(charts[chart_pick]),
        file_name=f"{chart_pick}.png",
        mime="image/png",
        key="cmp_png",
    )
    st.download_button(
        "SVG",
        data=lambda: svg(charts[chart_pick]),
        file_name=f"{chart_pick}.svg",
        mime="image/svg+xml",
        key="cmp_svg",
    )
if st.button(t("compare.present"), key="cmp_present", icon=":material/slideshow:"):
    st.switch_page("pages/presentation.py", query_params={"scenario": base.scenario.name})
