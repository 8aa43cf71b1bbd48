"""Staffing establishment (编制): quotas, subject needs and post-structure slots.

docs/domain.md, "Staffing establishment (编制)" and "Posts and titles (岗位设置)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import vocab
from planning.contracts import check, check_unique

__all__ = [
    "BANDS",
    "PostCeilings",
    "by_district",
    "by_school",
    "post_slots",
    "quotas",
    "round_half_up",
    "shortage_by",
    "subject_gaps",
    "summary",
]

Growth = float | Mapping[str, float]

# Title -> post band (docs/domain.md "Posts and titles"): senior posts are grades 1–7
# (正高级 and 高级), middle posts 8–10 (一级), junior posts 11–13.
BANDS = {
    "senior_plus": "senior",
    "senior": "senior",
    "first": "middle",
    "second": "junior",
    "third": "junior",
    "none": "junior",
}
# Tolerance for sums of fractions that should land exactly on .5 (e.g. 9/18 + 0.0).
_EPS = 1e-9


def round_half_up(values: np.ndarray | pd.Series) -> np.ndarray:
    """Round half up (2.5 -> 3, 3.5 -> 4), not to even as ``round`` does.

    >>> round_half_up(np.array([0.5, 1.5, 2.5, 2.4999, 0.0])).tolist()
    [1.0, 2.0, 3.0, 2.0, 0.0]
    """
    x = np.asarray(values, dtype=float)
    return np.floor(x + 0.5 + _EPS * np.maximum(1.0, np.abs(x)))


def _growth(growth: Growth) -> dict[str, float]:
    if isinstance(growth, Mapping):
        unknown = set(growth) - set(vocab.LEVELS)
        if unknown:
            raise ValueError(
                f"growth names unknown level(s) {', '.join(sorted(unknown))}; "
                f"expected {', '.join(vocab.LEVELS)}"
            )
        rates = {lv: float(growth.get(lv, 0.0)) for lv in vocab.LEVELS}
    else:
        rates = dict.fromkeys(vocab.LEVELS, float(growth))
    for lv, g in rates.items():
        if not g > -1.0:
            raise ValueError(f"growth for '{lv}' must be greater than -1 (-100%); got {g}")
    return rates


def _ratios(standard: pd.DataFrame) -> dict[str, dict[str, float]]:
    check(standard, "standard")
    check_unique(standard, "standard", ["level", "location"])
    out: dict[str, dict[str, float]] = {lv: {} for lv in vocab.LEVELS}
    for row in standard.itertuples(index=False):
        out[str(row.level)][str(row.location)] = float(row.students_per_staff)
    return out


def _staff(teachers: pd.DataFrame, by: list[str], *, present: bool) -> pd.Series:
    """Head counts per ``by``: everyone on the books, or (``present``) only the
    teachers present and teaching (status ``active``)."""
    check(teachers, "teachers", ["school_id", "status", *[c for c in by if c != "school_id"]])
    if present:
        teachers = teachers[teachers["status"] == "active"]
    return teachers.groupby(by).size()


def quotas(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    standard: pd.DataFrame,
    *,
    growth: Growth = 0.0,
    class_floor: float | None = None,
    floor_locations: tuple[str, ...] = ("rural",),
) -> pd.DataFrame:
    """Each school's establishment quota against the staff on its books.

    Rule (docs/domain.md): quota = Σ over the school's sections of
    students × (1 + growth) ÷ students_per_staff for the section's level and the
    school's location, rounded **half up once per school**. ``growth`` is one rate for
    every level or a mapping level -> rate. A school with no students gets quota 0.
    With ``class_floor`` (staff per class; off by default), schools in
    ``floor_locations`` get at least classes × class_floor before the rounding, the
    class ratio of 中央编办发〔2014〕72号 for village schools.

    staff = the school's teachers on the books (在编), whatever their status: a teacher
    seconded, on leave or on exchange still holds the post; present = those of them
    present and teaching (status ``active``). gap = quota − staff (> 0 short 缺编,
    < 0 over 超编); status is ``short``, ``over`` or ``balanced``.

    Raises ``ValueError`` naming the level and location when a school enrolls students
    in a section the standard has no row for.

    Returns columns school_id, quota, staff, present, gap, status (one row per school,
    int64).

    >>> schools = pd.DataFrame({"school_id": [1], "location": ["rural"],
    ...     "students_primary": [230], "students_junior": [9], "students_senior": [0]})
    >>> teachers = pd.DataFrame({"school_id": [1] * 12, "status": ["active"] * 12})
    >>> standard = pd.DataFrame({"level": ["primary", "junior"],
    ...     "location": ["rural", "rural"], "students_per_staff": [23.0, 18.0]})
    >>> quotas(schools, teachers, standard)  # 230/23 + 9/18 = 10.5 -> 11
       school_id  quota  staff  present  gap status
    0          1     11     12       12   -1   over
    """
    cols = ["school_id", "location", *[f"students_{lv}" for lv in vocab.LEVELS]]
    if class_floor is not None:
        cols += [f"classes_{lv}" for lv in vocab.LEVELS]
        if class_floor < 0:
            raise ValueError(f"class_floor must be >= 0 staff per class; got {class_floor}")
    check(schools, "schools", cols)
    rates = _growth(growth)
    ratios = _ratios(standard)
    exact = np.zeros(len(schools))
    for lv in vocab.LEVELS:
        students = schools[f"students_{lv}"].to_numpy(dtype=float) * (1.0 + rates[lv])
        ratio = schools["location"].map(ratios[lv]).to_numpy(dtype=float)
        missing = (students > 0) & np.isnan(ratio)
        if missing.any():
            i = int(np.argmax(missing))
            raise ValueError(
                f"the staffing standard has no students_per_staff for level '{lv}' and "
                f"location '{schools['location'].iloc[i]}' "
                f"(needed by school {schools['school_id'].iloc[i]})"
            )
        exact += np.where(students > 0, students / np.where(np.isnan(ratio), 1.0, ratio), 0.0)
    if class_floor is not None:
        classes = schools[[f"classes_{lv}" for lv in vocab.LEVELS]].sum(axis=1).to_numpy()
        floored = schools["location"].isin(floor_locations).to_numpy()
        exact = np.where(floored, np.maximum(exact, classes * class_floor), exact)
    quota = round_half_up(exact).astype("int64")
    ids = schools["school_id"].to_numpy()
    staff, present = (
        _staff(teachers, ["school_id"], present=p).reindex(ids, fill_value=0).to_numpy("int64")
        for p in (False, True)
    )
    gap = quota - staff
    return pd.DataFrame(
        {
            "school_id": schools["school_id"].to_numpy(dtype="int64"),
            "quota": quota,
            "staff": staff,
            "present": present,
            "gap": gap,
            "status": np.select([gap > 0, gap < 0], ["short", "over"], "balanced"),
        }
    )


def subject_gaps(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    curriculum: pd.DataFrame,
    *,
    growth: Growth = 0.0,
    non_teaching: tuple[str, ...] = vocab.NON_TEACHING,
) -> pd.DataFrame:
    """Teachers needed per school and subject, in full-time equivalents (FTE).

    Rule (docs/domain.md "学科结构"): need = Σ over the school's sections of
    classes × weekly periods per class ÷ one teacher's weekly load, per subject, from
    the ``curriculum`` table. ``growth`` scales classes like enrollment (default none).
    staff = the school's teachers of that subject present and teaching (status
    ``active``: a seconded teacher holds a post but teaches elsewhere); gap = need −
    staff (> 0 short). Staff of the ``non_teaching`` subjects (administration and
    support, 行政、教辅) hold establishment posts but teach no subject: they are left
    out. Rows where both need and staff are zero are left out.

    Returns columns school_id, subject, need (float), staff (int), gap (float).

    >>> schools = pd.DataFrame({"school_id": [1], "classes_primary": [6],
    ...     "classes_junior": [0], "classes_senior": [0]})
    >>> teachers = pd.DataFrame({"school_id": [1, 1], "subject": ["music", "math"],
    ...     "status": ["active", "active"]})
    >>> curriculum = pd.DataFrame({"level": ["primary"], "subject": ["music"],
    ...     "periods_per_class": [2.0], "teacher_load": [16.0]})
    >>> subject_gaps(schools, teachers, curriculum)
       school_id subject  need  staff   gap
    0          1    math  0.00      1 -1.00
    1          1   music  0.75      1 -0.25
    """
    check(schools, "schools", ["school_id", *[f"classes_{lv}" for lv in vocab.LEVELS]])
    check(curriculum, "curriculum")
    check_unique(curriculum, "curriculum", ["level", "subject"])
    rates = _growth(growth)
    classes = pd.concat(
        [
            pd.DataFrame(
                {
                    "school_id": schools["school_id"].to_numpy(),
                    "level": lv,
                    "classes": schools[f"classes_{lv}"].to_numpy(dtype=float) * (1 + rates[lv]),
                }
            )
            for lv in vocab.LEVELS
        ]
    )
    classes = classes[classes["classes"] > 0]
    per = curriculum.assign(fte=curriculum["periods_per_class"] / curriculum["teacher_load"])
    need = (
        classes.merge(per[["level", "subject", "fte"]], on="level")
        .assign(need=lambda f: f["classes"] * f["fte"])
        .groupby(["school_id", "subject"])["need"]
        .sum()
    )
    staff = _staff(teachers, ["school_id", "subject"], present=True)
    staff = staff[staff.index.get_level_values("school_id").isin(schools["school_id"])]
    staff = staff[~staff.index.get_level_values("subject").isin(non_teaching)]
    need = need[~need.index.get_level_values("subject").isin(non_teaching)]
    out = pd.concat([need.rename("need"), staff.rename("staff")], axis=1).fillna(0.0)
    out = out[(out["need"] > 0) | (out["staff"] > 0)].sort_index().reset_index()
    out["staff"] = out["staff"].astype("int64")
    out["subject"] = out["subject"].astype("str")
    out["gap"] = out["need"] - out["staff"]
    return out[["school_id", "subject", "need", "staff", "gap"]]


def summary(quota: pd.DataFrame) -> dict[str, int]:
    """City figures of a :func:`quotas` result: posts, staff on the books, staff
    present, schools and posts short and over, and the net gap (posts − staff).

    >>> summary(pd.DataFrame({"quota": [10, 5, 7], "staff": [8, 6, 7],
    ...     "present": [8, 5, 7], "gap": [2, -1, 0]}))["short_posts"]
    2
    """
    gap = quota["gap"]
    return {
        "posts": int(quota["quota"].sum()),
        "staff": int(quota["staff"].sum()),
        "present": int(quota["present"].sum()),
        "short_schools": int((gap > 0).sum()),
        "short_posts": int(gap[gap > 0].sum()),
        "over_schools": int((gap < 0).sum()),
        "over_posts": int(-gap[gap < 0].sum()),
        "net": int(gap.sum()),
    }


def by_district(quota: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """Posts, staff and gaps summed per district: district_id, quota, staff, gap,
    short (posts in schools short), over (posts in schools over)."""
    check(schools, "schools", ["school_id", "district_id"])
    frame = quota.merge(schools[["school_id", "district_id"]], on="school_id")
    frame = frame.assign(short=frame["gap"].clip(lower=0), over=(-frame["gap"]).clip(lower=0))
    return (
        frame.groupby("district_id")[["quota", "staff", "gap", "short", "over"]].sum().reset_index()
    )


def by_school(gaps: pd.DataFrame) -> pd.DataFrame:
    """Each school's subject gaps on one row, the most short school first: school_id,
    shortage (sum of positive gaps, FTE), surplus (sum of negative gaps, as a positive
    FTE), then one column per subject (alphabetical) holding its gap (0 where the
    school has neither need nor staff). Ties keep the smaller school_id first.

    >>> g = pd.DataFrame({"school_id": [1, 2], "subject": ["art", "art"],
    ...     "need": [1.0, 2.0], "staff": [1, 0], "gap": [0.0, 2.0]})
    >>> by_school(g)["school_id"].tolist()
    [2, 1]
    """
    wide = gaps.pivot_table(
        index="school_id", columns="subject", values="gap", aggfunc="sum", fill_value=0.0
    )
    wide.columns = [str(c) for c in wide.columns]
    gap = gaps.groupby("school_id")["gap"]
    out = pd.DataFrame(
        {
            "shortage": gap.apply(lambda g: g.clip(lower=0).sum()),
            "surplus": gap.apply(lambda g: (-g).clip(lower=0).sum()),
        }
    ).join(wide[sorted(wide.columns)])
    out = out.reset_index().sort_values(["shortage", "school_id"], ascending=[False, True])
    return out.reset_index(drop=True)


def shortage_by(
    gaps: pd.DataFrame, schools: pd.DataFrame, key: str = "district_id"
) -> pd.DataFrame:
    """Subject shortages (sum of positive gaps, FTE) per ``key`` of the schools and
    subject: key, subject, shortage, surplus (sum of negative gaps, as a positive FTE)."""
    check(schools, "schools", ["school_id", key])
    frame = gaps.merge(schools[["school_id", key]], on="school_id")
    frame = frame.assign(shortage=frame["gap"].clip(lower=0), surplus=(-frame["gap"]).clip(lower=0))
    return frame.groupby([key, "subject"])[["shortage", "surplus"]].sum().reset_index()


@dataclass(frozen=True)
class PostCeilings:
    """Ceiling shares of senior and middle posts in a school's establishment, by the
    school's highest section (docs/domain.md "Posts and titles": each province sets them;
    these defaults are illustrative and meant to be replaced by the province's)."""

    senior: Mapping[str, float] | None = None
    middle: Mapping[str, float] | None = None

    def shares(self, band: str) -> dict[str, float]:
        defaults = {
            "senior": {"primary": 0.10, "junior": 0.20, "senior": 0.30},
            "middle": {"primary": 0.45, "junior": 0.45, "senior": 0.45},
        }[band]
        given = self.senior if band == "senior" else self.middle
        out = {**defaults, **(given or {})}
        for lv, share in out.items():
            if not 0 <= share <= 1:
                raise ValueError(f"{band} ceiling for '{lv}' must be in [0, 1]; got {share}")
        return out


