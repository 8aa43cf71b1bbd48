"""Establishment: quotas against staff under a standard and enrollment growth."""

import altair as alt
import streamlit as st

from planning import establishment as est
from planning import vocab
from ui.data import frames
from ui.export import to_xlsx_bytes
from ui.format import num
from ui.i18n import label, labelled, lang_key, t
from ui.scenario_state import remember, save_box, working
from ui.shell import require_app
from ui.sidebar import filters, growth_sliders
from ui.standard_picker import CUSTOM, choose_standard

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))

start = working()
chosen, standard = choose_standard(data.standards, "est", start.standard)
baseline_name = st.sidebar.selectbox(
    t("establishment.baseline"),
    sorted(data.standards["name"].unique()),
    format_func=lambda n: t("establishment.standard_name", name=n),
    key=lang_key("est_baseline"),
)
growth = growth_sliders("est", start.growth())
use_floor = st.sidebar.toggle(
    t("establishment.class_floor"), value=start.class_floor is not None, key="est_floor_on"
)
floor = st.sidebar.slider(
    t("establishment.class_floor_value"),
    1.0,
    3.0,
    float(start.class_floor or 1.5),
    0.1,
    disabled=not use_floor,
    key="est_floor",
)
remember(
    standard=chosen if chosen != CUSTOM else start.standard,
    custom_standard=tuple(standard.itertuples(index=False, name=None)) if chosen == CUSTOM else (),
    growth_primary=growth["primary"],
    growth_junior=growth["junior"],
    growth_senior=growth["senior"],
    class_floor=floor if use_floor else None,
)
save_box("est")
scope = filters(data.districts, "est")
schools, teachers = scope.apply(data.schools, data.teachers)

st.title(t("establishment.title"))
if schools.empty:
    st.info(t("common.no_schools"))
    st.stop()
try:
    quota = est.quotas(
        schools, teachers, standard, growth=growth, class_floor=floor if use_floor else None
    )
except ValueError as exc:
    st.error(t("establishment.bad_standard", detail=str(exc)))
    st.stop()
base = est.quotas(schools, teachers, data.standard(baseline_name))
now, before = est.summary(quota), est.summary(base)

cols = st.columns(5)
# More posts is neutral; more shortage, overage or net gap is bad news.
tone = {
    "posts": "normal",
    "staff": "off",
    "short_posts": "inverse",
    "over_posts": "inverse",
    "net": "inverse",
}
for col, (key, color) in zip(cols, tone.items(), strict=True):
    col.metric(
        t(f"establishment.{key}"),
        num(now[key]),
        delta=num(now[key] - before[key]),
        delta_color=color,
        help=t(f"establishment.{key}_help"),
    )
st.caption(t("establishment.deltas", name=baseline_name))

district = est.by_district(quota, schools).assign(name=lambda f: f["district_id"].map(names))
bars = district.melt(id_vars=["name"], value_vars=["quota", "staff"], var_name="measure")
bars["measure"] = bars["measure"].map(
    {"quota": t("establishment.posts"), "staff": t("establishment.staff")}
)
left, right = st.columns(2)
with left:
    st.subheader(t("establishment.by_district"))
    st.altair_chart(
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("name:N", title=t("common.district"), sort=None),
            xOffset="measure:N",
            y=alt.Y("value:Q", title=t("establishment.people")),
            color=alt.Color("measure:N", title=None),
            tooltip=["name:N", "measure:N", alt.Tooltip("value:Q", format=",")],
        ),
        width="stretch",
    )
table = quota.merge(schools[["school_id", "code", "name", "district_id", "location", "lat", "lon"]])
table["district"] = table["district_id"].map(names)
table["location_label"] = labelled(table["location"], "location")
table["status_label"] = labelled(table["status"], "quota_status")
with right:
    st.subheader(t("establishment.map"))
    limit = max(1, int(table["gap"].abs().quantile(0.95)))
    st.altair_chart(
        alt.Chart(table)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("lon:Q", title=t("common.lon"), scale=alt.Scale(zero=False)),
            y=alt.Y("lat:Q", title=t("common.lat"), scale=alt.Scale(zero=False)),
            size=alt.Size("quota:Q", title=t("establishment.posts"), legend=None),
            color=alt.Color(
                "gap:Q",
                title=t("establishment.gap"),
                scale=alt.Scale(scheme="redblue", domain=[-limit, limit], reverse=True, clamp=True),
            ),
            tooltip=["name:N", "district:N", "quota:Q", "staff:Q", "gap:Q"],
        ),
        width="stretch",
    )

st.subheader(t("establishment.subjects"))
gaps = est.subject_gaps(schools, teachers, data.curriculum, growth=growth)
gaps = gaps[gaps["subject"] != "admin"]
heat = est.shortage_by(gaps, schools).assign(
    name=lambda f: f["district_id"].map(names),
    subject_label=lambda f: labelled(f["subject"], "subject"),
)
st.altair_chart(
    alt.Chart(heat)
    .mark_rect()
    .encode(
        x=alt.X(
            "subject_label:N",
            title=t("common.subject"),
            sort=[label("subject", s) for s in vocab.SUBJECTS],
        ),
        y=alt.Y("name:N", title=t("common.district"), sort=None),
        color=alt.Color(
            "shortage:Q", title=t("establishment.shortage_fte"), scale=alt.Scale(scheme="oranges")
        ),
        tooltip=[
            "name:N",
            "subject_label:N",
            alt.Tooltip("shortage:Q", format=".1f"),
            alt.Tooltip("surplus:Q", format=".1f"),
        ],
    ),
    width="stretch",
)

shown = ["code", "name", "district", "location_label", "quota", "staff", "gap", "status_label"]
config = {
    "code": t("common.code"),
    "name": t("common.school"),
    "district": t("common.district"),
    "location_label": t("common.location"),
    "quota": t("establishment.posts"),
    "staff": t("establishment.staff"),
    "gap": t("establishment.gap"),
    "status_label": t("establishment.status_col"),
}
short_col, over_col = st.columns(2)
with short_col:
    st.subheader(t("establishment.top_short"))
    st.dataframe(table.nlargest(10, "gap")[shown], hide_index=True, column_config=config)
with over_col:
    st.subheader(t("establishment.top_over"))
    st.dataframe(table.nsmallest(10, "gap")[shown], hide_index=True, column_config=config)

st.download_button(
    t("common.download_xlsx"),
    data=lambda: to_xlsx_bytes(
        {
            t("establishment.sheet"): table[shown]
            .rename(columns=config)
            .sort_values(config["gap"], ascending=False)
        }
    ),
    file_name="establishment.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="est_download",
)
with st.expander(t("establishment.how")):
    st.markdown(t("establishment.how_body"))
