"""Post structure (岗位设置): teachers by post level against ceiling shares, the
promotion slots open, the schools over a ceiling, and the promotion candidates.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”, “Post structure”.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import params, vocab
from planning.contracts import check
from planning.talent.errors import TalentError

__all__ = [
    "LEVELS",
    "NEXT_LEVEL",
    "PostCeilingShares",
    "PromotionRules",
    "over_ceiling",
    "post_levels",
    "promotion_candidates",
    "school_type",
]

# The five post levels of the 2015 title reform, highest first: a teacher's title
# (column ``title``) is their level; ``none`` (未定级) holds no level.
LEVELS: tuple[str, ...] = ("senior_plus", "senior", "first", "second", "third")
# The level a promotion leads to (三级 → 二级 → 一级 → 高级 → 正高级).
NEXT_LEVEL: dict[str, str] = {
    "third": "second",
    "second": "first",
    "first": "senior",
    "senior": "senior_plus",
}

Shares = tuple[float, float, float, float, float]


@dataclass(frozen=True)
class PostCeilingShares:
    """The most posts of each level a school may set, as shares of its establishment
    quota, per school type (its highest section): five shares in :data:`LEVELS` order
    (正高级, 高级, 一级, 二级, 三级). Defaults: this product's assumption (docs/domain.md,
    “Post structure”); each in [0, 1] and summing to at most 1, else refused."""

    primary: Shares = (0.005, 0.095, 0.45, 0.40, 0.05)
    junior: Shares = (0.01, 0.19, 0.45, 0.30, 0.05)
    senior: Shares = (0.02, 0.28, 0.45, 0.22, 0.03)

    def __post_init__(self) -> None:
        for kind in vocab.LEVELS:
            shares = tuple(getattr(self, kind))
            if len(shares) != len(LEVELS):
                raise TalentError("share_count", school_type=kind, count=len(shares))
            for level, share in zip(LEVELS, shares, strict=True):
                if not 0 <= share <= 1:
                    raise TalentError("share_range", school_type=kind, level=level, value=share)
            if sum(shares) > 1 + 1e-9:
                raise TalentError("share_sum", school_type=kind, value=round(sum(shares), 4))

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> PostCeilingShares:
        return params.from_json(cls, text)


def school_type(schools: pd.DataFrame) -> pd.Series:
    """Each school's type: its highest section with students (senior > junior >
    primary; a school with none counts as primary), indexed like ``schools``."""
    check(schools, "schools", [f"students_{lv}" for lv in vocab.LEVELS])
    kind = pd.Series("primary", index=schools.index)
    for lv in vocab.LEVELS:  # later levels are higher
        kind = kind.mask(schools[f"students_{lv}"] > 0, lv)
    return kind


def post_levels(
    quota: pd.DataFrame,
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    ceilings: PostCeilingShares | None = None,
) -> pd.DataFrame:
    """Per school and post level: the ceiling, the posts held, the slots open and the
    posts over the ceiling.

    Rule (docs/domain.md, “Post structure”): ceiling = floor(share × the school's
    establishment quota), the share of the school's type (:func:`school_type`) and the
    level; held = the school's teachers on the books (every status: a teacher away
    still holds the post) whose title is the level; open = max(ceiling − held, 0);
    over = max(held − ceiling, 0). ``quota`` is
    :func:`planning.establishment.quotas`' result.

    Returns school_id, school_type, level, ceiling, held, open, over (one row per school
    and level, schools in ``quota``'s order, levels highest first).

    >>> q = pd.DataFrame({"school_id": [1], "quota": [40]})
    >>> s = pd.DataFrame({"school_id": [1], "students_primary": [700],
    ...     "students_junior": [0], "students_senior": [0]})
    >>> t = pd.DataFrame({"school_id": [1] * 5, "title": ["senior"] * 5})
    >>> post_levels(q, s, t).set_index("level").loc["senior", ["ceiling", "held", "over"]].tolist()
    [3, 5, 2]
    """
    ceilings = ceilings or PostCeilingShares()
    check(schools, "schools", ["school_id"])
    check(teachers, "teachers", ["school_id", "title"])
    kinds = school_type(schools).to_numpy()
    quota_of = quota.set_index("school_id")["quota"].reindex(schools["school_id"])
    keep = quota_of.notna().to_numpy()
    ids = schools["school_id"].to_numpy(dtype="int64")[keep]
    kind = kinds[keep]
    quota_v = quota_of.to_numpy(dtype=float)[keep]
    n, k = ids.size, len(LEVELS)
    share = np.zeros((n, k))
    for name in vocab.LEVELS:
        share[kind == name] = getattr(ceilings, name)
    ceiling = np.floor(share * quota_v[:, None] + 1e-9).astype("int64")
    row = pd.Index(ids).get_indexer(teachers["school_id"].to_numpy())
    col = pd.Index(LEVELS).get_indexer(teachers["title"].to_numpy(dtype=object))
    ok = (row >= 0) & (col >= 0)
    held = np.zeros((n, k), dtype="int64")
    np.add.at(held, (row[ok], col[ok]), 1)
    return pd.DataFrame(
        {
            "school_id": np.repeat(ids, k),
            "school_type": np.repeat(kind, k),
            "level": np.tile(np.array(LEVELS, dtype=object), n),
            "ceiling": ceiling.ravel(),
            "held": held.ravel(),
            "open": np.maximum(ceiling - held, 0).ravel(),
            "over": np.maximum(held - ceiling, 0).ravel(),
        }
    )


def over_ceiling(levels: pd.DataFrame) -> pd.DataFrame:
    """The schools over a ceiling: school_id, the levels over (in :data:`LEVELS`
    order, as a tuple) and the posts over in all, the most over first, then by
    school_id."""
    over = levels[levels["over"] > 0]
    if over.empty:
        return pd.DataFrame(
            {"school_id": pd.Series(dtype="int64"), "levels": pd.Series(dtype=object),
             "over": pd.Series(dtype="int64")}
        )  # fmt: skip
    out = (
        over.groupby("school_id", sort=False)
        .agg(levels=("level", tuple), over=("over", "sum"))
        .reset_index()
    )
    return out.sort_values(["over", "school_id"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class PromotionRules:
    """Who may be put forward for the next post level (docs/domain.md, “Post
    structure”).

    ``min_years``: years of service a teacher needs for each target level, in
    :data:`NEXT_LEVEL` order (to 二级, 一级, 高级, 正高级); the teachers table records no
    date of the current title, so years of service (year − birth year − ``entry_age``)
    stand in for years in grade. ``assessments``: the annual assessment grades that
    qualify. Defaults: this product's assumption; years ≥ 0 and ``entry_age`` in
    [16, 40], else refused."""

    min_years: tuple[int, int, int, int] = (1, 6, 11, 16)
    assessments: tuple[str, ...] = ("excellent", "pass")
    entry_age: int = 22

    def __post_init__(self) -> None:
        if len(self.min_years) != len(NEXT_LEVEL):
            raise TalentError("years", value=len(self.min_years))
        for years in self.min_years:
            if years < 0:
                raise TalentError("negative", name="min_years", value=years)
        if not 16 <= self.entry_age <= 40:
            raise TalentError("entry_age", value=self.entry_age)
        unknown = set(self.assessments) - set(vocab.ASSESSMENTS)
        if unknown:
            raise TalentError("unknown_assessment", value=", ".join(sorted(unknown)))

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> PromotionRules:
        return params.from_json(cls, text)


def promotion_candidates(
    teachers: pd.DataFrame,
    levels: pd.DataFrame,
    rules: PromotionRules | None = None,
    *,
    year: int,
) -> pd.DataFrame:
    """The teachers who meet the promotion rules, each against the open slots of the
    level they would rise to at their school.

    Rule (docs/domain.md, “Post structure”): a candidate is active (status
    ``active``), holds a title with a next level (:data:`NEXT_LEVEL`), has served at
    least ``min_years`` for that level (years of service = ``year`` − birth_year −
    ``entry_age``) and has an assessment in ``assessments``. Within a school and
    target level they are ranked: excellent before pass (the order of
    :data:`planning.vocab.ASSESSMENTS`), then the longest service, then the smaller
    teacher_id; ``within_slots`` is true for the first ``open`` of them (the slots
    :func:`post_levels` leaves open there).

    Refuses criteria that select nobody among the teachers given (``no_candidates``).

    Returns teacher_id, school_id, title, target, service_years, assessment, rank,
    within_slots (title, target and assessment as categoricals of their codes); by
    school_id, target (highest first), rank.

    >>> t = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1],
    ...     "title": ["first", "first"], "birth_year": [1970, 1996],
    ...     "assessment": ["pass", "pass"], "status": ["active", "active"]})
    >>> lv = pd.DataFrame({"school_id": [1], "level": ["senior"], "open": [1]})
    >>> promotion_candidates(t, lv, year=2026)[["teacher_id", "within_slots"]].values.tolist()
    [[1, True]]
    """
    rules = rules or PromotionRules()
    check(teachers, "teachers",
          ["teacher_id", "school_id", "title", "birth_year", "assessment", "status"])  # fmt: skip
    titles = teachers["title"].to_numpy(dtype=object)
    assessed = teachers["assessment"].to_numpy(dtype=object)
    code = pd.Index(tuple(NEXT_LEVEL)).get_indexer(titles)  # -1: no next level
    need = np.append(np.asarray(rules.min_years, dtype=float), np.inf)  # [-1] -> inf
    service = year - teachers["birth_year"].to_numpy(dtype="int64") - rules.entry_age
    ok = (
        (teachers["status"].to_numpy(dtype=object) == "active")
        & (code >= 0)
        & (service >= need[code])
        & np.isin(assessed, rules.assessments)
    )
    if not ok.any():
        raise TalentError("no_candidates", what="promotion")
    targets = np.array(list(NEXT_LEVEL.values()), dtype=object)
    level_rank = np.array([LEVELS.index(str(t)) for t in targets])  # highest first
    grade = pd.Index(vocab.ASSESSMENTS).get_indexer(assessed[ok])
    ids = teachers["teacher_id"].to_numpy(dtype="int64")[ok]
    school = teachers["school_id"].to_numpy(dtype="int64")[ok]
    tcode, years = code[ok], service[ok]
    order = np.lexsort((ids, -years, grade, level_rank[tcode], school))
    school, tcode, ids, years = school[order], tcode[order], ids[order], years[order]
    group = np.r_[True, (school[1:] != school[:-1]) | (tcode[1:] != tcode[:-1])]
    start = np.maximum.accumulate(np.where(group, np.arange(school.size), 0))
    rank = np.arange(school.size) - start + 1
    where = pd.Index(levels["school_id"].to_numpy(dtype="int64")).unique()
    opened = np.zeros((where.size + 1, len(LEVELS)), dtype="int64")  # last row: unknown
    lv = pd.Index(LEVELS).get_indexer(levels["level"].to_numpy(dtype=object))
    opened[where.get_indexer(levels["school_id"].to_numpy(dtype="int64")), lv] = levels["open"]
    within = rank <= opened[where.get_indexer(school), level_rank[tcode]]
    grade = grade[order]
    return pd.DataFrame(
        {
            "teacher_id": ids,
            "school_id": school,
            "title": pd.Categorical.from_codes(tcode, categories=list(NEXT_LEVEL)),
            "target": pd.Categorical.from_codes(tcode, categories=list(NEXT_LEVEL.values())),
            "service_years": years,
            "assessment": pd.Categorical.from_codes(grade, categories=list(vocab.ASSESSMENTS)),
            "rank": rank.astype("int64"),
            "within_slots": within,
        }
    )
