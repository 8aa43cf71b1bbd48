"""Generated cadres (干部队伍) for a generated city: leaders, growth files, reserve pool,
assessment scores.

Every school gets a 书记 and a 校长, one or two 副校长 (and a 副书记 when large) and a few
中层. The patterns docs/domain.md lists ("The city in the seed data"): principals of
rural schools are older and more of them are in a second or third term; the reserve
pool is thin in some counties; some leaders' training has lapsed; a few new principals
took post without the qualification training. Numbers come from their own generator
(``default_rng([seed, 17])``), so the schools and teachers stay what they were.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from seed.names import person_names

__all__ = ["CADRE_FRAMES", "Cadres", "generate_cadres"]

CADRE_FRAMES = ("cadres", "cadre_records", "cadre_reserves", "cadre_scores")

# Mean age and spread of principal posts (书记, 校长) by location; deputies and middle
# cadres are younger wherever they are.
_HEAD_AGE = {"urban": (49.0, 5.0), "town": (51.0, 5.0), "rural": (54.0, 4.0)}
_AGE = {"deputy": (45.0, 6.0), "middle": (40.0, 6.0)}
# Chance of a second and third term for a principal post, by location.
_LATER_TERM = {"urban": (0.30, 0.08), "town": (0.35, 0.12), "rural": (0.40, 0.20)}
_LAPSED_P = {"urban": 0.10, "town": 0.18, "rural": 0.30}  # training lapsed this cycle
_RESERVE_P = {"thin": 0.08, "normal": 0.45}  # a deputy (a middle cadre) in the pool
_THIN_COUNTIES = 2  # counties whose pool is thin
_COURSES = ("提高培训", "专题研修", "网络研修", "跟岗学习")
_COURSE_HOURS = np.array([24.0, 40.0, 72.0, 120.0])
_RETIRE = {"F": 55, "M": 60}


@dataclass(frozen=True)
class Cadres:
    """The four cadre frames, in the column spec's contracts."""

    cadres: pd.DataFrame
    cadre_records: pd.DataFrame
    cadre_reserves: pd.DataFrame
    cadre_scores: pd.DataFrame


