"""Talent and cadres at a glance: counts of the engines' results, worked by hand."""

from __future__ import annotations

import pandas as pd

from planning.cadres import Succession, TrainingSummary
from planning.people_figures import people_figures
from planning.talent import link_coverage, mentoring
from tests import factories as f
from tests.planning.test_talent_links import SCHOOLS, TEACHERS


def _succession(levels: list[str], uncovered: list[str]) -> Succession:
    return Succession(
        vacancies=pd.DataFrame({"cadre_id": range(len(levels)), "level": levels}),
        counties=pd.DataFrame(),
        uncovered=pd.DataFrame({"cadre_id": range(len(uncovered)), "level": uncovered}),
    )


TRAINING = TrainingSummary(leaders=10, met=5, on_track=2, behind=3, lacking_qualification=1,
                           seats_per_year=2)  # fmt: skip


def test_the_counts_of_each_result() -> None:
    # 4 lacking cells (weak schools 1, 2 × math, chinese); one running link covers one
    plan = mentoring(SCHOOLS, TEACHERS, f.curriculum(("primary", "chinese", 8, 16),
                                                     ("primary", "math", 5, 15)))  # fmt: skip
    links = f.frame("mentor_links", f.mentor_link(1, teacher_id=1, school_id=1))
    over = pd.DataFrame({"school_id": [3, 7], "levels": [("first",), ("senior",)], "over": [1, 2]})
    out = people_figures(
        _succession(["head", "deputy", "head"], ["deputy", "head"]),
        TRAINING,
        (plan, link_coverage(plan, links, SCHOOLS)),
        over,
    )
    assert (out.head_vacancies, out.head_no_successor) == (2, 1)  # deputies are not counted
    assert (out.leaders, out.behind_training) == (10, 3)
    assert (out.lacking_cells, out.unmentored_cells) == (4, 3)
    assert out.schools_over_ceiling == 2


def test_without_mentors_the_mentoring_counts_are_unknown() -> None:
    out = people_figures(_succession([], []), TRAINING, None, pd.DataFrame({"school_id": []}))
    assert (out.lacking_cells, out.unmentored_cells) == (None, None)
    assert (out.head_vacancies, out.head_no_successor, out.schools_over_ceiling) == (0, 0, 0)
