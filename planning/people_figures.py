"""Talent and cadres at a glance: the figures Overview and presentation mode show
beside the staffing figures (issue 17 Deliver 3, issue 18 Deliver 5).

Each figure is a count of an engine's result, as that engine's page shows it in full:
:func:`planning.cadres.succession`, :func:`planning.cadres.training_summary`,
:func:`planning.talent.mentoring` with :func:`planning.talent.link_coverage`, and
:func:`planning.talent.over_ceiling` (docs/domain.md, “Cadres and training (干部培训)”
and “Talent, posts and recruitment (人才与岗位)”).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.cadres import Succession, TrainingSummary
from planning.talent import LinkCoverage, MentoringPlan

__all__ = ["PeopleFigures", "people_figures"]


@dataclass(frozen=True)
class PeopleFigures:
    """``head_vacancies``: 正职 posts (书记, 校长) falling vacant within the succession
    horizon; ``head_no_successor``: of them, those without a ready reserve;
    ``leaders``, ``behind_training``: leaders, and those behind on the five-year
    training cycle; ``lacking_cells``: weak school × subject cells without a strong
    teacher of their own; ``unmentored_cells``: of them, those with no running
    mentoring link (None, both, when the scope has no mentor at all);
    ``schools_over_ceiling``: schools holding more posts of a level than its ceiling."""

    head_vacancies: int
    head_no_successor: int
    leaders: int
    behind_training: int
    lacking_cells: int | None
    unmentored_cells: int | None
    schools_over_ceiling: int


def people_figures(
    succession: Succession,
    training: TrainingSummary,
    mentoring: tuple[MentoringPlan, LinkCoverage] | None,
    over_ceiling: pd.DataFrame,
) -> PeopleFigures:
    """The counts of the engines' results (``mentoring`` None when there is no mentor).

    A lacking cell is mentored when a running link names its school and subject, so
    ``unmentored_cells`` = lacking cells − (covered by the links − covered before).
    """
    heads = succession.vacancies["level"] == "head"
    uncovered = succession.uncovered["level"] == "head"
    lacking = unmentored = None
    if mentoring is not None:
        plan, links = mentoring
        lacking = len(plan.needs)
        unmentored = lacking - (links.covered_stored - plan.covered_before)
    return PeopleFigures(
        head_vacancies=int(heads.sum()),
        head_no_successor=int(uncovered.sum()),
        leaders=training.leaders,
        behind_training=training.behind,
        lacking_cells=lacking,
        unmentored_cells=unmentored,
        schools_over_ceiling=len(over_ceiling),
    )
