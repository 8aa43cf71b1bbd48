"""Performance pay: every teacher's pay under a policy, against the baseline."""

import altair as alt
import streamlit as st

from planning import metrics, pay
from ui import cached
from ui.data import frames
from ui.export import to_xlsx_bytes
from ui.format import fen_to_wan, fen_to_yuan, num, pct
from ui.i18n import label, labelled, lang_key, t
from ui.pay_controls import policy_controls
from ui.scenario_state import remember, save_box, working
from ui.shell import require_app
from ui.sidebar import filters

require_app()
data = frames()
stored = dict(zip(data.pay_policies["name"], data.pay_policies["params"], strict=True))
baseline = pay.PayPolicy.from_json(stored["default"]) if "default" in stored else pay.PayPolicy()

st.title(t("pay.title"))
try:
    policy = policy_controls(working().pay if working().name else baseline)
except ValueError as exc:
    st.error(t("pay.bad_policy", detail=str(exc)))
    st.stop()
remember(pay=policy)
save_box("pay")
benchmark = st.sidebar.number_input(
    t("pay.benchmark"),
    min_value=0,
    max_value=1_000_000,
    value=40_000,
    step=1_000,
    key="pay_benchmark",
    help=t("pay.benchmark_help"),
)
scope = filters(data.districts, "pay")
schools, teachers = scope.apply(data.schools, data.teachers)
if teachers.empty:
    st.info(t("common.no_schools"))
    st.stop()

allocation = pay.allocate(teachers, schools, policy)
before = cached.allocation(data.stamp, baseline.to_json())
before = before[before["teacher_id"].isin(teachers["teacher_id"])]
diff = pay.compare(before, allocation)
active = allocation.merge(teachers[["teacher_id", "status"]])
active = active[active["status"] == "active"]
ratio = pay.urban_rural_ratio(allocation, teachers, schools)
check = pay.benchmark_check(allocation, teachers, benchmark)

cols = st.columns(5)
cols[0].metric(
    t("pay.budget"),
    fen_to_wan(int(allocation["total_fen"].sum())),
    delta=fen_to_wan(int(allocation["total_fen"].sum() - before["total_fen"].sum())),
    help=t("pay.budget_help"),
)
cols[1].metric(
    t("pay.mean"),
    fen_to_yuan(int(check["mean_yuan"] * 100)),
    delta=pct(check["ratio"] - 1) if benchmark else None,
    help=t("pay.mean_help", benchmark=num(benchmark)),
)
cols[2].metric(t("pay.urban_rural"), num(ratio, 2), help=t("pay.urban_rural_help"))
cols[3].metric(t("pay.gini"), num(metrics.gini(active["total_fen"]), 3))
gains, losses = int((diff["outcome"] == "gain").sum()), int((diff["outcome"] == "loss").sum())
cols[4].metric(t("pay.winners_losers"), f"{gains:,} / {losses:,}", help=t("pay.winners_help"))
if benchmark and not check["meets"]:
    st.warning(t("pay.below_benchmark", mean=num(check["mean_yuan"]), benchmark=num(benchmark)))

left, right = st.columns(2)
for column, by in ((left, "location"), (right, "title")):
    stats = pay.summarize(allocation, teachers, schools, by)
    stats["group"] = labelled(stats[by], by)
    for q in ("mean_fen", "p10_fen", "p90_fen"):
        stats[q.replace("_fen", "")] = stats[q] / 100
    with column:
        st.subheader(t(f"pay.by_{by}"))
        base = alt.Chart(stats).encode(y=alt.Y("group:N", title=None, sort=None))
        st.altair_chart(
            base.mark_rule(strokeWidth=2).encode(
                x=alt.X("p10:Q", title=t("pay.yuan_year")), x2="p90:Q"
            )
            + base.mark_point(filled=True, size=90).encode(
                x="mean:Q",
                tooltip=[
                    alt.Tooltip("group:N", title=t(f"pay.group_{by}")),
                    alt.Tooltip("teachers:Q", title=t("pay.teachers"), format=","),
                    alt.Tooltip("mean:Q", title=t("pay.mean"), format=",.0f"),
                    alt.Tooltip("p10:Q", title="P10", format=",.0f"),
                    alt.Tooltip("p90:Q", title="P90", format=",.0f"),
                ],
            ),
            width="stretch",
        )
st.caption(t("pay.whiskers"))

st.subheader(t("pay.slip"))
query = st.text_input(t("pay.search"), key="pay_search", placeholder=t("pay.search_hint"))
found = (
    teachers[
        teachers["staff_no"].str.contains(query, regex=False)
        | teachers["name"].str.contains(query, regex=False)
    ].head(50)
    if query
    else teachers.head(0)
)
if query and found.empty:
    st.info(t("pay.no_match"))
elif not found.empty:
    pick = st.selectbox(
        t("pay.teacher"),
        found["teacher_id"].tolist(),
        key=lang_key("pay_pick"),
        format_func=lambda i: " · ".join(
            found.set_index("teacher_id").loc[i, ["staff_no", "name"]]
        ),
    )
    person = teachers.set_index("teacher_id").loc[pick]
    now = allocation.set_index("teacher_id").loc[pick]
    then = before.set_index("teacher_id").loc[pick]
    school = schools.set_index("school_id").loc[person["school_id"]]
    st.markdown(
        t(
            "pay.slip_head",
            name=person["name"],
            school=school["name"],
            title=label("title", person["title"]),
            grade=person["post_grade"],
            status=label("status", person["status"]),
        )
    )
    parts = ["basic_fen", "incentive_fen", "subsidy_fen", "total_fen"]
    st.table(
        {
            t("pay.part"): [t(f"pay.{p}") for p in parts],
            t("pay.baseline"): [fen_to_yuan(int(then[p])) for p in parts],
            t("pay.proposal"): [fen_to_yuan(int(now[p])) for p in parts],
            t("pay.change"): [fen_to_yuan(int(now[p] - then[p])) for p in parts],
        }
    )

table = (
    allocation.merge(teachers[["teacher_id", "staff_no", "name", "title", "status"]])
    .merge(schools[["school_id", "name"]].rename(columns={"name": "school"}))
    .merge(diff[["teacher_id", "delta_fen"]])
)
export = table.assign(
    **{
        p: table[p] / 100
        for p in ["basic_fen", "incentive_fen", "subsidy_fen", "total_fen", "delta_fen"]
    }
)
export["title"] = labelled(export["title"], "title")
export["status"] = labelled(export["status"], "status")
headers = {
    c: t(f"pay.col.{c}")
    for c in [
        "staff_no",
        "name",
        "school",
        "title",
        "status",
        "basic_fen",
        "incentive_fen",
        "subsidy_fen",
        "total_fen",
        "delta_fen",
    ]
}
st.download_button(
    t("common.download_xlsx"),
    data=lambda: to_xlsx_bytes({t("pay.sheet"): export[list(headers)].rename(columns=headers)}),
    file_name="performance_pay.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="pay_download",
)
with st.expander(t("pay.how")):
    st.markdown(t("pay.how_body"))
