"""Recruitment plan (招聘): the vacancies that open over one to five years and the
recruitment that fills them, never past the establishment quota (按编定额).

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Recruitment plan”.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import establishment as est
from planning import params, vocab
from planning.contracts import check
from planning.talent.errors import TalentError
from planning.talent.posts import school_type

__all__ = ["RecruitmentPlan", "RecruitmentRules", "recruitment_plan"]


@dataclass(frozen=True)
class RecruitmentRules:
    """The recruitment plan's parameters (docs/domain.md, “Recruitment plan”).

    ``years``: the horizon, 1–5; ``leaver_rate``: the share of teachers who leave for
    other reasons each year (≥ 0, < 1); ``growth``: enrollment growth a year (> −1),
    compounded over the horizon; ``retire_age_male`` / ``retire_age_female``: the
    statutory ages, as the rotation rules take them; ``salary_yuan`` and
    ``performance_yuan``: a new teacher's yearly salary and performance pay, yuan;
    ``min_degree``: the lowest degree a post asks for, per school type (primary,
    junior, senior), 教师法 art. 11; ``non_teaching``: subjects not recruited."""

    years: int = 3
    leaver_rate: float = 0.01
    growth: float = 0.0
    retire_age_male: int = 60
    retire_age_female: int = 55
    salary_yuan: int = 84_000
    performance_yuan: int = 36_000
    min_degree: tuple[str, str, str] = ("associate", "bachelor", "bachelor")
    non_teaching: tuple[str, ...] = vocab.NON_TEACHING

    def __post_init__(self) -> None:
        if not 1 <= self.years <= 5:
            raise TalentError("horizon", value=self.years)
        if self.leaver_rate < 0:
            raise TalentError("negative", name="leaver_rate", value=self.leaver_rate)
        if self.leaver_rate >= 1:
            raise TalentError("rate_high", name="leaver_rate", value=self.leaver_rate)
        if not self.growth > -1:
            raise TalentError("growth", value=self.growth)
        for name in ("salary_yuan", "performance_yuan", "retire_age_male", "retire_age_female"):
            if getattr(self, name) < 0:
                raise TalentError("negative", name=name, value=getattr(self, name))
        if set(self.min_degree) - set(vocab.DEGREES) or len(self.min_degree) != 3:
            raise TalentError("unknown_degree", value=", ".join(self.min_degree))

    @property
    def cost_fen(self) -> int:
        """A new teacher's yearly cost in fen: (salary + performance pay) × 100."""
        return (self.salary_yuan + self.performance_yuan) * 100

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> RecruitmentRules:
        return params.from_json(cls, text)


@dataclass(frozen=True)
class RecruitmentPlan:
    """``posts``: one row per school and subject with a vacancy: district_id,
    school_id, subject, school_type, min_degree, retirements, leavers, growth,
    vacancies, need_left (posts the subject still lacks after the departures,
    rounded half up, ≥ 0), posts; ``schools``: one row per school: district_id,
    school_id, quota (at the horizon), staff_after (on the books after the
    departures), room (max(quota − staff_after, 0)), vacancies, posts, over_quota
    (staff_after > quota: recruits nothing, to be relieved by transfer), surplus
    (staff_after − quota where over); ``cost_fen``: the recruited teachers' yearly
    cost."""

    posts: pd.DataFrame
    schools: pd.DataFrame
    cost_fen: int

    @property
    def total_posts(self) -> int:
        return int(self.posts["posts"].sum())

    @property
    def total_vacancies(self) -> int:
        return int(self.posts["vacancies"].sum())


