"""Performance pay (绩效工资): the policy, the allocation to the fen, and its analysis.

docs/domain.md, "Performance pay (绩效工资)".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from planning import metrics, params, vocab
from planning.contracts import check

__all__ = [
    "PAYERS",
    "PayPolicy",
    "allocate",
    "benchmark_check",
    "compare",
    "incentive_points",
    "largest_remainder",
    "school_pools",
    "summarize",
    "urban_rural_ratio",
]

# Points and coefficients are used to three decimals (x 1000 as integers), so every
# split is exact integer arithmetic and cannot depend on floating-point order.
_SCALE = 1000
# Who pays a teacher away from the school whose books hold them.
PAYERS: tuple[str, ...] = ("home", "host")
# Statuses away from the home school, and the policy field saying who pays them.
_AWAY = {"exchange_out": "exchange_paid_by", "seconded": "seconded_paid_by"}


@dataclass(frozen=True)
class PayPolicy:
    """Every parameter of the pay rule, with docs/domain.md defaults.

    ``per_capita_yuan`` is the annual performance pay per teacher a school pays. The
    default, 36,000 yuan (3,000 a month), is a planning assumption in the range of
    Jiangsu county-level compulsory-school performance pay of the 2010s, not a
    published figure: replace it with the budget the finance bureau sets. The 2008
    guidance (人社部、财政部、教育部《关于义务教育学校实施绩效工资的指导意见》) splits it
    into a basic part (基础性, 70 %) that the county sets by post, and an incentive part
    (奖励性) the school allocates on assessment.

    ``basic_yuan_by_grade``: the county's annual basic amount for post grades 1
    (highest) … 13, whole yuan, paid to every teacher on the books whatever the school.
    ``basic_share``: the basic part's share of the per capita; a school's incentive pool
    is the rest, (1 − ``basic_share``) × per capita per teacher it pays incentive to.

    Incentive points of a teacher = (``base_points`` + workload over
    ``workload_norm_periods`` × ``points_per_extra_period`` + class-teacher points +
    backbone points + special-grade points) × the assessment multiplier; a ``fail``
    assessment earns no incentive. ``weak_school_tilt`` raises a weak school's pool by
    that share (extra support for hardship schools). The rural living subsidy
    (乡村教师生活补助, 2015 rural teacher support plan) is ``rural_subsidy_yuan_month`` ×
    12 for teachers working at schools in ``subsidy_locations``, outside the pool.

    ``exchange_paid_by`` / ``seconded_paid_by``: who pays a teacher on exchange
    (``exchange_out``) or seconded, ``"home"`` (the school whose books hold them) or
    ``"host"`` (the receiving school, when it is known).
    """

    per_capita_yuan: int = 36_000
    basic_share: float = 0.70
    # Post grade 1 (highest) … 13 (lowest): the county's basic amount, yuan a year.
    basic_yuan_by_grade: tuple[int, ...] = (
        50_400, 46_620, 42_840, 40_320, 36_540, 34_020, 31_500,
        28_980, 27_720, 26_460, 25_200, 23_940, 22_680,
    )  # fmt: skip
    base_points: float = 100.0
    workload_norm_periods: float = 12.0
    points_per_extra_period: float = 4.0
    head_teacher_points: float = 30.0
    excellent_multiplier: float = 1.20
    pass_multiplier: float = 1.00
    basic_multiplier: float = 0.80
    backbone_school_points: float = 5.0
    backbone_county_points: float = 10.0
    backbone_city_points: float = 20.0
    backbone_province_points: float = 30.0
    special_grade_points: float = 30.0
    weak_school_tilt: float = 0.0
    rural_subsidy_yuan_month: int = 300
    subsidy_locations: tuple[str, ...] = ("rural",)
    exchange_paid_by: str = "home"
    seconded_paid_by: str = "home"

    def __post_init__(self) -> None:
        def bad(name: str, rule: str, english: str) -> params.ParameterRefused:
            return params.refused_rule(self, "pay", name, rule, english)

        if not isinstance(self.per_capita_yuan, int | np.integer) or self.per_capita_yuan < 0:
            raise bad("per_capita_yuan", "whole_yuan", "a whole number of yuan >= 0")
        if not 0 <= self.basic_share <= 1:
            raise bad("basic_share", "share", "in [0, 1]")
        amounts = self.basic_yuan_by_grade
        if len(amounts) != 13 or any(not isinstance(a, int | np.integer) or a < 0 for a in amounts):
            raise bad(
                "basic_yuan_by_grade", "grades", "13 whole numbers of yuan >= 0 (post grades 1–13)"
            )
        if not self.excellent_multiplier >= self.pass_multiplier >= self.basic_multiplier >= 0:
            raise bad(
                "excellent_multiplier", "multipliers", ">= pass_multiplier >= basic_multiplier >= 0"
            )
        for name in (
            "base_points", "workload_norm_periods", "points_per_extra_period",
            "head_teacher_points", "backbone_school_points", "backbone_county_points",
            "backbone_city_points", "backbone_province_points", "special_grade_points",
            "weak_school_tilt",
        ):  # fmt: skip
            if getattr(self, name) < 0:
                raise bad(name, "nonneg", ">= 0")
        if self.base_points <= 0:
            raise bad("base_points", "positive", "> 0")
        if not isinstance(self.rural_subsidy_yuan_month, int | np.integer) or (
            self.rural_subsidy_yuan_month < 0
        ):
            raise bad("rural_subsidy_yuan_month", "whole_yuan", "a whole number of yuan >= 0")
        unknown = set(self.subsidy_locations) - set(vocab.LOCATIONS)
        if unknown:
            raise bad("subsidy_locations", "locations", f"a subset of {', '.join(vocab.LOCATIONS)}")
        for name in ("exchange_paid_by", "seconded_paid_by"):
            if getattr(self, name) not in PAYERS:
                raise bad(name, "payer", "'home' or 'host'")

    def backbone_points(self) -> dict[str, float]:
        return {
            "none": 0.0,
            "school": self.backbone_school_points,
            "county": self.backbone_county_points,
            "city": self.backbone_city_points,
            "province": self.backbone_province_points,
        }

    def assessment_multipliers(self) -> dict[str, float]:
        return {
            "excellent": self.excellent_multiplier,
            "pass": self.pass_multiplier,
            "basic": self.basic_multiplier,
            "fail": 0.0,
        }

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> PayPolicy:
        """The policy of :meth:`to_json`. A policy saved before the basic part was set
        per grade holds ``grade_coefficients`` instead: each becomes coefficient ×
        per capita × basic share, rounded half up to the yuan."""
        data = json.loads(text)
        if "grade_coefficients" in data and "basic_yuan_by_grade" not in data:
            base = Fraction(str(data.get("per_capita_yuan", cls.per_capita_yuan)))
            base *= Fraction(str(data.get("basic_share", cls.basic_share)))
            data["basic_yuan_by_grade"] = [
                _half_up(1, base * Fraction(str(c))) for c in data.pop("grade_coefficients")
            ]
        return params.from_json(cls, json.dumps(data))


def largest_remainder(
    total: np.ndarray, weights: np.ndarray, groups: np.ndarray, tiebreak: np.ndarray
) -> np.ndarray:
    """Split each group's integer ``total`` over its members by integer ``weights``.

    Each member gets floor(total × w / W); the fen left over go one each to the members
    with the largest remainders, ties broken by the smaller ``tiebreak`` key. Every
    group's parts add up exactly to its total, and members with equal weights differ
    by at most one. Arrays must be sorted by ``groups``; ``total`` is per member (the
    group's total repeated). A group whose weights sum to zero gets nothing.

    >>> largest_remainder(np.array([10, 10, 10]), np.array([1, 1, 1]),
    ...                   np.array([7, 7, 7]), np.array([3, 1, 2])).tolist()
    [3, 4, 3]
    """
    n = len(weights)
    if n == 0:
        return np.zeros(0, dtype="int64")
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    sizes = np.diff(np.r_[starts, n])
    group_weight = np.repeat(np.add.reduceat(weights, starts), sizes)
    safe = np.where(group_weight > 0, group_weight, 1)
    fits = int(total.max(initial=0)) * int(weights.max(initial=0)) < 2**62
    # Exact integers either way: int64 when the products fit, Python ints otherwise.
    numerator = (
        total.astype("int64") * weights.astype("int64")
        if fits
        else total.astype(object) * weights.astype(object)
    )
    base = (numerator // safe).astype("int64")
    remainder = (numerator % safe).astype(float) / safe  # only ranks; ties by tiebreak
    base = np.where(group_weight > 0, base, 0)
    left = total - np.repeat(np.add.reduceat(base, starts), sizes)
    left = np.where(group_weight > 0, left, 0)
    order = np.lexsort((tiebreak, -remainder, groups))
    rank = np.empty(n, dtype="int64")
    position = np.arange(n) - np.repeat(starts, sizes)
    rank[order] = position
    return base + (rank < left).astype("int64")


def _check(teachers: pd.DataFrame, schools: pd.DataFrame) -> None:
    check(
        teachers,
        "teachers",
        ["teacher_id", "school_id", "post_grade", "head_teacher", "weekly_periods",
         "assessment", "backbone", "special_grade", "status"],
    )  # fmt: skip
    check(schools, "schools", ["school_id", "location", "is_weak"])
    bad_grade = ~teachers["post_grade"].between(1, 13)
    if bad_grade.any():
        row = teachers.index[bad_grade][0]
        raise ValueError(
            f"teachers: column 'post_grade' must be 1–13; got {teachers.at[row, 'post_grade']} "
            f"in row {row}"
        )
    unknown = ~teachers["school_id"].isin(schools["school_id"])
    if unknown.any():
        row = teachers.index[unknown][0]
        raise ValueError(
            f"teachers: school_id {teachers.at[row, 'school_id']} in row {row} is not in schools"
        )
    if teachers["teacher_id"].duplicated().any():
        raise ValueError("teachers: column 'teacher_id' has duplicates")


def incentive_points(teachers: pd.DataFrame, policy: PayPolicy) -> pd.Series:
    """Each teacher's incentive points under ``policy`` (see :class:`PayPolicy`).

    >>> t = pd.DataFrame({"weekly_periods": [16, 10], "head_teacher": [True, False],
    ...     "backbone": ["county", "none"], "special_grade": [False, False],
    ...     "assessment": ["excellent", "fail"]})
    >>> incentive_points(t, PayPolicy()).tolist()  # (100 + 4×4 + 30 + 10) × 1.2; fail: 0
    [187.2, 0.0]
    """
    extra = (teachers["weekly_periods"] - policy.workload_norm_periods).clip(lower=0)
    raw = (
        policy.base_points
        + extra * policy.points_per_extra_period
        + teachers["head_teacher"].astype(float) * policy.head_teacher_points
        + teachers["backbone"].map(policy.backbone_points()).astype(float)
        + teachers["special_grade"].astype(float) * policy.special_grade_points
    )
    return raw * teachers["assessment"].map(policy.assessment_multipliers()).astype(float)


def _half_up(numerator: int, fraction: Fraction) -> int:
    exact = numerator * fraction
    return int((exact * 2 + 1) // 2)


def _places(
    teachers: pd.DataFrame, schools: pd.DataFrame, policy: PayPolicy, hosts: pd.Series | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per teacher: the school that pays them, and the school they work at (0: none
    known). Away teachers work at their host when it is given; the host pays them when
    the policy says so and the host is known, else the home school does. Without
    ``hosts``, the teachers' own ``host_school_id`` (the data's 支教 host) where it names
    one of ``schools``: a host outside them (another county, when the frames are
    restricted) is not known here."""
    if hosts is None and "host_school_id" in teachers.columns:
        recorded = teachers.set_index("teacher_id")["host_school_id"].astype("float64")
        hosts = recorded[recorded.isin(schools["school_id"].to_numpy())]
    home = teachers["school_id"].to_numpy(dtype="int64")
    status = teachers["status"].to_numpy()
    host = (
        teachers["teacher_id"].map(hosts).to_numpy(dtype=float)
        if hosts is not None and len(hosts)
        else np.full(len(teachers), np.nan)
    )
    away = np.isin(status, list(_AWAY))
    known = away & ~np.isnan(host)
    unknown = known & ~np.isin(host, schools["school_id"].to_numpy())
    if unknown.any():
        i = int(np.argmax(unknown))
        raise ValueError(
            f"hosts: host school {int(host[i])} of teacher "
            f"{teachers['teacher_id'].iloc[i]} is not in schools"
        )
    host_id = np.where(known, host, 0).astype("int64")
    by_host = np.zeros(len(teachers), dtype=bool)
    for away_status, field in _AWAY.items():
        if getattr(policy, field) == "host":
            by_host |= known & (status == away_status)
    payer = np.where(by_host, host_id, home)
    works = np.select([status == "active", known], [home, host_id], 0)
    return payer, works


def school_pools(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    policy: PayPolicy,
    *,
    hosts: pd.Series | None = None,
) -> pd.DataFrame:
    """Each school's budget in fen: school_id, heads (teachers it pays incentive to),
    basic_fen, incentive_fen, pool_fen (basic + incentive).

    basic = Σ ``basic_yuan_by_grade`` × 100 of every teacher the school pays;
    incentive = heads × ``per_capita_yuan`` × 100 (× (1 + ``weak_school_tilt``) at weak
    schools, rounded half up) less its basic share (× ``basic_share``, rounded half up,
    computed exactly: the share is read as the decimal it is written as). Who a school
    pays, and who earns incentive, is :func:`allocate`'s rule.

    >>> s = pd.DataFrame({"school_id": [1], "location": ["urban"], "is_weak": [False]})
    >>> t = pd.DataFrame({"teacher_id": [1, 2, 3], "school_id": [1, 1, 1],
    ...     "post_grade": [11, 11, 13], "status": ["active", "seconded", "leave"]})
    >>> school_pools(t, s, PayPolicy(per_capita_yuan=10_001)).iloc[0].tolist()
    [1, 2, 7308000, 600060, 7908060]
    """
    payer, _ = _places(teachers, schools, policy, hosts)
    amounts = np.asarray(policy.basic_yuan_by_grade, dtype="int64") * 100
    basic = pd.Series(amounts[teachers["post_grade"].to_numpy() - 1]).groupby(payer).sum()
    earning = (teachers["status"] != "leave").to_numpy()
    heads = pd.Series(earning.astype("int64")).groupby(payer).sum()
    ids = schools["school_id"].to_numpy()
    basic, heads = (x.reindex(ids, fill_value=0) for x in (basic, heads))
    share = Fraction(str(policy.basic_share))
    tilt = Fraction(str(policy.weak_school_tilt))
    rows = []
    for school_id, n, b, weak in zip(ids, heads, basic, schools["is_weak"].to_numpy(), strict=True):
        pool = int(n) * int(policy.per_capita_yuan) * 100
        if weak and tilt:
            pool = _half_up(pool, 1 + tilt)
        incentive = pool - _half_up(pool, share)
        rows.append((int(school_id), int(n), int(b), incentive, int(b) + incentive))
    return pd.DataFrame(
        rows, columns=["school_id", "heads", "basic_fen", "incentive_fen", "pool_fen"]
    )


def allocate(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    policy: PayPolicy,
    *,
    hosts: pd.Series | None = None,
) -> pd.DataFrame:
    """Every teacher's annual performance pay and subsidy, in integer fen.

    Rule (docs/domain.md "Performance pay"): every teacher on the books is paid.

    - **Basic part**: the county's amount for the teacher's post grade
      (``basic_yuan_by_grade`` × 100 fen), the same at every school.
    - **Who pays**: the home school (the one whose books hold the teacher); a teacher
      on exchange or seconded is paid by the host school when the policy's
      ``exchange_paid_by`` / ``seconded_paid_by`` says ``"host"`` and the host is known,
      else by the home school. The host is ``hosts`` (teacher_id -> school_id, e.g. a
      rotation plan's ``to_school``) when given, else the teachers' recorded
      ``host_school_id`` (支教) when it is one of ``schools``.
    - **Incentive part**: each paying school's pool (:func:`school_pools`: (1 −
      ``basic_share``) × per capita per teacher it pays, except staff on leave, who draw
      the basic part only) split by :func:`incentive_points` with
      :func:`largest_remainder`, ties broken by the smaller ``teacher_id``: the pool adds
      up exactly to the fen, identical teachers differ by at most one fen, and the
      result does not depend on row order. If every earner of a school scores zero
      points, its pool stays unallocated.
    - **Subsidy**: ``rural_subsidy_yuan_month`` × 12 × 100 for teachers working at a
      school in ``subsidy_locations`` (active teachers at their school; teachers away at
      a known host), outside the pool.

    Returns, in the order of ``teachers``: teacher_id, school_id (home), payer_id,
    basic_fen, incentive_fen, subsidy_fen, total_fen (int64, never negative).

    >>> s = pd.DataFrame({"school_id": [1], "location": ["rural"], "is_weak": [False]})
    >>> t = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1], "post_grade": [11, 11],
    ...     "head_teacher": [False, False], "weekly_periods": [12, 12],
    ...     "assessment": ["pass", "pass"], "backbone": ["none", "none"],
    ...     "special_grade": [False, False], "status": ["active", "seconded"]})
    >>> allocate(t, s, PayPolicy(per_capita_yuan=10_000)).iloc[1].tolist()
    [2, 1, 1, 2520000, 300000, 0, 2820000]
    """
    _check(teachers, schools)
    payer, works = _places(teachers, schools, policy, hosts)
    pools = school_pools(teachers, schools, policy, hosts=hosts).set_index("school_id")
    ids = teachers["teacher_id"].to_numpy()
    order = np.lexsort((ids, payer))
    t = teachers.iloc[order]
    by = payer[order]
    earning = (t["status"] != "leave").to_numpy()
    points_w = np.where(earning, np.round(incentive_points(t, policy).to_numpy() * _SCALE), 0)
    incentive = np.empty(len(t), dtype="int64")
    incentive[order] = largest_remainder(
        pools["incentive_fen"].reindex(by).to_numpy(), points_w.astype("int64"), by, ids[order]
    )
    amounts = np.asarray(policy.basic_yuan_by_grade, dtype="int64") * 100
    location = schools.set_index("school_id")["location"].reindex(works).to_numpy()
    subsidy = np.where(
        np.isin(location, list(policy.subsidy_locations)),
        int(policy.rural_subsidy_yuan_month) * 12 * 100,
        0,
    )
    out = pd.DataFrame(
        {
            "teacher_id": ids,
            "school_id": teachers["school_id"].to_numpy(),
            "payer_id": payer,
            "basic_fen": amounts[teachers["post_grade"].to_numpy() - 1],
            "incentive_fen": incentive,
            "subsidy_fen": subsidy,
        }
    )
    out["total_fen"] = out["basic_fen"] + out["incentive_fen"] + out["subsidy_fen"]
    return out.astype({c: "int64" for c in out.columns}).reset_index(drop=True)


def _stats(values: pd.Series) -> pd.Series:
    return pd.Series(
        {
            "teachers": len(values),
            "mean_fen": values.mean(),
            "median_fen": values.median(),
            "p10_fen": values.quantile(0.10),
            "p90_fen": values.quantile(0.90),
            "gini": metrics.gini(values.to_numpy()),
        }
    )


def summarize(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame, by: str
) -> pd.DataFrame:
    """Distribution of active teachers' ``total_fen`` per group ``by`` (``location``,
    ``title``, ``school_id`` or ``district_id``): teachers, mean_fen, median_fen,
    p10_fen, p90_fen, gini."""
    frame = _active_view(allocation, teachers, schools)
    return frame.groupby(by)["total_fen"].apply(_stats).unstack().reset_index()


def _active_view(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    frame = allocation.merge(teachers[["teacher_id", "title", "status"]], on="teacher_id").merge(
        schools[["school_id", "location", "district_id"]], on="school_id"
    )
    return frame[frame["status"] == "active"]


def urban_rural_ratio(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame
) -> float:
    """Mean total pay of active urban teachers ÷ that of active rural teachers
    (nan when either group is empty)."""
    frame = _active_view(allocation, teachers, schools)
    means = frame.groupby("location")["total_fen"].mean()
    if "urban" not in means or "rural" not in means or means["rural"] == 0:
        return float("nan")
    return float(means["urban"] / means["rural"])


def compare(base: pd.DataFrame, proposal: pd.DataFrame) -> pd.DataFrame:
    """Per-teacher change from ``base`` to ``proposal`` (two :func:`allocate` results):
    teacher_id, school_id, base_fen, proposal_fen, delta_fen, outcome (``gain``,
    ``loss`` or ``same``). A teacher in only one of them counts 0 in the other.

    >>> b = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1], "total_fen": [100, 100]})
    >>> p = pd.DataFrame({"teacher_id": [1, 2], "school_id": [1, 1], "total_fen": [120, 90]})
    >>> compare(b, p)["outcome"].tolist()
    ['gain', 'loss']
    """
    merged = base[["teacher_id", "school_id", "total_fen"]].merge(
        proposal[["teacher_id", "school_id", "total_fen"]],
        on="teacher_id",
        how="outer",
        suffixes=("_base", "_proposal"),
    )
    out = pd.DataFrame(
        {
            "teacher_id": merged["teacher_id"],
            "school_id": merged["school_id_proposal"].fillna(merged["school_id_base"]),
            "base_fen": merged["total_fen_base"].fillna(0),
            "proposal_fen": merged["total_fen_proposal"].fillna(0),
        }
    ).astype("int64")
    out["delta_fen"] = out["proposal_fen"] - out["base_fen"]
    out["outcome"] = np.select(
        [out["delta_fen"] > 0, out["delta_fen"] < 0], ["gain", "loss"], "same"
    )
    return out


def benchmark_check(
    allocation: pd.DataFrame, teachers: pd.DataFrame, benchmark_yuan: float
) -> dict[str, float | bool]:
    """Mean annual pay (performance pay + subsidy) of active teachers against a
    benchmark the planner enters, e.g. the local civil servants' corresponding
    allowances (义务教育法 art. 31: teachers' average not below civil servants').
    Returns mean_yuan, benchmark_yuan, ratio and meets (ratio >= 1)."""
    active = allocation.merge(teachers[["teacher_id", "status"]], on="teacher_id")
    active = active[active["status"] == "active"]
    mean = float(active["total_fen"].mean() / 100) if len(active) else 0.0
    ratio = mean / benchmark_yuan if benchmark_yuan > 0 else float("nan")
    return {
        "mean_yuan": mean,
        "benchmark_yuan": float(benchmark_yuan),
        "ratio": ratio,
        "meets": bool(ratio >= 1),
    }
