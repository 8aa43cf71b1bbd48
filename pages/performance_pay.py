"""Performance pay: every teacher's pay under a policy, against the baseline."""

import streamlit as st

from planning import pay, pay_analysis
from ui import cached
from ui.filters import filters
from ui.frames import frames
from ui.i18n import t
from ui.performance_pay import controls, views
from ui.saved import baseline, baseline_note
from ui.share import share_box
from ui.shell import require_app
from ui.state import refusal, save_box, working

require_app()
data = frames()

st.title(t("pay.title"))
controls.policy_controls()
save_box()
share_box()
benchmark = controls.benchmark()
scope = filters(data.districts, "pay")
if (reason := refusal()) is not None:
    st.error(t("pay.bad_policy", detail=reason))
schools, teachers = scope.apply(data.schools, data.teachers)
if teachers.empty:
    st.info(t("common.no_schools"))
    st.stop()

base = baseline()
allocation = pay.allocate(teachers, schools, working().pay)
before = cached.allocation(data.stamp, base.scenario.pay.to_json())
before = before[before["teacher_id"].isin(teachers["teacher_id"])]
views.headline(
    pay_analysis.summary(allocation, teachers, schools),
    pay_analysis.change(before, allocation),
    pay.benchmark_check(allocation, teachers, benchmark),
    benchmark,
)
baseline_note(base)
views.distributions(allocation, teachers, schools)
views.losers(teachers, schools, before, allocation)
views.slip(teachers, schools, before, allocation)
views.export(allocation, teachers, schools, before)
with st.expander(t("pay.how")):
    st.markdown(t("pay.how_body"))