def recruitment_plan(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    standard: pd.DataFrame,
    curriculum: pd.DataFrame,
    rules: RecruitmentRules | None = None,
    *,
    year: int,
) -> RecruitmentPlan:
    """The vacancies of the next ``rules.years`` and the recruitment that fills them.

    Rule (docs/domain.md, “Recruitment plan”), per school and subject, over the
    horizon H = ``rules.years`` from ``year``:

    - retirements: teachers on the books (every status) who reach the retirement age
      by ``year`` + H (60 men, 55 women by default);
    - leavers: round-half-up(the others × (1 − (1 − leaver_rate)^H)), once per school
      and subject;
    - growth: round-half-up(the subject need at the horizon − the need today), at
      least 0, the need from :func:`planning.establishment.subject_gaps` with
      enrollment grown by (1 + growth)^H − 1;
    - vacancies = retirements + leavers + growth (administration and support staff,
      ``non_teaching``, are not recruited: their departures free posts only).

    Recruitment (按编定额、按需设岗): a subject recruits at most its vacancies and at
    most the posts it still lacks after the departures (need_left); a school recruits
    at most its room under the establishment quota at the horizon
    (:func:`planning.establishment.quotas` with the same growth), the subjects that
    lack the most first (then by subject code). A school over quota after the
    departures recruits nothing and is flagged ``over_quota``. So no school ever ends
    above its quota through recruitment. Cost = posts × ``rules.cost_fen``.
    """
    rules = rules or RecruitmentRules()
    check(schools, "schools", ["school_id", "district_id"])
    check(teachers, "teachers", ["school_id", "subject", "gender", "birth_year"])
    horizon = year + rules.years
    grown = (1.0 + rules.growth) ** rules.years - 1.0
    books = teachers[teachers["school_id"].isin(schools["school_id"])]
    age = horizon - books["birth_year"]
    retire_age = np.where(books["gender"] == "F", rules.retire_age_female, rules.retire_age_male)
    retiring = (age >= retire_age).to_numpy()
    keys = ["school_id", "subject"]
    staff = books.groupby(keys).size().rename("staff")
    retired = books[retiring].groupby(keys).size().rename("retirements")
    cells = pd.concat([staff, retired], axis=1).fillna(0).astype("int64")
    stay = cells["staff"] - cells["retirements"]
    leave_share = 1.0 - (1.0 - rules.leaver_rate) ** rules.years
    cells["leavers"] = est.round_half_up(stay * leave_share).astype("int64")
    cells["after"] = stay - cells["leavers"]
    need_now = est.subject_gaps(schools, teachers, curriculum).set_index(keys)["need"]
    need_then = est.subject_gaps(schools, teachers, curriculum, growth=grown).set_index(keys)[
        "need"
    ]
    cells = cells.join(
        pd.concat([need_now.rename("need_now"), need_then.rename("need")], axis=1), how="outer"
    ).fillna(0)
    for col in ("staff", "retirements", "leavers", "after"):
        cells[col] = cells[col].astype("int64")
    cells["growth"] = np.maximum(est.round_half_up(cells["need"] - cells["need_now"]), 0).astype(
        "int64"
    )
    cells["need_left"] = np.maximum(est.round_half_up(cells["need"] - cells["after"]), 0).astype(
        "int64"
    )
    cells = cells.reset_index()
    teaching = ~cells["subject"].isin(rules.non_teaching)
    cells["vacancies"] = np.where(
        teaching, cells["retirements"] + cells["leavers"] + cells["growth"], 0
    ).astype("int64")
    cells["want"] = np.minimum(cells["vacancies"], cells["need_left"])

    quota = est.quotas(schools, teachers, standard, growth=grown).set_index("school_id")["quota"]
    after = cells.groupby("school_id")["after"].sum().reindex(quota.index, fill_value=0)
    room = (quota - after).clip(lower=0)
    cells = cells.sort_values(["school_id", "need_left", "subject"], ascending=[True, False, True])
    wanted_before = cells.groupby("school_id")["want"].cumsum() - cells["want"]
    left = cells["school_id"].map(room).to_numpy() - wanted_before.to_numpy()
    cells["posts"] = np.clip(np.minimum(cells["want"], left), 0, None).astype("int64")

    info = schools[["school_id", "district_id"]].assign(school_type=school_type(schools))
    degree = dict(zip(vocab.LEVELS, rules.min_degree, strict=True))
    posts = cells[cells["vacancies"] > 0].merge(info, on="school_id")
    posts["min_degree"] = posts["school_type"].map(degree)
    posts = posts.sort_values(["district_id", "school_id", "subject"]).reset_index(drop=True)
    posts = posts[
        [
            "district_id",
            "school_id",
            "subject",
            "school_type",
            "min_degree",
            "retirements",
            "leavers",
            "growth",
            "vacancies",
            "need_left",
            "posts",
        ]
    ]
    per = cells.groupby("school_id")[["vacancies", "posts"]].sum()
    table = info[["school_id", "district_id"]].set_index("school_id")
    table = table.assign(quota=quota, staff_after=after, room=room)
    table = table.join(per).fillna(0).astype("int64").reset_index()
    table["over_quota"] = table["staff_after"] > table["quota"]
    table["surplus"] = (table["staff_after"] - table["quota"]).clip(lower=0)
    cost = int(posts["posts"].sum()) * rules.cost_fen
    return RecruitmentPlan(posts=posts, schools=table, cost_fen=cost)
