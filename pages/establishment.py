"""Establishment: quotas against staff under a standard and enrollment growth."""

import streamlit as st

from planning import establishment as est
from ui import cached
from ui.establishment import controls, views
from ui.filters import filters
from ui.frames import frames
from ui.i18n import t
from ui.saved import baseline, baseline_note
from ui.share import share_box
from ui.shell import require_app
from ui.state import refusal, save_box, working

require_app()
data = frames()
names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))

controls.controls(data.standards)
save_box()
share_box()
scope = filters(data.districts, "est")
schools, teachers = scope.apply(data.schools, data.teachers)

st.title(t("establishment.title"))
if (reason := refusal()) is not None:
    st.error(t("establishment.bad_standard", detail=reason))
if schools.empty:
    st.info(t("common.no_schools"))
    st.stop()
scenario, base = working(), baseline()
key = cached.scope_key(scope)
try:
    quota = cached.quotas(data.stamp, scenario.to_json(), key)
except ValueError as exc:
    st.error(t("establishment.bad_standard", detail=str(exc)))
    st.stop()
before = cached.quotas(data.stamp, base.scenario.to_json(), key)
views.headline(est.summary(quota), est.summary(before))
baseline_note(base)
gaps = cached.subject_gaps(data.stamp, tuple(scenario.growth().items()), key)
views.school_tables(quota, gaps, schools, names)
views.subject_view(gaps, schools, names)
with st.expander(t("establishment.how")):
    st.markdown(t("establishment.how_body"))
