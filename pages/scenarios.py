"""Scenarios: keep, compare side by side, and take to the meeting."""

import streamlit as st

from planning.scenario import diff
from ui import cached, people
from ui.frames import frames, planning_year
from ui.i18n import t
from ui.saved import baseline, baseline_note, saved_scenarios, stored
from ui.scenarios import admin, views
from ui.scenarios.apply import apply_plan
from ui.shell import require_app

require_app()
data = frames()
st.title(t("scenario.title"))
rows = saved_scenarios()
if rows.empty:
    st.info(t("scenario.none"))
    st.stop()
admin.scenario_table(rows)
admin.scenario_actions(rows)
apply_plan(rows)

st.header(t("compare.title"))
picked = admin.pick_for_comparison(rows)
if len(picked) < 2:
    st.info(t("compare.pick_two"))
    st.stop()
base_scenario = baseline(rows)
wanted = [stored(rows, name) for name in picked] + [base_scenario.scenario]
*results, base = views.run_each(
    wanted, lambda one: cached.scenario_result(data.stamp, one.to_json())
)
if not base_scenario.marked:
    baseline_note(base_scenario)
views.compare(results, base)
st.subheader(t("people.title"))
st.caption(t("people.compare_note"))
st.dataframe(
    people.comparison(data.stamp, planning_year(), [r.scenario for r in results]), hide_index=True
)
other = next((r for r in results if r.scenario.name != base.scenario.name), results[0])
views.differences(
    diff(base, other), other.scenario.name, base.scenario.name, data.schools, data.teachers
)
views.exports(results, base, data)
