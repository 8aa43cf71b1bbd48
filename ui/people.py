"""Talent and cadres at a glance, for Overview and presentation mode: each engine run
with its default parameters on the data at a stamp, in one county or the city, kept
between reruns (:func:`planning.people_figures.people_figures`), and the four counts
labelled, each with what it is out of."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from models.loaders import Frames
from planning import cadres, establishment, talent
from planning.cadres import SuccessionRules
from planning.people_figures import PeopleFigures, people_figures
from planning.scenario import Scenario
from planning.scope import restrict
from ui.cadres.cached import scoped
from ui.establishment.views import staffing_standard
from ui.format import num
from ui.frames import frames
from ui.i18n import t

__all__ = ["comparison", "compute", "figures", "show", "table"]


@st.cache_data(max_entries=16, show_spinner=False)
def figures(stamp: int, year: int, district: int | None, scenario_json: str) -> PeopleFigures:
    """The figures for ``district`` (None: the city) in ``year`` on the data at
    ``stamp``; post ceilings apply to the quotas of the scenario ``scenario_json`` (the
    baseline, where the caller shows one). Only the ceilings depend on the scenario,
    so comparing scenarios runs the other engines once."""
    succession, trained, mentoring = _standing(stamp, year, district)
    over = _over_ceiling(stamp, district, scenario_json)
    return people_figures(succession, trained, mentoring, over)


@st.cache_data(max_entries=16, show_spinner=False)
def _standing(stamp: int, year: int, district: int | None) -> _Standing:
    return _standing_of(frames(), year, district)


@st.cache_data(max_entries=16, show_spinner=False)
def _over_ceiling(stamp: int, district: int | None, scenario_json: str) -> pd.DataFrame:
    return _over_of(frames(), district, Scenario.from_json(scenario_json))


def compute(data: Frames, year: int, district: int | None, chosen: Scenario) -> PeopleFigures:
    """:func:`figures` on ``data`` (the meeting report runs it on the frames it has)."""
    return people_figures(*_standing_of(data, year, district), _over_of(data, district, chosen))


_Standing = tuple[cadres.Succession, cadres.TrainingSummary,
                  tuple[talent.MentoringPlan, talent.LinkCoverage] | None]  # fmt: skip


def _standing_of(data: Frames, year: int, district: int | None) -> _Standing:
    """Succession, training and mentoring in the scope: what no scenario changes."""
    schools, teachers = restrict(
        data.schools, data.teachers, district_ids=None if district is None else [district]
    )
    leaders = scoped(district, data)
    succession = cadres.succession(leaders.cadres, leaders.schools, leaders.reserves, year=year)
    trained = cadres.training_summary(cadres.training(leaders.cadres, leaders.records, year=year))
    try:
        plan = talent.mentoring(schools, teachers, data.curriculum)
    except talent.TalentError:  # no mentor in this scope: nothing to pair
        return succession, trained, None
    return succession, trained, (plan, talent.link_coverage(plan, data.mentor_links, schools))


def _over_of(data: Frames, district: int | None, chosen: Scenario) -> pd.DataFrame:
    """The schools over a post ceiling under the quotas of ``chosen``."""
    schools, teachers = restrict(
        data.schools, data.teachers, district_ids=None if district is None else [district]
    )
    quota = establishment.quotas(
        schools, teachers, staffing_standard(chosen, data),
        growth=chosen.growth(), class_floor=chosen.class_floor,
    )  # fmt: skip
    return talent.over_ceiling(talent.post_levels(quota, schools, teachers))


def comparison(stamp: int, year: int, scenarios: Sequence[Scenario]) -> pd.DataFrame:
    """The four figures (rows) for each scenario in its own scope (a column each, named
    by the scenario), each as "count / out of" where it has one."""
    label, count, of = t("people.col_figure"), t("people.col_count"), t("people.col_of")
    out = pd.DataFrame()
    for chosen in scenarios:
        shown = table(figures(stamp, year, chosen.district_id, chosen.to_json()))
        out[label] = shown[label]
        out[chosen.name] = [
            f"{n} / {whole}" if whole not in ("", "—") else n
            for n, whole in zip(shown[count], shown[of], strict=True)
        ]
    return out


def table(people: PeopleFigures) -> pd.DataFrame:
    """The four figures as rows (figure, count, out of), for the meeting report."""
    unmentored = "—" if people.unmentored_cells is None else num(people.unmentored_cells)
    rows = [
        (t("people.no_successor"), num(people.head_no_successor), num(people.head_vacancies)),
        (t("people.behind_training"), num(people.behind_training), num(people.leaders)),
        (t("people.unmentored"), unmentored,
         "—" if people.lacking_cells is None else num(people.lacking_cells)),
        (t("people.over_ceiling"), num(people.schools_over_ceiling), ""),
    ]  # fmt: skip
    return pd.DataFrame(
        rows, columns=[t("people.col_figure"), t("people.col_count"), t("people.col_of")]
    )


def show(people: PeopleFigures, *, links: bool) -> None:
    """Principal posts without a successor, leaders behind on training, weak school ×
    subject cells without a mentor, schools over a post ceiling; with ``links``, the
    Cadres and Talent pages beneath."""
    years = SuccessionRules().horizon
    a, b, c, d = st.columns(4)
    a.metric(t("people.no_successor"), num(people.head_no_successor),
             help=t("people.no_successor_help", n=num(people.head_vacancies),
                    years=years))  # fmt: skip
    b.metric(t("people.behind_training"), num(people.behind_training),
             help=t("people.behind_training_help", n=num(people.leaders)))  # fmt: skip
    if people.unmentored_cells is None:
        c.metric(t("people.unmentored"), "—", help=t("people.no_mentors"))
    else:
        c.metric(t("people.unmentored"), num(people.unmentored_cells),
                 help=t("people.unmentored_help", n=num(people.lacking_cells or 0)))  # fmt: skip
    d.metric(t("people.over_ceiling"), num(people.schools_over_ceiling),
             help=t("people.over_ceiling_help"))  # fmt: skip
    if links:
        left, right = st.columns(2)
        left.page_link(
            "pages/cadres.py", label=t("people.to_cadres"), icon=":material/arrow_forward:"
        )
        right.page_link("pages/talent.py", label=t("people.to_talent"),
                        icon=":material/arrow_forward:")  # fmt: skip
