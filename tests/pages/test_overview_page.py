"""Overview as the director's landing: the figures that need attention first, for the
working plan against the baseline, each linking to the page that explains it (issue
16, Deliver 7)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from streamlit.testing.v1 import AppTest

import models
from planning import cadres, establishment, talent
from planning.rotation import RotationRules
from ui.overview.controls import SCOPE
from ui.state import WORKING

MakeApp = Callable[[str, str], AppTest]

_LABELS = ("Short", "Counties meeting all three, primary (after)", "Moves",
           "Pay budget (10k yuan)")  # fmt: skip


def _metrics(at: AppTest) -> dict[str, Any]:
    return {m.label: m for m in at.metric}


def test_attention_figures_against_the_baseline_with_links(
    demo_sqlite: str, make_app: MakeApp
) -> None:
    at = make_app(demo_sqlite, "en").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _metrics(at)
    assert all(label in shown for label in _LABELS), list(shown)
    assert [shown[label].delta for label in _LABELS] == [""] * 4  # the plan is the baseline
    links = [e.proto.page for e in at.get("page_link")]
    assert links == ["establishment", "rotation", "rotation", "performance_pay", "cadres", "talent"]

    plan = at.session_state[WORKING]
    at.session_state[WORKING] = dataclasses.replace(
        plan, name="新标准", standard="2014", rotation=RotationRules(rate=0.15)
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    after = _metrics(at)
    assert after["Short"].value != shown["Short"].value
    assert after["Short"].delta not in (None, "", "no change")
    assert after["Moves"].delta.startswith("+")
    assert "新标准" in at.subheader[0].value
    assert any("of 8. Scope: Whole city" in c.value for c in at.caption)

    district = models.load(demo_sqlite).districts.iloc[0]
    plan = at.session_state[WORKING]
    at.session_state[WORKING] = dataclasses.replace(plan, district_id=int(district["district_id"]))
    at.run()
    assert any(f"of 1. Scope: {district['name']}" in c.value for c in at.caption)


def test_shares_read_in_percent_like_the_figures(demo_sqlite: str, make_app: MakeApp) -> None:
    at = make_app(demo_sqlite, "en").run()
    headline = _metrics(at)["Backbone share (county+)"].value
    table = at.dataframe[0].value  # by location
    city = (table["backbone_share"] * table["teachers"]).sum() / table["teachers"].sum()
    assert f"{city:.1f}%" == headline  # the table holds percent (shown "%.1f%%"), not a fraction


def _people(url: str, district: int | None) -> dict[str, int]:
    """The four figures computed apart from the page, with the default parameters and
    the default scenario's quotas (the demo's baseline)."""
    data = models.load(url)
    schools, teachers = data.schools, data.teachers
    leaders, reserves = data.cadres, data.cadre_reserves
    if district is not None:
        schools = schools[schools["district_id"] == district]
        teachers = teachers[teachers["school_id"].isin(schools["school_id"])]
        leaders = leaders[leaders["school_id"].isin(schools["school_id"])]
        reserves = reserves[reserves["district_id"] == district]
    year = date.today().year
    gone = cadres.succession(leaders, schools, reserves, year=year).uncovered
    records = data.cadre_records[data.cadre_records["cadre_id"].isin(leaders["cadre_id"])]
    behind = cadres.training_summary(cadres.training(leaders, records, year=year)).behind
    plan = talent.mentoring(schools, teachers, data.curriculum)
    running = data.mentor_links[data.mentor_links["status"] == "active"]
    mentored = plan.needs.merge(running[["school_id", "subject"]].drop_duplicates())
    quota = establishment.quotas(schools, teachers, data.standard("2001"))
    over = talent.over_ceiling(talent.post_levels(quota, schools, teachers))
    return {
        "Principal posts without a successor": int((gone["level"] == "head").sum()),
        "Leaders behind on training": int(behind),
        "Weak-school subjects without a mentor": len(plan.needs) - len(mentored),
        "Schools over a post ceiling": len(over),
    }


def test_leaders_and_talent_figures_for_the_city_and_a_county(
    demo_sqlite: str, make_app: MakeApp
) -> None:
    at = make_app(demo_sqlite, "en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Leaders and talent" in [s.value for s in at.subheader]
    expected = _people(demo_sqlite, None)
    shown = {k: int(_metrics(at)[k].value.replace(",", "")) for k in expected}
    assert shown == expected
    assert expected["Weak-school subjects without a mentor"] > 0
    district = int(models.load(demo_sqlite).districts["district_id"].iloc[0])
    at.selectbox(key=f"{SCOPE}.en").set_value(district).run()
    assert not at.exception, [e.value for e in at.exception]
    county = _people(demo_sqlite, district)
    assert {k: int(_metrics(at)[k].value.replace(",", "")) for k in county} == county
    assert county != expected
