"""Cadres (干部队伍): succession, training, assessment, duties and rotation of school
leaders, as what-ifs."""

import streamlit as st

from planning.cadres import AssessmentRules
from ui.cadres import cached, controls, views
from ui.frames import frames, planning_year
from ui.i18n import t
from ui.shell import require_app

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))

st.title(t("cadres.title"))
if data.cadres.empty:
    st.info(t("cadres.empty"))
    st.stop()
chosen = controls.controls()
for refused in chosen.refused:
    st.error(t(refused.key, **refused.values))
district = controls.county(names)
year = planning_year()
people = views.directory(data.cadres, data.schools, names)

tabs = st.tabs([t("cadres.succession"), t("cadres.training"), t("cadres.assessment"),
                t("cadres.duties"), t("cadres.rotation")])  # fmt: skip
with tabs[0]:
    if chosen.succession is not None:
        result = cached.succession(data.stamp, district, chosen.succession, year)
        views.succession(result, people, names)
with tabs[1]:
    if chosen.training is not None:
        views.training(*cached.training(data.stamp, district, chosen.training, year), people)
with tabs[2]:
    if chosen.assessment is not None:
        graded = cached.assessment(data.stamp, district, chosen.assessment)
        if graded is not None:
            views.assessment(*graded, people)
with tabs[3]:
    if chosen.duties is not None:
        views.duties(cached.duties(data.stamp, district, chosen.duties, year), year, people)
with tabs[4]:
    if chosen.succession is not None:
        views.rotation(cached.rotation(data.stamp, district, chosen.succession, year), people)
        if chosen.exchange is not None:
            weights = chosen.assessment or AssessmentRules()
            plan = cached.exchange(data.stamp, district, chosen.exchange, chosen.succession,
                                   weights, year)  # fmt: skip
            schools = data.schools.set_index("school_id")["name"]
            views.exchange(plan, people, schools, names)
with st.expander(t("cadres.how")):
    st.markdown(t("cadres.how_body"))
