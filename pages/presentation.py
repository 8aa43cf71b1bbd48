"""Presentation mode: one topic per screen, large type, nothing to edit.

Open as /presentation?scenario=NAME&step=N (a link to a meeting's slide).
"""

import pandas as pd
import streamlit as st

from planning.scenario import Scenario
from ui import cached
from ui.compare_charts import MODULE_FIGURES, module_chart
from ui.data import frames
from ui.figures import FIGURES, headline_table
from ui.i18n import t
from ui.scenario_state import saved_scenarios
from ui.shell import require_app

require_app()
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
data = frames()
rows = saved_scenarios()
wanted = st.query_params.get("scenario")
if wanted is not None and wanted in set(rows["name"]):
    params = rows.set_index("name").loc[wanted, "params"]
    scenario = Scenario.from_json(params)
else:
    baseline = rows[rows["status"] == "baseline"]
    scenario = (
        Scenario.from_json(baseline["params"].iloc[0])
        if len(baseline)
        else Scenario(name=t("present.current"))
    )
result = cached.scenario_result(data.stamp, scenario.to_json())
topics = ["headline", *MODULE_FIGURES]
step = min(max(int(st.query_params.get("step", 0) or 0), 0), len(topics) - 1)
topic = topics[step]

st.title(t("present.heading", name=scenario.name, topic=t(f"present.topic_{topic}")))
if topic == "headline":
    wanted_figures = [
        f
        for f in FIGURES
        if f[1] in ("posts", "short_posts", "moved", "cv_primary_after", "budget_fen", "mean_fen")
    ]
    table = headline_table([result])
    figures = table.set_index(t("compare.figure"))[scenario.name]
    cols = st.columns(3)
    for k, (_module, figure, _kind) in enumerate(wanted_figures):
        label = t(f"compare.fig_{figure}")
        cols[k % 3].metric(label, figures[label])
else:
    st.altair_chart(module_chart([result], topic), width="stretch")
    table = headline_table([result])
    keep = {t(f"compare.fig_{f}") for f in MODULE_FIGURES[topic]}
    shown = table[table[t("compare.figure")].isin(keep)].drop(columns=t("compare.module"))
    st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")

prev, where, nxt, leave = st.columns([1, 2, 1, 1])
if prev.button(t("present.previous"), disabled=step == 0, key="present_prev"):
    st.query_params["step"] = str(step - 1)
    st.rerun()
where.markdown(f"**{step + 1} / {len(topics)}**")
if nxt.button(t("present.next"), disabled=step == len(topics) - 1, key="present_next"):
    st.query_params["step"] = str(step + 1)
    st.rerun()
if leave.button(t("present.exit"), key="present_exit"):
    st.switch_page("pages/scenarios.py")
