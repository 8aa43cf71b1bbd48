"""Rotation: who must rotate, the best set of moves, and what it does."""

import streamlit as st

from planning import rotation
from ui import cached
from ui.establishment.views import staffing_standard
from ui.frames import frames
from ui.i18n import t
from ui.rotation import controls, views
from ui.share import share_box
from ui.shell import require_app
from ui.state import refusal, save_box, working

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
school_names = data.schools.set_index("school_id")["name"]

st.title(t("rotation.title"))
controls.scope_controls(names)
controls.rules_controls()
save_box()
share_box()
if (reason := refusal()) is not None:
    st.error(t("rotation.bad_rules", detail=reason))
scenario = working()
rules, year, district = scenario.rotation, scenario.rotation_year, scenario.district_id

with st.spinner(t("rotation.solving")):
    result = cached.rotation_plan(data.stamp, rules.to_json(), year, district)
views.headline(result.summary, names)
views.binding(result.binding, school_names)

scope = data.schools if district is None else data.schools[data.schools["district_id"] == district]
role = rotation.school_roles(scope, rules)
moves = result.moves
flow = rotation.district_flows(moves, data.schools)
flow = flow.assign(
    from_name=flow["from_district"].map(names), to_name=flow["to_district"].map(names)
)
views.balance(result.summary, names)
left, right = st.columns(2)
with left:
    views.move_map(scope, role, moves)
with right:
    views.flows(flow)
if not rules.use_wishes:
    views.wishes_off(len(data.wishes))
elif result.wishes.wishing:
    with st.spinner(t("rotation.solving")):
        plain = cached.rotation_plan(data.stamp, rules.to_json(), year, district, False)
    views.wishes(
        result.wishes, rotation.wish_outcome(plain.moves, result.wishes.valid), data.teachers,
        school_names, result.summary.solver,
    )  # fmt: skip
else:
    views.wishes(result.wishes, result.wishes, data.teachers, school_names, result.summary.solver)
views.move_list(moves, data.teachers, school_names, data.wishes)

st.subheader(t("rotation.inverse_title"))
st.caption(t("rotation.inverse_intro"))
asked = (data.stamp, rules.to_json(), year, district)
if controls.inverse_button():
    with st.spinner(t("rotation.inverse_running")):
        answer = cached.rotation_inverse(*asked)
    st.session_state[controls.INVERSE] = (asked, answer)
if (last := st.session_state.get(controls.INVERSE)) is not None and last[0] == asked:
    views.inverse(last[1], names, data.teachers, school_names)

st.subheader(t("rotation.simulation"))
years, run = controls.simulation_years()
if run:
    with st.spinner(t("rotation.sim_running", years=years)):
        try:
            st.session_state[controls.SIMULATION] = cached.rotation_simulation(
                data.stamp,
                rules.to_json(),
                year,
                years,
                district,
                staffing_standard(scenario, data),
            )
        except rotation.TermPastGuard as exc:
            st.error(t("rotation.term_past_guard", term=exc.term_years, guard=exc.guard_years))
if (sim := st.session_state.get(controls.SIMULATION)) is not None:
    views.simulation(sim, len(names))

with st.expander(t("rotation.how")):
    st.markdown(t("rotation.how_body"))