def _posts(schools: pd.DataFrame) -> pd.DataFrame:
    """One row per post: school, position, and whether it is a principal post."""
    students = schools[["students_primary", "students_junior", "students_senior"]].sum(axis=1)
    vice = 1 + (students > 1200).astype(int)
    middle = np.minimum(students // 600, 3).astype(int)
    deputy_secretary = (students > 2000).astype(int)
    parts = []
    for position, count in (
        ("secretary", np.ones(len(schools), dtype=int)),
        ("principal", np.ones(len(schools), dtype=int)),
        ("deputy_secretary", deputy_secretary.to_numpy()),
        ("vice_principal", vice.to_numpy()),
        ("middle", middle.to_numpy()),
    ):
        rows = schools.loc[schools.index.repeat(count), ["school_id", "district_id", "location"]]
        parts.append(rows.assign(position=position))
    return pd.concat(parts, ignore_index=True).sort_values(
        ["school_id"], kind="stable", ignore_index=True
    )


def _people(rng: np.random.Generator, posts: pd.DataFrame, year: int) -> pd.DataFrame:
    n = len(posts)
    loc = posts["location"].to_numpy()
    head = posts["position"].isin(["secretary", "principal"]).to_numpy()
    middle = (posts["position"] == "middle").to_numpy()
    female = rng.random(n) < np.where(head, 0.30, 0.45)
    mean = np.where(head, [_HEAD_AGE[x][0] for x in loc], np.where(middle, 40.0, 45.0))
    sd = np.where(head, [_HEAD_AGE[x][1] for x in loc], 6.0)
    retire = np.where(female, _RETIRE["F"], _RETIRE["M"])
    age = np.round(rng.normal(mean, sd)).astype(int)
    late = age >= retire  # redraw past retirement: no pile-up in the last year
    age[late] = rng.integers(retire[late] - 8, retire[late])
    age = np.maximum(age, 28)
    second, third = np.array([_LATER_TERM[x] for x in loc]).T
    u = rng.random(n)
    term = np.where(head, 1 + (u < second + third) + (u < third), 1)
    in_term = rng.integers(0, 5, size=n)  # years since this term began
    appointed = year - in_term
    # Qualification training (任职资格培训) before a principal post; a few of the newest
    # principals went without it.
    missing = head & (term == 1) & (in_term <= 1) & (rng.random(n) < 0.35)
    pretraining = np.where(head & ~missing, 300.0 + 20.0 * rng.integers(0, 3, size=n), 0.0)
    ids = np.arange(1, n + 1)
    return pd.DataFrame(
        {
            "cadre_id": ids,
            "cadre_no": [f"C{i:06d}" for i in ids],
            "name": person_names(rng, female),
            "gender": np.where(female, "F", "M"),
            "birth_year": year - age,
            "school_id": posts["school_id"].to_numpy(),
            "position": posts["position"].to_numpy(),
            "appointed_year": appointed,
            "term": term,
            "pretraining_hours": pretraining,
        }
    )


def _ordinals(counts: np.ndarray) -> np.ndarray:
    """1, 2, … within each group of ``np.repeat(…, counts)``: ``[2, 0, 1]`` → ``[1, 2, 1]``."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(int(counts.sum())) - starts + 1


def _records(
    rng: np.random.Generator, cadres: pd.DataFrame, loc: np.ndarray, year: int
) -> pd.DataFrame:
    """Training over the last five years (few for the lapsed), this year's lectures and
    reports (the duties view reads this year only), and the odd secondment and award."""
    n = len(cadres)
    lapsed = rng.random(n) < np.array([_LAPSED_P[x] for x in loc])
    years = np.arange(year - 4, year + 1)
    parts = []
    per_year = np.where(lapsed, 0.15, 1.7)
    courses = rng.poisson(np.repeat(per_year, len(years))).reshape(n, len(years))
    courses = np.minimum(courses, 3)
    who, col = np.nonzero(courses)
    count = courses[who, col]
    who, col = np.repeat(who, count), np.repeat(col, count)
    k = _ordinals(count)
    course = rng.integers(0, len(_COURSES), size=len(who))
    parts.append(
        pd.DataFrame(
            {
                "cadre_id": cadres["cadre_id"].to_numpy()[who],
                "year": years[col],
                "kind": "training",
                "detail": [
                    f"{_COURSES[c]}（{y}年第{i}期）"
                    for c, y, i in zip(course, years[col], k, strict=True)
                ],
                "hours": _COURSE_HOURS[rng.integers(0, len(_COURSE_HOURS), size=len(who))],
            }
        )
    )
    for kind, label, unit, mean in (
        ("lecture", "专题党课", "讲", 1.8),
        ("report", "调研报告", "篇", 3.0),
    ):
        done = np.minimum(rng.poisson(mean, size=n), 4)
        who = np.repeat(np.arange(n), done)
        parts.append(
            pd.DataFrame(
                {
                    "cadre_id": cadres["cadre_id"].to_numpy()[who],
                    "year": year,
                    "kind": kind,
                    "detail": [f"{label}（{year}年第{i}{unit}）" for i in _ordinals(done)],
                    "hours": 0.0,
                }
            )
        )
    for kind, label, p in (("secondment", "挂职交流", 0.04), ("award", "表彰奖励", 0.06)):
        who = np.nonzero(rng.random(n) < p)[0]
        when = rng.integers(year - 4, year + 1, size=len(who))
        parts.append(
            pd.DataFrame(
                {
                    "cadre_id": cadres["cadre_id"].to_numpy()[who],
                    "year": when,
                    "kind": kind,
                    "detail": [f"{label}（{v}年）" for v in when],
                    "hours": 0.0,
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["cadre_id", "year", "kind"], kind="stable", ignore_index=True)


def _reserves(
    rng: np.random.Generator, cadres: pd.DataFrame, district: np.ndarray, year: int
) -> pd.DataFrame:
    """Deputies in the pool for a principal post, middle cadres for a deputy post; two
    counties' pools are thin."""
    counties = np.unique(district)
    thin = rng.choice(counties, size=min(_THIN_COUNTIES, len(counties)), replace=False)
    p = np.where(np.isin(district, thin), _RESERVE_P["thin"], _RESERVE_P["normal"])
    position = cadres["position"].to_numpy()
    target = np.select(
        [position == "vice_principal", position == "deputy_secretary", position == "middle"],
        ["principal", "secretary", "vice_principal"],
        default="",
    )
    chosen = (target != "") & (rng.random(len(cadres)) < p)
    status = rng.choice(
        np.array(["pool", "review", "appointed", "left"]),
        size=len(cadres),
        p=(0.7, 0.15, 0.1, 0.05),
    )
    return pd.DataFrame(
        {
            "cadre_id": cadres["cadre_id"].to_numpy()[chosen],
            "target_position": target[chosen],
            "district_id": district[chosen],
            "entered_year": year - rng.integers(0, 5, size=len(cadres))[chosen],
            "status": status[chosen],
        }
    ).reset_index(drop=True)


def _scores(rng: np.random.Generator, cadres: pd.DataFrame, year: int) -> pd.DataFrame:
    """Last year's assessment scores by component (0–100, one decimal)."""
    n = len(cadres)

    def draw(mean: float, sd: float) -> np.ndarray:
        return np.round(np.clip(rng.normal(mean, sd, size=n), 0, 100), 1)

    return pd.DataFrame(
        {
            "cadre_id": cadres["cadre_id"].to_numpy(),
            "year": year - 1,
            "results": draw(80.0, 8.0),
            "satisfaction": draw(86.0, 6.0),
            "review": draw(83.0, 7.0),
        }
    )


def generate_cadres(schools: pd.DataFrame, *, seed: int, year: int) -> Cadres:
    """The cadres of ``schools`` for ``year``, deterministic for ``seed``."""
    rng = np.random.default_rng([seed, 17])
    posts = _posts(schools)
    cadres = _people(rng, posts, year)
    loc = posts["location"].to_numpy()
    return Cadres(
        cadres=cadres,
        cadre_records=_records(rng, cadres, loc, year),
        cadre_reserves=_reserves(rng, cadres, posts["district_id"].to_numpy(), year),
        cadre_scores=_scores(rng, cadres, year),
    )
