"""Overview: the city at a glance, for the first minute of a meeting."""

import dataclasses

import streamlit as st

from ui import cached, people
from ui.frames import frames, planning_year
from ui.i18n import t
from ui.overview import controls, views
from ui.saved import baseline, baseline_note
from ui.shell import require_app
from ui.state import working

require_app()
data = frames()
year = planning_year()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
district = controls.scope(names)
figures = cached.city_figures(data.stamp, year, district)

st.title(t("overview.title"))
st.caption(t("overview.caption", year=year))
base = baseline()
base_result = cached.scenario_result(data.stamp, base.scenario.to_json())
now = working()
same = dataclasses.replace(now, name=base.scenario.name) == base.scenario
now_result = base_result if same else cached.scenario_result(data.stamp, now.to_json())
views.attention(now_result, base_result, names)
if not base.marked:
    baseline_note(base)
views.headline(figures.headline)
st.subheader(t("people.title"))
people.show(people.figures(data.stamp, year, district, base.scenario.to_json()), links=True)
views.by_location(figures.by_location)
views.charts_row(figures.by_district_location, figures.ages)
views.by_district(figures.by_district)
with st.expander(t("overview.how")):
    st.markdown(t("overview.how_body"))
