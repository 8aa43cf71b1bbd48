"""Performance-pay rules of docs/domain.md, worked by hand, and their invariants."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import pay
from tests import factories as f

# A flat basic amount (70 % of 10,000 yuan at every grade) keeps hand sums short.
FLAT = (7_000,) * 13
POLICY = pay.PayPolicy(per_capita_yuan=10_000, basic_yuan_by_grade=FLAT)


def run(teachers: pd.DataFrame, schools: pd.DataFrame | None = None, policy=POLICY) -> pd.DataFrame:
    schools = schools if schools is not None else f.schools(f.school())
    return pay.allocate(teachers, schools, policy).set_index("teacher_id")


def test_two_identical_rural_teachers() -> None:
    out = run(f.teachers(f.teacher(1), f.teacher(2)), f.schools(f.school(location="rural")))
    # pool 2 x 10,000 yuan = 2,000,000 fen; basic 70 % = 1,400,000; incentive 600,000
    assert out["basic_fen"].tolist() == [700_000, 700_000]
    assert out["incentive_fen"].tolist() == [300_000, 300_000]
    assert out["subsidy_fen"].tolist() == [360_000, 360_000]  # 300 yuan x 12 months
    assert out["total_fen"].tolist() == [1_360_000, 1_360_000]
    assert list(out.reset_index().columns) == [
        "teacher_id",
        "school_id",
        "payer_id",
        "basic_fen",
        "incentive_fen",
        "subsidy_fen",
        "total_fen",
    ]


def test_basic_part_is_the_county_amount_per_post_grade_whatever_the_school() -> None:
    # Issue 13: the same grade 13 earned more at one school than at another because
    # each school's basic pool was split zero-sum; the county sets one amount per grade.
    schools = f.schools(f.school(1), f.school(2))
    teachers = f.teachers(
        f.teacher(1, school_id=1, post_grade=13),
        f.teacher(2, school_id=1, post_grade=13),
        f.teacher(3, school_id=2, post_grade=13),
        f.teacher(4, school_id=2, post_grade=1),
    )
    amounts = tuple(30_000 - 1_000 * g for g in range(13))  # grade 1: 30,000 … 13: 18,000
    policy = pay.PayPolicy(per_capita_yuan=10_000, basic_yuan_by_grade=amounts)
    out = run(teachers, schools, policy)
    assert out["basic_fen"].tolist() == [1_800_000, 1_800_000, 1_800_000, 3_000_000]
    # the incentive part stays each school's pool (heads x 3,000 yuan) split by points
    assert out.groupby("school_id")["incentive_fen"].sum().tolist() == [600_000, 600_000]


def test_default_basic_amounts_fall_with_the_post_grade() -> None:
    amounts = pay.PayPolicy().basic_yuan_by_grade
    assert len(amounts) == 13 and list(amounts) == sorted(amounts, reverse=True)
    assert amounts[10] == 25_200  # grade 11 (二级): 70 % of the 36,000 per capita


def test_incentive_pool_is_rounded_half_up() -> None:
    policy = pay.PayPolicy(per_capita_yuan=1, basic_share=0.705)  # 100 fen x 0.705 = 70.5
    out = run(f.teachers(f.teacher(1)), policy=policy)
    assert out.loc[1, "incentive_fen"] == 29  # 100 - 71


def test_teachers_away_are_paid_by_the_home_school_by_default() -> None:
    # Issue 13: teachers on exchange or seconded got 0 yuan. They are paid (basic and
    # incentive, from the home school's pool they count in); staff on leave draw the
    # basic part only; the rural subsidy goes to those working at a rural school.
    teachers = f.teachers(
        f.teacher(1),
        f.teacher(2, status="exchange_out"),
        f.teacher(3, status="seconded"),
        f.teacher(4, status="leave"),
    )
    out = run(teachers, f.schools(f.school(location="rural")))
    assert out["basic_fen"].tolist() == [700_000] * 4
    assert out["incentive_fen"].tolist() == [300_000, 300_000, 300_000, 0]  # 3 x 3,000 yuan
    assert out["subsidy_fen"].tolist() == [360_000, 0, 0, 0]
    assert out["payer_id"].tolist() == [1, 1, 1, 1]
    assert (out["total_fen"] > 0).all()


def test_the_host_pays_when_the_policy_says_so() -> None:
    schools = f.schools(f.school(1, location="urban"), f.school(2, location="rural"))
    teachers = f.teachers(
        f.teacher(1, school_id=1),
        f.teacher(2, school_id=1, status="exchange_out", weekly_periods=16),
        f.teacher(3, school_id=2),
        f.teacher(4, school_id=1, status="seconded"),
    )
    hosts = pd.Series({2: 2, 4: 2})
    policy = pay.PayPolicy(
        per_capita_yuan=10_000, basic_yuan_by_grade=FLAT, exchange_paid_by="host"
    )
    out = pay.allocate(teachers, schools, policy, hosts=hosts).set_index("teacher_id")
    assert out["school_id"].tolist() == [1, 1, 2, 1]  # on the books at home
    assert out["payer_id"].tolist() == [1, 2, 2, 1]  # seconded_paid_by stays "home"
    # school 2 pays 2 x 3,000 yuan split 116 : 100 points; school 1 pays teachers 1, 4
    assert out.loc[[2, 3], "incentive_fen"].tolist() == [322_222, 277_778]
    assert out.loc[[1, 4], "incentive_fen"].tolist() == [300_000, 300_000]
    assert out.loc[2, "subsidy_fen"] == 360_000  # working at a rural school
    # without a host school on record the home school pays
    home = pay.allocate(teachers, schools, policy).set_index("teacher_id")
    assert home.loc[2, "payer_id"] == 1 and home.loc[2, "incentive_fen"] > 0
    with pytest.raises(ValueError, match="'exchange_paid_by' parameter of PayPolicy"):
        pay.PayPolicy(exchange_paid_by="bureau")
    with pytest.raises(ValueError, match="host school 9 of teacher 2 is not in schools"):
        pay.allocate(teachers, schools, policy, hosts=pd.Series({2: 9}))


def test_the_recorded_host_school_is_the_host() -> None:
    """Without ``hosts``, a teacher's ``host_school_id`` (支教) is their host; a host
    outside the schools given (another county's) is not known, and the home school pays."""
    schools = f.schools(f.school(1, location="urban"), f.school(2, location="rural"))
    teachers = f.teachers(
        f.teacher(1, school_id=1),
        f.teacher(2, school_id=1, status="exchange_out", host_school_id=2),
        f.teacher(3, school_id=2),
        f.teacher(4, school_id=1, status="exchange_out", host_school_id=7),
        f.teacher(5, school_id=1, status="exchange_out"),
    )
    teachers["host_school_id"] = teachers["host_school_id"].astype("Int64")
    policy = pay.PayPolicy(
        per_capita_yuan=10_000, basic_yuan_by_grade=FLAT, exchange_paid_by="host"
    )
    out = pay.allocate(teachers, schools, policy).set_index("teacher_id")
    assert out["payer_id"].tolist() == [1, 2, 2, 1, 1]
    assert out.loc[2, "subsidy_fen"] == 360_000  # working at the rural host
    assert out.loc[[4, 5], "subsidy_fen"].tolist() == [0, 0]  # where they work is not known
    given = pay.allocate(teachers, schools, policy, hosts=pd.Series({2: 1})).set_index("teacher_id")
    assert given.loc[2, "payer_id"] == 1  # an explicit ``hosts`` is the one used
    pools = pay.school_pools(teachers, schools, policy).set_index("school_id")
    assert pools["heads"].tolist() == [3, 2]


def test_assessment_orders_incentive_and_fail_earns_none() -> None:
    teachers = f.teachers(
        f.teacher(1, assessment="excellent"),
        f.teacher(2, assessment="pass"),
        f.teacher(3, assessment="basic"),
        f.teacher(4, assessment="fail"),
    )
    inc = run(teachers)["incentive_fen"]
    assert inc[1] > inc[2] > inc[3] > inc[4] == 0
    assert inc.sum() == 4 * 300_000
    # points 120 : 100 : 80 : 0 of 1,200,000
    assert inc.tolist() == [480_000, 400_000, 320_000, 0]


def test_incentive_points_add_workload_class_teacher_backbone_special() -> None:
    teachers = f.teachers(
        f.teacher(1),  # 100
        f.teacher(2, weekly_periods=16),  # 100 + 4 x 4
        f.teacher(3, head_teacher=True),  # 100 + 30
        f.teacher(4, backbone="city", special_grade=True),  # 100 + 20 + 30
    )
    assert pay.incentive_points(teachers, POLICY).tolist() == [100, 116, 130, 150]


def test_ties_break_by_teacher_id_whatever_the_row_order() -> None:
    schools = f.schools(f.school())
    four = f.teachers(f.teacher(1), f.teacher(2), f.teacher(3), f.teacher(4))
    even = pay.allocate(four, schools, pay.PayPolicy(per_capita_yuan=1, basic_share=0.0))
    assert even["incentive_fen"].tolist() == [100, 100, 100, 100]  # 400 fen, 4 ways
    shuffled = f.teachers(f.teacher(3), f.teacher(1), f.teacher(2))
    # pool 300 fen; 300 x 0.0133 = 3.99 -> 4 fen basic share, so 296 fen of incentive
    # over three equal teachers: 98 each and the 2 left to the smaller ids
    out = pay.allocate(shuffled, schools, pay.PayPolicy(per_capita_yuan=1, basic_share=0.0133))
    assert out.set_index("teacher_id").loc[[1, 2, 3], "incentive_fen"].tolist() == [99, 99, 98]
    assert out["teacher_id"].tolist() == [3, 1, 2]  # rows come back in the input order


def test_subsidy_only_for_active_teachers_in_subsidy_locations() -> None:
    schools = f.schools(f.school(1, location="rural"), f.school(2, location="town"))
    teachers = f.teachers(
        f.teacher(1, school_id=1),
        f.teacher(2, school_id=2),
        f.teacher(3, school_id=1, status="leave"),
    )
    assert run(teachers, schools)["subsidy_fen"].tolist() == [360_000, 0, 0]
    wider = pay.PayPolicy(per_capita_yuan=10_000, subsidy_locations=("rural", "town"))
    assert run(teachers, schools, wider)["subsidy_fen"].tolist() == [360_000, 360_000, 0]


def test_weak_school_tilt_raises_the_incentive_pool() -> None:
    schools = f.schools(f.school(location="urban", is_weak=True))
    policy = pay.PayPolicy(per_capita_yuan=10_000, basic_yuan_by_grade=FLAT, weak_school_tilt=0.1)
    out = run(f.teachers(f.teacher(1)), schools, policy)
    # 1,100,000 fen x 1.1 -> 1,100,000; less its basic share (770,000): 330,000
    assert out.loc[1, ["basic_fen", "incentive_fen"]].tolist() == [700_000, 330_000]


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="school_id 9 in row 0 is not in schools"):
        run(f.teachers(f.teacher(1, school_id=9)))
    with pytest.raises(ValueError, match="'post_grade' must be 1–13; got 14"):
        run(f.teachers(f.teacher(1, post_grade=14)))
    with pytest.raises(
        ValueError, match=r"The 'basic_share' parameter of PayPolicy must be in \[0, 1\]; got 1.5"
    ):
        pay.PayPolicy(basic_share=1.5)
    with pytest.raises(ValueError, match="excellent_multiplier"):
        pay.PayPolicy(excellent_multiplier=0.9)
    with pytest.raises(ValueError, match="'basic_yuan_by_grade' parameter of PayPolicy must be 13"):
        pay.PayPolicy(basic_yuan_by_grade=(1_000,) * 12)


