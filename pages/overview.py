"""Overview: the city at a glance, for the first minute of a meeting."""

import streamlit as st

from planning import citystats, vocab
from planning.scope import restrict
from ui import cached, charts
from ui.data import frames, planning_year
from ui.figures import headline_table
from ui.format import num, pct
from ui.i18n import label, labelled, lang_key, t
from ui.scenario_state import baseline_scenario
from ui.shell import require_app

require_app()

data = frames()
year = planning_year()

names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
district = st.sidebar.selectbox(
    t("common.scope"),
    [None, *names],
    format_func=lambda d: t("common.whole_city") if d is None else names[d],
    key=lang_key("overview_scope"),
)
schools, teachers = restrict(
    data.schools, data.teachers, district_ids=None if district is None else [district]
)

st.title(t("overview.title"))
st.caption(t("overview.caption", year=year))

head = citystats.headline(schools, teachers)
cols = st.columns(5)
cols[0].metric(t("overview.schools"), num(head["schools"]))
cols[1].metric(t("overview.teachers"), num(head["teachers"]))
cols[2].metric(t("overview.students"), num(head["students"]))
cols[3].metric(t("overview.students_per_teacher"), num(head["students_per_teacher"], 1))
cols[4].metric(t("overview.backbone_share"), pct(head["backbone_share"]))

locations = [label("location", c) for c in vocab.LOCATIONS]
loc = citystats.by_location(schools, teachers, year=year)
loc["location_label"] = labelled(loc["location"], "location")

st.subheader(t("overview.by_location"))
st.dataframe(
    loc[
        [
            "location_label",
            "schools",
            "teachers",
            "students",
            "students_per_teacher",
            "backbone_share",
            "mean_age",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "location_label": t("common.location"),
        "schools": st.column_config.NumberColumn(t("overview.schools"), format="localized"),
        "teachers": st.column_config.NumberColumn(t("overview.teachers"), format="localized"),
        "students": st.column_config.NumberColumn(t("overview.students"), format="localized"),
        "students_per_teacher": st.column_config.NumberColumn(
            t("overview.students_per_teacher"), format="%.1f"
        ),
        "backbone_share": st.column_config.NumberColumn(
            t("overview.backbone_share"), format="percent"
        ),
        "mean_age": st.column_config.NumberColumn(t("overview.mean_age"), format="%.1f"),
    },
)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.backbone_by_district"))
    split = citystats.by_district(
        data.schools, data.teachers, data.districts, year=year, split_location=True
    )
    split["location_label"] = labelled(split["location"], "location")
    st.altair_chart(
        charts.grouped_bars(
            split,
            x="name",
            y="backbone_share",
            color="location_label",
            x_title=t("common.district"),
            y_title=t("overview.backbone_share"),
            color_title=t("common.location"),
            y_format=".0%",
            color_domain=locations,
        ),
        width="stretch",
    )
with right:
    st.subheader(t("overview.age_profile"))
    ages = citystats.age_profile(schools, teachers, year=year)
    ages["location_label"] = labelled(ages["location"], "location")
    st.altair_chart(
        charts.share_lines(
            ages,
            x="band",
            y="share",
            color="location_label",
            x_title=t("overview.age_band"),
            y_title=t("overview.share_of_teachers"),
            color_title=t("common.location"),
            color_domain=locations,
        ),
        width="stretch",
    )

st.subheader(t("overview.by_district"))
dist = citystats.by_district(data.schools, data.teachers, data.districts, year=year)
st.dataframe(
    dist.drop(columns="district_id"),
    hide_index=True,
    width="stretch",
    column_config={
        "name": t("common.district"),
        "schools": st.column_config.NumberColumn(t("overview.schools"), format="localized"),
        "students": st.column_config.NumberColumn(t("overview.students"), format="localized"),
        "weak_schools": st.column_config.NumberColumn(t("overview.weak_schools")),
        "teachers": st.column_config.NumberColumn(t("overview.teachers"), format="localized"),
        "backbone_share": st.column_config.NumberColumn(
            t("overview.backbone_share"), format="percent"
        ),
        "mean_age": st.column_config.NumberColumn(t("overview.mean_age"), format="%.1f"),
        "students_per_teacher": st.column_config.NumberColumn(
            t("overview.students_per_teacher"), format="%.1f"
        ),
    },
)
baseline = baseline_scenario()
if baseline is not None:
    st.subheader(t("overview.baseline", name=baseline.name))
    table = headline_table([cached.scenario_result(data.stamp, baseline.to_json())])
    figures = table.set_index(t("compare.figure"))[baseline.name]
    cols = st.columns(5)
    for col, figure in zip(
        cols, ["posts", "short_posts", "moved", "cv_primary_after", "mean_fen"], strict=True
    ):
        col.metric(t(f"compare.fig_{figure}"), figures[t(f"compare.fig_{figure}")])

with st.expander(t("overview.how")):
    st.markdown(t("overview.how_body"))
