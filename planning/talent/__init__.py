"""Talent, posts and recruitment (人才与岗位): the Gardener Award split, the post
structure and promotion candidates, the recruitment plan, the mentoring network and
the special-grade pipeline (特级教师后备梯队).

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”. One module per concern:
:mod:`~planning.talent.award`, :mod:`~planning.talent.posts`,
:mod:`~planning.talent.recruitment`, :mod:`~planning.talent.mentoring`,
:mod:`~planning.talent.pipeline`, the stored links against the assignment
:mod:`~planning.talent.links`; refusals are
:class:`~planning.talent.errors.TalentError`.
"""

from planning.talent.award import split_award
from planning.talent.errors import TalentError
from planning.talent.links import LinkCoverage, link_coverage
from planning.talent.mentoring import MentoringPlan, MentoringRules, mentoring
from planning.talent.pipeline import Pipeline, PipelineRules, pipeline
from planning.talent.posts import (
    LEVELS,
    NEXT_LEVEL,
    PostCeilingShares,
    PromotionRules,
    over_ceiling,
    post_levels,
    promotion_candidates,
    school_type,
)
from planning.talent.recruitment import RecruitmentPlan, RecruitmentRules, recruitment_plan

__all__ = [
    "LEVELS", "NEXT_LEVEL", "LinkCoverage", "MentoringPlan", "MentoringRules", "Pipeline",
    "PipelineRules", "PostCeilingShares", "PromotionRules", "RecruitmentPlan",
    "RecruitmentRules", "TalentError", "link_coverage", "mentoring", "over_ceiling",
    "pipeline", "post_levels", "promotion_candidates", "recruitment_plan", "school_type",
    "split_award",
]  # fmt: skip