def test_policy_json_round_trip() -> None:
    policy = pay.PayPolicy(per_capita_yuan=42_000, subsidy_locations=("rural", "town"))
    assert pay.PayPolicy.from_json(policy.to_json()) == policy
    with pytest.raises(ValueError, match="unknown field"):
        pay.PayPolicy.from_json('{"bonus": 1}')


def test_a_policy_saved_with_grade_coefficients_gets_amounts() -> None:
    # Policies saved before issue 13 hold coefficients of a zero-sum split; each becomes
    # coefficient x per capita x basic share, whole yuan (the defaults map to the defaults).
    old = '{"per_capita_yuan": 36000, "basic_share": 0.7, "grade_coefficients": '
    old += "[2.0, 1.85, 1.7, 1.6, 1.45, 1.35, 1.25, 1.15, 1.1, 1.05, 1.0, 0.95, 0.9]}"
    assert pay.PayPolicy.from_json(old) == pay.PayPolicy()
    saved = {"per_capita_yuan": 1000, "basic_share": 0.5, "grade_coefficients": [1.001] * 13}
    small = pay.PayPolicy.from_json(json.dumps(saved))
    assert small.basic_yuan_by_grade == (501,) * 13  # 500.5 rounds half up


def test_analysis() -> None:
    schools = f.schools(f.school(1, location="urban"), f.school(2, location="rural"))
    teachers = f.teachers(f.teacher(1, school_id=1), f.teacher(2, school_id=2))
    base = pay.allocate(teachers, schools, POLICY)
    assert pay.urban_rural_ratio(base, teachers, schools) == pytest.approx(1_000_000 / 1_360_000)
    by = pay.summarize(base, teachers, schools, "location").set_index("location")
    assert by.loc["rural", "mean_fen"] == 1_360_000 and by.loc["urban", "gini"] == 0
    richer = pay.allocate(
        teachers, schools, pay.PayPolicy(per_capita_yuan=12_000, basic_yuan_by_grade=FLAT)
    )
    diff = pay.compare(base, richer)
    assert diff["delta_fen"].tolist() == [60_000, 60_000]  # the incentive part: 30 % of 2,000
    assert set(diff["outcome"]) == {"gain"}
    check = pay.benchmark_check(base, teachers, benchmark_yuan=11_800)
    assert check["mean_yuan"] == 11_800 and check["meets"]


