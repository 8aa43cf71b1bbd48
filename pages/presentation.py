"""Presentation mode: one topic per screen, large type, nothing to edit.

Open as /presentation?scenario=NAME&step=N (a link to a meeting's slide); without a
scenario it shows the working scenario (what the planning pages show, the baseline
until something is changed, loaded or opened from a shared link).
"""

import streamlit as st

from ui import cached, people
from ui.frames import frames, planning_year
from ui.i18n import t
from ui.presentation import views
from ui.saved import baseline, saved_scenarios, stored
from ui.shell import require_app
from ui.state import working
from ui.text import plain

require_app()
views.large_type()
data = frames()
rows = saved_scenarios()
wanted = st.query_params.get("scenario")
scenario = stored(rows, wanted) if wanted is not None and wanted in set(rows["name"]) else working()
result = cached.scenario_result(data.stamp, scenario.to_json())
base = cached.scenario_result(data.stamp, baseline(rows).scenario.to_json())
step = min(max(int(st.query_params.get("step", 0) or 0), 0), len(views.TOPICS) - 1)
topic = views.TOPICS[step]

st.title(t("present.heading", name=plain(scenario.name), topic=t(f"present.topic_{topic}")))
views.against(base)
if topic == "headline":
    views.headline(result, base)
elif topic == "people":
    shown = people.figures(data.stamp, planning_year(), scenario.district_id, scenario.to_json())
    people.show(shown, links=False)
else:
    views.module(result, base, topic)
views.steps(step)
