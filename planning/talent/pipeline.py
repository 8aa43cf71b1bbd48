"""The special-grade teacher pipeline (特级教师后备梯队, work plan §7): who meets the
reserve criteria, coverage by county and subject against a target, and the subjects
where a retiring special-grade teacher has no successor.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Special-grade pipeline”.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import params, vocab
from planning.contracts import check
from planning.talent.errors import TalentError

__all__ = ["Pipeline", "PipelineRules", "pipeline"]


@dataclass(frozen=True)
class PipelineRules:
    """The reserve criteria and targets (docs/domain.md, “Special-grade pipeline”).

    A reserve teacher is active, not yet special-grade, with a title in ``titles``, a
    backbone level in ``backbone_levels``, at least ``min_years`` of service (year −
    birth year − ``entry_age``) and an assessment in ``assessments`` (the table holds
    the latest year's grade only). ``target``: reserve teachers wanted per county and
    subject; ``horizon``: years ahead in which a special-grade teacher's retirement
    counts (at ``retire_age_male`` / ``retire_age_female``)."""

    titles: tuple[str, ...] = ("senior_plus", "senior")
    backbone_levels: tuple[str, ...] = ("city", "province")
    min_years: int = 15
    assessments: tuple[str, ...] = ("excellent",)
    entry_age: int = 22
    target: int = 1
    horizon: int = 5
    retire_age_male: int = 60
    retire_age_female: int = 55

    def __post_init__(self) -> None:
        for name in ("min_years", "target", "horizon"):
            if getattr(self, name) < 0:
                raise TalentError("negative", name=name, value=getattr(self, name))
        for name, known in (("titles", vocab.TITLES), ("backbone_levels", vocab.BACKBONES),
                            ("assessments", vocab.ASSESSMENTS)):  # fmt: skip
            unknown = set(getattr(self, name)) - set(known)
            if unknown:
                raise TalentError("unknown_code", value=", ".join(sorted(unknown)))

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> PipelineRules:
        return params.from_json(cls, text)


@dataclass(frozen=True)
class Pipeline:
    """``reserve``: teacher_id, school_id, district_id, subject, title, backbone,
    service_years, assessment; ``coverage``: district_id, subject, special (active
    special-grade teachers), reserve, target, short (max(target − reserve, 0)), one
    row per county and subject taught in it; ``no_successor``: subject, retiring
    (special-grade teachers reaching the retirement age within the horizon), reserve
    (city-wide), for the subjects with a retirement and no reserve teacher."""

    reserve: pd.DataFrame
    coverage: pd.DataFrame
    no_successor: pd.DataFrame


def pipeline(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    rules: PipelineRules | None = None,
    *,
    year: int,
    non_teaching: tuple[str, ...] = vocab.NON_TEACHING,
) -> Pipeline:
    """The reserve, its coverage and the subjects without a successor.

    Rule (docs/domain.md, “Special-grade pipeline”): the reserve is every teacher
    meeting :class:`PipelineRules`; coverage counts it per county and subject (the
    subjects taught by active teachers there, administration left out) against
    ``target``; a subject has no successor when a special-grade teacher of it
    reaches the retirement age by ``year`` + ``horizon`` and the city has no reserve
    teacher of it. Refuses criteria that select nobody (``no_candidates``).
    """
    rules = rules or PipelineRules()
    check(schools, "schools", ["school_id", "district_id"])
    check(teachers, "teachers",
          ["teacher_id", "school_id", "subject", "title", "backbone", "special_grade",
           "assessment", "status", "birth_year", "gender"])  # fmt: skip
    district = schools.set_index("school_id")["district_id"]
    active = teachers[
        (teachers["status"] == "active") & ~teachers["subject"].isin(non_teaching)
    ].assign(district_id=lambda f: f["school_id"].map(district))
    active = active[active["district_id"].notna()].astype({"district_id": "int64"})
    service = year - active["birth_year"] - rules.entry_age
    meets = (
        ~active["special_grade"]
        & active["title"].isin(rules.titles)
        & active["backbone"].isin(rules.backbone_levels)
        & (service >= rules.min_years)
        & active["assessment"].isin(rules.assessments)
    )
    if not meets.any():
        raise TalentError("no_candidates", what="reserve")
    reserve = active[meets].assign(service_years=service[meets].astype("int64"))
    reserve = reserve[["teacher_id", "school_id", "district_id", "subject", "title", "backbone",
                       "service_years", "assessment"]].reset_index(drop=True)  # fmt: skip
    keys = ["district_id", "subject"]
    taught = active.groupby(keys).size().rename("teachers")
    special = active[active["special_grade"]].groupby(keys).size().rename("special")
    held = reserve.groupby(keys).size().rename("reserve")
    coverage = pd.concat([taught, special, held], axis=1).fillna(0).astype("int64")
    coverage = coverage.reset_index()[[*keys, "special", "reserve"]]
    coverage["target"] = rules.target
    coverage["short"] = (rules.target - coverage["reserve"]).clip(lower=0)
    stars = active[active["special_grade"]]
    age = year + rules.horizon - stars["birth_year"]
    retire = np.where(stars["gender"] == "F", rules.retire_age_female, rules.retire_age_male)
    retiring = stars[(age >= retire).to_numpy()].groupby("subject").size().rename("retiring")
    city = reserve.groupby("subject").size().rename("reserve")
    gaps = pd.concat([retiring, city], axis=1).fillna(0).astype("int64")
    gaps = gaps[(gaps["retiring"] > 0) & (gaps["reserve"] == 0)]
    gaps = gaps.rename_axis("subject").reset_index()
    return Pipeline(reserve=reserve, coverage=coverage, no_successor=gaps)
