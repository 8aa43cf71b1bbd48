"""Succession (接班): the leader posts that fall vacant within a horizon, against the
ready reserve of each county and post level (docs/domain.md, "Cadres and training
(干部培训)")."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.contracts import check
from planning.params import ParameterRefused

__all__ = ["LEVELS", "Succession", "SuccessionRules", "rotation_due", "succession", "vacancies"]

# Post level of each position the reserve pool fills: 正职 (书记, 校长) and 副职 (副书记,
# 副校长). Middle cadres (中层) are not posts the succession view follows.
LEVELS: dict[str, str] = {
    "secretary": "head",
    "principal": "head",
    "deputy_secretary": "deputy",
    "vice_principal": "deputy",
}
_TERM_LIMITED = ("secretary", "principal")


@dataclass(frozen=True)
class SuccessionRules:
    """Parameters of the succession view; defaults in docs/domain.md."""

    horizon: int = 5
    retire_age_male: int = 60
    retire_age_female: int = 55
    term_years: int = 3
    max_terms: int = 2
    reserves_per_post: float = 2.0
    ready_statuses: tuple[str, ...] = ("pool", "review")

    def __post_init__(self) -> None:
        if not 1 <= self.horizon <= 10:
            raise ParameterRefused(
                "cadres.refused.horizon", "horizon must be 1–10 years", value=self.horizon
            )
        if self.term_years < 1 or self.max_terms < 1:
            raise ParameterRefused(
                "cadres.refused.term", "term_years and max_terms must be >= 1",
                value=f"{self.term_years}, {self.max_terms}",
            )  # fmt: skip
        if self.reserves_per_post < 0:
            raise ParameterRefused(
                "cadres.refused.ratio", "reserves_per_post must be >= 0",
                value=self.reserves_per_post,
            )  # fmt: skip


@dataclass(frozen=True)
class Succession:
    """``vacancies``: each post falling vacant, with ``successor`` (a ready reserve is
    there for it); ``counties``: per county and level the posts, vacancies, ready
    reserves, the target (ratio × vacancies, rounded up) and the shortfall;
    ``uncovered``: the vacancies without a ready successor."""

    vacancies: pd.DataFrame
    counties: pd.DataFrame
    uncovered: pd.DataFrame


def vacancies(
    cadres: pd.DataFrame, rules: SuccessionRules | None = None, *, year: int
) -> pd.DataFrame:
    """The 正职 and 副职 posts that fall vacant within ``horizon`` years: from ``year``
    to ``year + horizon − 1``.

    A post falls vacant in the year its holder reaches the retirement age
    (``birth_year + retire_age_*``, by gender) or, for a 书记 or 校长, when their last
    allowed term ends: a leader in term ``k`` (of ``term_years`` each, counted from
    ``appointed_year``) may serve to the end of term ``max_terms``, i.e. until
    ``appointed_year + term_years × max(1, max_terms − k + 1)``. The earlier of the two
    is the vacancy year (a year already past counts as this year); ``cause`` says which
    (retirement when both fall in the same year).

    >>> c = pd.DataFrame({"cadre_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...     "position": ["principal", "vice_principal", "middle"], "gender": ["M", "F", "M"],
    ...     "birth_year": [1968, 1980, 1970], "appointed_year": [2021, 2024, 2020],
    ...     "term": [2, 1, 1]})
    >>> vacancies(c, year=2026)[["cadre_id", "vacancy_year", "cause"]].to_dict("records")
    [{'cadre_id': 1, 'vacancy_year': 2026, 'cause': 'term'}]
    """
    rules = rules or SuccessionRules()
    cols = ["cadre_id", "school_id", "position", "gender", "birth_year", "appointed_year", "term"]
    check(cadres, "cadres", cols)
    posts = cadres[cadres["position"].isin(list(LEVELS))]
    age = np.where(posts["gender"] == "F", rules.retire_age_female, rules.retire_age_male)
    retire = posts["birth_year"].to_numpy() + age
    terms_left = np.maximum(1, rules.max_terms - posts["term"].to_numpy() + 1)
    term_end = posts["appointed_year"].to_numpy() + rules.term_years * terms_left
    limited = posts["position"].isin(_TERM_LIMITED).to_numpy()
    term_end = np.where(limited, term_end, np.iinfo(np.int64).max)
    when = np.maximum(np.minimum(retire, term_end), year)
    out = posts[["cadre_id", "school_id", "position"]].assign(
        level=posts["position"].map(LEVELS),
        vacancy_year=when,
        cause=np.where(retire <= term_end, "retirement", "term"),
    )
    return out[out["vacancy_year"] < year + rules.horizon].reset_index(drop=True)


def succession(
    cadres: pd.DataFrame,
    schools: pd.DataFrame,
    reserves: pd.DataFrame,
    rules: SuccessionRules | None = None,
    *,
    year: int,
) -> Succession:
    """Vacancies against the ready reserve, by county (the school's district) and level.

    A reserve is ready when its status is one of ``ready_statuses`` (在库, 考察); it
    counts for the county it is registered in and the level of its target position, once
    per person and level. Within a county and level the vacancies are served in order
    of year (then cadre id), one ready reserve each: the first ``ready`` vacancies have
    a successor, the rest are ``uncovered``. The target is ``ceil(reserves_per_post ×
    vacancies)`` ready reserves; the shortfall is what the ready reserve lacks of it.

    >>> c = pd.DataFrame({"cadre_id": [1, 2], "school_id": [1, 2],
    ...     "position": ["principal", "secretary"], "gender": ["M", "M"],
    ...     "birth_year": [1966, 1967], "appointed_year": [2020, 2020], "term": [1, 1]})
    >>> s = pd.DataFrame({"school_id": [1, 2], "district_id": [1, 1]})
    >>> r = pd.DataFrame({"cadre_id": [9], "target_position": ["principal"],
    ...     "district_id": [1], "status": ["pool"]})
    >>> out = succession(c, s, r, year=2026)
    >>> out.counties[["vacancies", "ready", "target", "shortfall"]].to_dict("records")
    [{'vacancies': 2, 'ready': 1, 'target': 4, 'shortfall': 3}]
    >>> out.uncovered["cadre_id"].tolist()
    [2]
    """
    rules = rules or SuccessionRules()
    check(schools, "schools", ["school_id", "district_id"])
    check(reserves, "cadre_reserves", ["cadre_id", "target_position", "district_id", "status"])
    district = schools.set_index("school_id")["district_id"]
    vacant = vacancies(cadres, rules, year=year)
    vacant["district_id"] = vacant["school_id"].map(district).astype("int64")
    vacant = vacant.sort_values(["district_id", "level", "vacancy_year", "cadre_id"])
    ready = reserves[reserves["status"].isin(rules.ready_statuses)].assign(
        level=lambda f: f["target_position"].map(LEVELS)
    )
    ready = ready.dropna(subset=["level"]).drop_duplicates(["cadre_id", "district_id", "level"])
    pool = ready.groupby(["district_id", "level"]).size().rename("ready")
    order = vacant.groupby(["district_id", "level"]).cumcount() + 1
    keys = pd.MultiIndex.from_frame(vacant[["district_id", "level"]])
    available = pool.reindex(keys, fill_value=0).to_numpy()
    vacant["successor"] = order.to_numpy() <= available
    vacant = vacant.reset_index(drop=True)

    held = cadres[cadres["position"].isin(list(LEVELS))].assign(
        district_id=lambda f: f["school_id"].map(district),
        level=lambda f: f["position"].map(LEVELS),
    )
    posts = held.groupby(["district_id", "level"]).size().rename("posts")
    counted = vacant.groupby(["district_id", "level"]).size().rename("vacancies")
    counties = pd.concat([posts, counted, pool], axis=1).fillna(0).astype("int64")
    counties["target"] = [math.ceil(rules.reserves_per_post * v) for v in counties["vacancies"]]
    counties["shortfall"] = (counties["target"] - counties["ready"]).clip(lower=0)
    counties = counties.reset_index()
    return Succession(vacant, counties, vacant[~vacant["successor"]].reset_index(drop=True))


def rotation_due(
    cadres: pd.DataFrame, rules: SuccessionRules | None = None, *, year: int
) -> pd.DataFrame:
    """Principals due to rotate: two full terms (``max_terms × term_years`` years) at the
    school by ``year``. A principal in term ``k`` has served ``(k − 1) × term_years``
    years before ``appointed_year`` and ``year − appointed_year`` since.

    >>> c = pd.DataFrame({"cadre_id": [1, 2], "school_id": [1, 2],
    ...     "position": ["principal", "principal"], "appointed_year": [2023, 2024],
    ...     "term": [2, 2]})
    >>> rotation_due(c, year=2026)[["cadre_id", "years"]].to_dict("records")
    [{'cadre_id': 1, 'years': 6}]
    """
    rules = rules or SuccessionRules()
    check(cadres, "cadres", ["cadre_id", "school_id", "position", "appointed_year", "term"])
    heads = cadres[cadres["position"] == "principal"]
    years = (heads["term"] - 1) * rules.term_years + (year - heads["appointed_year"])
    out = heads[["cadre_id", "school_id"]].assign(years=years)
    return out[out["years"] >= rules.max_terms * rules.term_years].reset_index(drop=True)
