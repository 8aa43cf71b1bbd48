"""Stored mentoring links (带教结对) against the assignment: what they cover, what of
the proposal is not stored yet.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Mentoring”.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.contracts import check
from planning.talent.mentoring import MentoringPlan

__all__ = ["LinkCoverage", "link_coverage"]

_PAIR = ["teacher_id", "school_id", "subject"]
_CELL = ["school_id", "subject"]


@dataclass(frozen=True)
class LinkCoverage:
    """``links``: the stored links of the schools in view; ``active``: of them, those
    running; ``covered_stored``: weak school × subject cells covered by a strong
    teacher of their own or a running link; ``covered_proposed``: the same with the
    proposal's pairs instead of the links (the plan's ``covered_after``); ``new_pairs``:
    the proposal's pairs without a running link of the same mentor, school and
    subject (what storing the proposal adds)."""

    links: pd.DataFrame
    active: int
    covered_stored: int
    covered_proposed: int
    new_pairs: pd.DataFrame


def link_coverage(plan: MentoringPlan, links: pd.DataFrame, schools: pd.DataFrame) -> LinkCoverage:
    """Coverage by the stored links beside coverage by the proposal.

    Rule (docs/domain.md, “Mentoring”): a cell the plan counts as lacking (its
    ``needs``) is covered by the links when a running (``active``) link names its
    school and subject; cells with a strong teacher of their own count as covered
    either way (the plan's ``covered_before``). Links of schools outside ``schools``
    are left out; a link whose cell no longer lacks the subject covers nothing more.
    """
    check(links, "mentor_links", ["link_id", *_PAIR, "status"])
    links = links[links["school_id"].isin(schools["school_id"])].reset_index(drop=True)
    running = links[links["status"] == "active"]
    linked = plan.needs[_CELL].merge(running[_CELL].drop_duplicates(), on=_CELL)
    proposal = plan.pairs[_PAIR]
    stored = proposal.merge(running[_PAIR], on=_PAIR, how="left", indicator=True)
    new_pairs = proposal[(stored["_merge"] == "left_only").to_numpy()].reset_index(drop=True)
    return LinkCoverage(
        links=links,
        active=len(running),
        covered_stored=plan.covered_before + len(linked),
        covered_proposed=plan.covered_after,
        new_pairs=new_pairs,
    )