def post_slots(
    quota: pd.DataFrame,
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    ceilings: PostCeilings | None = None,
) -> pd.DataFrame:
    """Promotion slots free per school and band (按编定额、按需设岗, docs/domain.md §9).

    Rule: a band's ceiling = floor(share × the school's quota), the share of the
    school's highest section (senior > junior > primary); held = teachers on the books
    (every status: a teacher away still holds the post) whose title is in the band
    (:data:`BANDS`); free = max(ceiling − held, 0); over =
    max(held − ceiling, 0).

    Returns columns school_id, band (``senior``/``middle``), ceiling, held, free, over.

    >>> q = pd.DataFrame({"school_id": [1], "quota": [40]})
    >>> s = pd.DataFrame({"school_id": [1], "students_primary": [700],
    ...     "students_junior": [0], "students_senior": [0]})
    >>> t = pd.DataFrame({"school_id": [1, 1, 1], "title": ["senior", "first", "first"],
    ...     "status": ["active"] * 3})
    >>> post_slots(q, s, t)[["band", "ceiling", "held", "free"]]
         band  ceiling  held  free
    0  senior        4     1     3
    1  middle       18     2    16
    """
    ceilings = ceilings or PostCeilings()
    check(schools, "schools", ["school_id", *[f"students_{lv}" for lv in vocab.LEVELS]])
    check(teachers, "teachers", ["school_id", "title", "status"])
    top = pd.Series("primary", index=schools.index)
    for lv in vocab.LEVELS:  # later levels are higher
        top = top.mask(schools[f"students_{lv}"] > 0, lv)
    base = quota[["school_id", "quota"]].merge(
        pd.DataFrame({"school_id": schools["school_id"], "top": top}), on="school_id"
    )
    held = teachers.assign(band=teachers["title"].map(BANDS)).groupby(["school_id", "band"]).size()
    parts = []
    for band in ("senior", "middle"):
        share = base["top"].map(ceilings.shares(band)).to_numpy(dtype=float)
        ceiling = np.floor(share * base["quota"].to_numpy() + _EPS).astype("int64")
        have = (
            held.xs(band, level="band").reindex(base["school_id"], fill_value=0).to_numpy()
            if band in held.index.get_level_values("band")
            else np.zeros(len(base), dtype="int64")
        )
        parts.append(
            pd.DataFrame(
                {
                    "school_id": base["school_id"].to_numpy(),
                    "band": band,
                    "ceiling": ceiling,
                    "held": have.astype("int64"),
                    "free": np.maximum(ceiling - have, 0).astype("int64"),
                    "over": np.maximum(have - ceiling, 0).astype("int64"),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    order = np.lexsort((out["band"].map({"senior": 0, "middle": 1}), out["school_id"]))
    return out.iloc[order].reset_index(drop=True)