# ---- properties ---------------------------------------------------------------

teacher_rows = st.fixed_dictionaries(
    {
        "school_id": st.integers(1, 3),
        "post_grade": st.integers(1, 13),
        "weekly_periods": st.integers(0, 24),
        "head_teacher": st.booleans(),
        "backbone": st.sampled_from(["none", "school", "county", "city", "province"]),
        "special_grade": st.booleans(),
        "assessment": st.sampled_from(["excellent", "pass", "basic", "fail"]),
        "status": st.sampled_from(
            ["active", "active", "active", "leave", "exchange_out", "seconded"]
        ),
    }
)
policies = st.builds(
    pay.PayPolicy,
    per_capita_yuan=st.integers(0, 200_000),
    basic_share=st.sampled_from([0.0, 0.5, 0.6, 0.65, 0.7, 0.73, 0.8, 1.0]),
    weak_school_tilt=st.sampled_from([0.0, 0.05, 0.1, 0.333]),
    basic_yuan_by_grade=st.lists(st.integers(0, 100_000), min_size=13, max_size=13).map(tuple),
    exchange_paid_by=st.sampled_from(["home", "host"]),
    seconded_paid_by=st.sampled_from(["home", "host"]),
)
# Hosts for teachers away: teacher_id -> school (some have none on record).
hosts_of = st.dictionaries(st.integers(1, 40), st.integers(1, 3), max_size=40)
SCHOOLS = f.schools(
    f.school(1, location="urban", is_weak=True),
    f.school(2, location="town"),
    f.school(3, location="rural"),
)


