"""Talent & posts: post structure and promotion, the recruitment plan, the mentoring
network, the special-grade pipeline and the Gardener Award split, each a what-if of
its parameters."""

import streamlit as st

from planning import talent
from ui import cached
from ui.establishment.views import staffing_standard
from ui.filters import filters
from ui.frames import frames
from ui.i18n import t
from ui.shell import require_app
from ui.state import working
from ui.talent import controls, links, views

require_app()
data = frames()
st.title(t("talent.title"))
scope = filters(data.districts, "tal")
schools, teachers = scope.apply(data.schools, data.teachers)
if schools.empty:
    st.info(t("common.no_schools"))
    st.stop()
scenario = working()
names = views.Names.of(data.schools, data.districts, data.teachers)
part = controls.part()

if part == "posts":
    try:
        ceilings, rules = controls.ceilings(), controls.promotion_rules()
        quota = cached.quotas(data.stamp, scenario.to_json(), cached.scope_key(scope))
        levels = talent.post_levels(quota, schools, teachers, ceilings)
        candidates = talent.promotion_candidates(
            teachers, levels, rules, year=scenario.rotation_year
        )
    except talent.TalentError as exc:
        views.refused(exc)
    else:
        views.posts(levels, talent.over_ceiling(levels), candidates, names)
elif part == "recruit":
    try:
        plan = talent.recruitment_plan(
            schools, teachers, staffing_standard(scenario, data), data.curriculum,
            controls.recruitment_rules(), year=scenario.rotation_year,
        )  # fmt: skip
    except talent.TalentError as exc:
        views.refused(exc)
    else:
        views.recruitment(plan, names)
elif part == "mentor":
    try:
        mentoring = talent.mentoring(schools, teachers, data.curriculum, controls.mentoring_rules())
    except talent.TalentError as exc:
        views.refused(exc)
    else:
        stored = talent.link_coverage(mentoring, data.mentor_links, schools)
        views.mentoring(mentoring, stored, names)
        links.store_pairs(stored)
        links.end_link(stored.links, names.teachers, names.schools)
elif part == "pipeline":
    try:
        reserve = talent.pipeline(
            schools, teachers, controls.pipeline_rules(), year=scenario.rotation_year
        )
    except talent.TalentError as exc:
        views.refused(exc)
    else:
        views.pipeline(reserve, names)
else:
    try:
        split = talent.split_award(controls.award_quota(), schools, teachers)
    except talent.TalentError as exc:
        views.refused(exc)
    else:
        views.award(split, names)

with st.expander(t("talent.how")):
    st.markdown(t("talent.how_body"))
