"""Overview: the city at a glance, for the first minute of a meeting."""

import streamlit as st

from planning import citystats
from planning.scope import restrict
from ui import cached
from ui.frames import frames, planning_year
from ui.i18n import t
from ui.overview import controls, views
from ui.saved import baseline, baseline_note
from ui.shell import require_app

require_app()
data = frames()
year = planning_year()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
district = controls.scope(names)
schools, teachers = restrict(
    data.schools, data.teachers, district_ids=None if district is None else [district]
)

st.title(t("overview.title"))
st.caption(t("overview.caption", year=year))
views.headline(citystats.headline(schools, teachers))
views.by_location(citystats.by_location(schools, teachers, year=year))
views.charts_row(
    citystats.by_district(
        data.schools, data.teachers, data.districts, year=year, split_location=True
    ),
    citystats.age_profile(schools, teachers, year=year),
)
views.by_district(citystats.by_district(data.schools, data.teachers, data.districts, year=year))
base = baseline()
views.baseline_figures(cached.scenario_result(data.stamp, base.scenario.to_json()))
if not base.marked:
    baseline_note(base)
with st.expander(t("overview.how")):
    st.markdown(t("overview.how_body"))
