"""Cadres (干部队伍): succession, training, assessment, duties and rotation of school
leaders, as what-ifs."""

import streamlit as st

from planning import cadres as engine
from ui.cadres import controls, views
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
schools = data.schools
if district is not None:
    schools = schools[schools["district_id"] == district]
cadres = data.cadres[data.cadres["school_id"].isin(schools["school_id"])]
records = data.cadre_records[data.cadre_records["cadre_id"].isin(cadres["cadre_id"])]
reserves = data.cadre_reserves
if district is not None:
    reserves = reserves[reserves["district_id"] == district]
scores = data.cadre_scores[data.cadre_scores["cadre_id"].isin(cadres["cadre_id"])]
year = planning_year()
people = views.directory(data.cadres, data.schools, names)

tabs = st.tabs([t("cadres.succession"), t("cadres.training"), t("cadres.assessment"),
                t("cadres.duties"), t("cadres.rotation")])  # fmt: skip
with tabs[0]:
    if chosen.succession is not None:
        result = engine.succession(cadres, schools, reserves, chosen.succession, year=year)
        views.succession(result, people, names)
with tabs[1]:
    if chosen.training is not None:
        table = engine.training(cadres, records, chosen.training, year=year)
        views.training(table, engine.training_summary(table, chosen.training), people)
with tabs[2]:
    if chosen.assessment is not None and not scores.empty:
        latest = int(scores["year"].max())
        graded = engine.grade(scores, chosen.assessment, year=latest)
        # against the default weights at the same cap: what the weights alone change
        default = engine.AssessmentRules(excellent_cap=chosen.assessment.excellent_cap)
        moved = engine.grade_changes(scores, chosen.assessment, default, year=latest)
        views.assessment(graded, moved, latest, people)
with tabs[3]:
    if chosen.duties is not None:
        views.duties(engine.duties(cadres, records, chosen.duties, year=year), year, people)
with tabs[4]:
    if chosen.succession is not None:
        views.rotation(engine.rotation_due(cadres, chosen.succession, year=year), people)
with st.expander(t("cadres.how")):
    st.markdown(t("cadres.how_body"))