def _frame(rows: list[dict]) -> pd.DataFrame:
    return f.teachers(*[f.teacher(i + 1, **r) for i, r in enumerate(rows)])


@settings(max_examples=150, deadline=None)
@given(st.lists(teacher_rows, min_size=1, max_size=40), policies, hosts_of)
def test_every_pool_adds_up_to_the_fen(rows: list[dict], policy: pay.PayPolicy, hosts) -> None:
    teachers = _frame(rows)
    host = pd.Series(hosts, dtype="int64")
    out = pay.allocate(teachers, SCHOOLS, policy, hosts=host)
    assert (out[["basic_fen", "incentive_fen", "subsidy_fen", "total_fen"]] >= 0).all().all()
    assert (out["total_fen"] == out["basic_fen"] + out["incentive_fen"] + out["subsidy_fen"]).all()
    pools = pay.school_pools(teachers, SCHOOLS, policy, hosts=host).set_index("school_id")
    sums = out.groupby("payer_id")[["basic_fen", "incentive_fen"]].sum()
    earning = teachers.assign(payer_id=out["payer_id"])[teachers["status"] != "leave"]
    points = pay.incentive_points(earning, policy).groupby(earning["payer_id"]).sum()
    for school_id, row in sums.iterrows():
        assert row["basic_fen"] == pools.loc[school_id, "basic_fen"]
        if points.get(school_id, 0) > 0:  # a school where every earner failed keeps it
            assert row["incentive_fen"] == pools.loc[school_id, "incentive_fen"]


