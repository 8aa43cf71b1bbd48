"""Rotation: who must rotate, the best set of moves, and what it does."""

import altair as alt
import pandas as pd
import streamlit as st

from planning import metrics, rotation
from ui import cached
from ui.data import frames, planning_year
from ui.export import to_xlsx_bytes
from ui.format import num, pct
from ui.i18n import label, labelled, lang_key, t
from ui.rotation_charts import balance_chart, flow_chart, move_map
from ui.rotation_controls import rules_controls
from ui.scenario_state import remember, save_box, working
from ui.shell import require_app

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
school_names = data.schools.set_index("school_id")["name"]

st.title(t("rotation.title"))
year = st.sidebar.number_input(
    t("rotation.year"),
    2000,
    2100,
    working().rotation_year if working().name else planning_year(),
    key="rot_year",
)
district = st.sidebar.selectbox(
    t("common.scope"),
    [None, *names],
    format_func=lambda d: t("common.whole_city") if d is None else names[d],
    key=lang_key("rot_scope"),
)
try:
    rules = rules_controls(working().rotation)
except ValueError as exc:
    st.error(t("rotation.bad_rules", detail=str(exc)))
    st.stop()
remember(rotation=rules, rotation_year=int(year), district_id=district)
save_box("rot")

with st.spinner(t("rotation.solving")):
    result = cached.rotation_plan(data.stamp, rules.to_json(), int(year), district)
s, moves = result.summary, result.moves

cols = st.columns(6)
cols[0].metric(t("rotation.eligible"), num(s["eligible"]))
cols[1].metric(t("rotation.required"), num(s["required"]))
cols[2].metric(
    t("rotation.moved"),
    num(s["moved"]),
    delta=num(s["moved"] - s["required"]),
    delta_color="normal",
)
cols[3].metric(t("rotation.backbone_share_fig"), pct(s["backbone_share"]))
cols[4].metric(
    t("rotation.shortage_after"),
    num(s["shortage_after"], 1),
    delta=num(s["shortage_after"] - s["shortage_before"], 1),
    delta_color="inverse",
)
cols[5].metric(t("rotation.mean_km"), num(s["mean_km"], 1))

if result.binding.empty:
    st.success(t("rotation.all_met"))
else:
    with st.expander(t("rotation.binding", n=len(result.binding)), expanded=True):
        shown = result.binding.head(50)
        st.dataframe(
            pd.DataFrame(
                {
                    t("common.school"): school_names.reindex(shown["school_id"]).to_numpy(),
                    t("rotation.rule"): [t(f"rotation.rule_{r}") for r in shown["rule"]],
                    t("rotation.achieved"): [
                        f"{a} / {r}"
                        for a, r in zip(shown["achieved"], shown["required"], strict=True)
                    ],
                    t("rotation.reason"): [t(f"rotation.reason_{r}") for r in shown["reason"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )

left, right = st.columns(2)
with left:
    st.subheader(t("rotation.balance"))
    cv = pd.DataFrame(
        [
            {
                "level": lv,
                "when": when,
                "cv": s[f"cv_{lv}_{when}"],
                "threshold": metrics.CV_THRESHOLD[lv],
            }
            for lv in ("primary", "junior")
            for when in ("before", "after")
        ]
    )
    cv["level_label"] = labelled(cv["level"], "level")
    cv["when_label"] = cv["when"].map(
        {"before": t("rotation.before"), "after": t("rotation.after")}
    )
    st.altair_chart(
        balance_chart(
            cv,
            level=t("common.level"),
            value=t("rotation.cv"),
            when=t("rotation.when"),
            threshold=t("rotation.threshold"),
        ),
        width="stretch",
    )
    st.caption(t("rotation.balance_note"))
with right:
    st.subheader(t("rotation.map"))
    scope = (
        data.schools if district is None else data.schools[data.schools["district_id"] == district]
    )
    role = pd.Series("other", index=scope.index)
    role[rotation.receivers(scope, rules)] = "receiver"
    role[rotation.senders(scope, rules)] = "sender"
    scope = scope.assign(role_label=role.map(lambda r: t(f"rotation.role_{r}")))
    st.altair_chart(
        move_map(
            scope, moves, role_title=t("rotation.role"), lat=t("common.lat"), lon=t("common.lon")
        ),
        width="stretch",
    )

district_of = data.schools.set_index("school_id")["district_id"]
if len(moves):
    flows = (
        moves.assign(
            from_name=district_of.reindex(moves["from_school"]).map(names).to_numpy(),
            to_name=district_of.reindex(moves["to_school"]).map(names).to_numpy(),
        )
        .groupby(["from_name", "to_name"])
        .size()
        .rename("moves")
        .reset_index()
    )
    st.subheader(t("rotation.flows"))
    st.altair_chart(
        flow_chart(
            flows, source=t("rotation.from"), target=t("rotation.to"), count=t("rotation.moves")
        ),
        width="stretch",
    )

st.subheader(t("rotation.move_list"))
people = data.teachers.set_index("teacher_id")
table = pd.DataFrame(
    {
        t("pay.col.staff_no"): people["staff_no"].reindex(moves["teacher_id"]).to_numpy(),
        t("pay.col.name"): people["name"].reindex(moves["teacher_id"]).to_numpy(),
        t("common.subject"): labelled(moves["subject"], "subject").to_numpy(),
        t("rotation.from"): school_names.reindex(moves["from_school"]).to_numpy(),
        t("rotation.to"): school_names.reindex(moves["to_school"]).to_numpy(),
        t("rotation.km"): moves["km"].round(1).to_numpy(),
        t("rotation.backbone"): moves["backbone"].map({True: "✓", False: ""}).to_numpy(),
    }
)
query = st.text_input(t("rotation.filter"), key="rot_filter")
if query:
    table = table[
        table.apply(lambda row: row.astype(str).str.contains(query, regex=False).any(), axis=1)
    ]
st.dataframe(table, hide_index=True, width="stretch", height=320)
st.download_button(
    t("common.download_xlsx"),
    data=lambda: to_xlsx_bytes({t("rotation.sheet"): table}),
    file_name="rotation.xlsx",
    key="rot_download",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(t("rotation.simulation"))
years = st.slider(t("rotation.sim_years"), 1, 5, 3, key="rot_sim_years")
if st.button(t("rotation.sim_run"), key="rot_sim_run"):
    with st.spinner(t("rotation.sim_running", years=years)):
        st.session_state["rot_sim"] = cached.rotation_simulation(
            data.stamp, rules.to_json(), int(year), years, district
        )
sim = st.session_state.get("rot_sim")
if sim is not None:
    long = sim.melt(id_vars="year", value_vars=["cv_primary", "cv_junior"], var_name="level")
    long["level_label"] = long["level"].map(
        {"cv_primary": label("level", "primary"), "cv_junior": label("level", "junior")}
    )
    st.altair_chart(
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=t("rotation.year")),
            y=alt.Y("value:Q", title=t("rotation.cv")),
            color=alt.Color("level_label:N", title=t("common.level")),
        ),
        width="stretch",
    )
    st.dataframe(
        sim,
        hide_index=True,
        width="stretch",
        column_config={c: t(f"rotation.sim_col.{c}") for c in sim.columns},
    )

with st.expander(t("rotation.how")):
    st.markdown(t("rotation.how_body"))
