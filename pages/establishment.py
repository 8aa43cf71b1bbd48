"""Establishment: quotas against staff under a standard and enrollment growth."""

import streamlit as st

from planning import establishment as est
from ui.establishment import controls, views
from ui.filters import filters
from ui.frames import frames
from ui.i18n import t
from ui.saved import baseline, baseline_note
from ui.shell import require_app
from ui.state import refusal, save_box, working

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))

controls.controls(data.standards)
save_box()
scope = filters(data.districts, "est")
schools, teachers = scope.apply(data.schools, data.teachers)

st.title(t("establishment.title"))
if (reason := refusal()) is not None:
    st.error(t("establishment.bad_standard", detail=reason))
if schools.empty:
    st.info(t("common.no_schools"))
    st.stop()
scenario, base = working(), baseline()
try:
    quota = est.quotas(
        schools,
        teachers,
        views.staffing_standard(scenario, data),
        growth=scenario.growth(),
        class_floor=scenario.class_floor,
    )
except ValueError as exc:
    st.error(t("establishment.bad_standard", detail=str(exc)))
    st.stop()
before = est.quotas(
    schools,
    teachers,
    views.staffing_standard(base.scenario, data),
    growth=base.scenario.growth(),
    class_floor=base.scenario.class_floor,
)
views.headline(est.summary(quota), est.summary(before))
baseline_note(base)
gaps = est.subject_gaps(schools, teachers, data.curriculum, growth=scenario.growth())
views.school_tables(quota, gaps, schools, names)
views.subject_view(gaps, schools, names)
with st.expander(t("establishment.how")):
    st.markdown(t("establishment.how_body"))