@settings(max_examples=150, deadline=None)
@given(st.lists(teacher_rows, min_size=1, max_size=40), policies)
def test_basic_part_is_the_grade_amount_for_everyone_on_the_books(
    rows: list[dict], policy: pay.PayPolicy
) -> None:
    teachers = _frame(rows)
    out = pay.allocate(teachers, SCHOOLS, policy)
    amounts = [policy.basic_yuan_by_grade[g - 1] * 100 for g in teachers["post_grade"]]
    assert out["basic_fen"].tolist() == amounts


@settings(max_examples=100, deadline=None)
@given(st.lists(teacher_rows, min_size=1, max_size=40), policies, st.randoms())
def test_result_does_not_depend_on_row_order(rows: list[dict], policy: pay.PayPolicy, rnd) -> None:
    teachers = _frame(rows)
    shuffled = teachers.sample(frac=1, random_state=rnd.randint(0, 10_000))
    a = pay.allocate(teachers, SCHOOLS, policy).set_index("teacher_id").sort_index()
    b = pay.allocate(shuffled, SCHOOLS, policy).set_index("teacher_id").sort_index()
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=100, deadline=None)
@given(teacher_rows, st.integers(2, 9), policies)
def test_identical_teachers_differ_by_at_most_one_fen_per_part(
    row: dict, copies: int, policy: pay.PayPolicy
) -> None:
    out = pay.allocate(_frame([{**row, "status": "active"}] * copies), SCHOOLS, policy)
    for part in ("basic_fen", "incentive_fen"):
        assert out[part].max() - out[part].min() <= 1


FACTORS = [
    ("weekly_periods", lambda v: v + 3),
    ("head_teacher", lambda v: True),
    ("special_grade", lambda v: True),
    (
        "backbone",
        lambda v: {"none": "school", "school": "county", "county": "city"}.get(v, "province"),
    ),
    ("assessment", lambda v: {"fail": "basic", "basic": "pass"}.get(v, "excellent")),
]


@settings(max_examples=150, deadline=None)
@pytest.mark.parametrize(("column", "raise_it"), FACTORS, ids=[c for c, _ in FACTORS])
@given(rows=st.lists(teacher_rows, min_size=2, max_size=30))
def test_more_points_never_less_incentive(column: str, raise_it, rows: list[dict]) -> None:
    """Raising one teacher's points factor never lowers their incentive.

    Largest remainder can move a single fen between teachers when others' remainders
    shift, so the guarantee is: never less than before minus that one fen, and the
    teacher's exact share (before rounding) does not fall.
    """
    teachers = _frame([{**r, "school_id": 1, "status": "active"} for r in rows])
    better = teachers.copy()
    better.loc[0, column] = raise_it(better.loc[0, column])
    before = pay.allocate(teachers, SCHOOLS, POLICY)["incentive_fen"][0]
    after = pay.allocate(better, SCHOOLS, POLICY)["incentive_fen"][0]
    assert after >= before - 1
    assert _share(better) >= _share(teachers) - 1e-12


def _share(teachers: pd.DataFrame) -> float:
    points = pay.incentive_points(teachers, POLICY)
    return float(points[0] / max(points.sum(), 1e-9))
