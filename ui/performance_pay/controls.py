"""Performance pay's controls: every value of the pay policy, bound to the working
scenario, and the civil-servant benchmark (a view setting, not part of a scenario)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planning import pay, vocab
from ui.i18n import label, per_language, t
from ui.state import bind, change_policy, owned, working

__all__ = [
    "BENCHMARK",
    "GRADES",
    "PAYERS",
    "SUBSIDY_LOCATIONS",
    "benchmark",
    "key",
    "policy_controls",
]

BENCHMARK = "pay_benchmark"
GRADES = "pay_grades"  # the basic amount per post grade editor
PAYERS = "pay_payers"  # + ".<field>.<lang>"
SUBSIDY_LOCATIONS = "pay_subsidy_locations"  # + ".<lang>"
_POINTS = (
    ("base_points", 1, 1_000, 5),
    ("workload_norm_periods", 0, 40, 1),
    ("points_per_extra_period", 0, 100, 1),
    ("head_teacher_points", 0, 500, 5),
    ("special_grade_points", 0, 500, 5),
    ("backbone_school_points", 0, 500, 5),
    ("backbone_county_points", 0, 500, 5),
    ("backbone_city_points", 0, 500, 5),
    ("backbone_province_points", 0, 500, 5),
)
_MULTIPLIERS = ("excellent_multiplier", "pass_multiplier", "basic_multiplier")


def key(field: str) -> str:
    """The key of the control of a :class:`planning.pay.PayPolicy` field."""
    return f"pay_{field}"


def _number(field: str, lo: float, hi: float, step: float, *, whole: bool = False) -> None:
    value = getattr(working().pay, field)
    kind = int if whole else float
    st.number_input(
        t(f"pay.{field}"),
        min_value=kind(min(lo, value)),
        max_value=kind(max(hi, value)),
        step=kind(step),
        **bind(
            key(field),
            lambda s: kind(getattr(s.pay, field)),
            lambda v: change_policy(**{field: kind(v)}),
        ),
    )


def _slider(field: str, lo: float, hi: float, step: float, **extra: Any) -> None:
    value = getattr(working().pay, field)
    kind = type(step)
    st.sidebar.slider(
        t(f"pay.{field}"),
        min_value=kind(min(lo, value)),
        max_value=kind(max(hi, value)),
        step=step,
        **extra,
        **bind(
            key(field),
            lambda s: kind(getattr(s.pay, field)),
            lambda v: change_policy(**{field: kind(v)}),
        ),
    )


def policy_controls() -> None:
    """Every policy value as a control in the sidebar."""
    with st.sidebar:
        _number("per_capita_yuan", 0, 500_000, 1_000, whole=True)
    _slider("basic_share", 0.0, 1.0, 0.01, format="percent", help=t("pay.basic_share_help"))
    _slider("rural_subsidy_yuan_month", 0, 3_000, 50)
    st.sidebar.multiselect(
        t("pay.subsidy_locations"),
        list(vocab.LOCATIONS),
        format_func=lambda c: label("location", c),
        **bind(
            per_language(SUBSIDY_LOCATIONS),
            lambda s: list(s.pay.subsidy_locations),
            lambda v: change_policy(subsidy_locations=tuple(v)),
        ),
    )
    _slider("weak_school_tilt", 0.0, 0.5, 0.01, format="percent")
    # Who pays teachers on exchange: the host school is recorded (支教); where a seconded
    # teacher works is not, so seconded_paid_by has no control (docs/domain.md,
    # “Performance pay”).
    _payer("exchange_paid_by")
    with st.sidebar.expander(t("pay.points")):
        for field, lo, hi, step in _POINTS:
            _number(field, lo, hi, step)
    with st.sidebar.expander(t("pay.multipliers")):
        for field in _MULTIPLIERS:
            _number(field, 0, 3, 0.05)
        st.caption(t("pay.fail_note"))
    with st.sidebar.expander(t("pay.basic_yuan_by_grade")):
        _grade_editor()


def _payer(field: str) -> None:
    st.sidebar.radio(
        t(f"pay.{field}"),
        list(pay.PAYERS),
        format_func=lambda c: t(f"params.payer_{c}"),
        horizontal=True,
        help=t("pay.payer_help"),
        **bind(
            per_language(f"{PAYERS}.{field}"),
            lambda s: getattr(s.pay, field),
            lambda v: change_policy(**{field: v}),
        ),
    )


def _grade_editor() -> None:
    current = working().pay.basic_yuan_by_grade
    grades = pd.DataFrame({"grade": range(1, len(current) + 1), "amount": list(current)})
    edited = st.data_editor(
        grades,
        hide_index=True,
        disabled=["grade"],
        key=owned(GRADES),
        column_config={
            "grade": t("pay.post_grade"),
            "amount": st.column_config.NumberColumn(
                t("pay.basic_amount"),
                min_value=0,
                max_value=1_000_000,
                step=100,
                required=True,
                format="%d",
            ),
        },
    )
    amounts = tuple(int(a) for a in edited["amount"])
    # The editor shows the policy's amounts plus the person's edits: only an edit
    # differs from them, so the policy changes only when someone edits a cell.
    if amounts != current:
        try:
            change_policy(basic_yuan_by_grade=amounts)
        except ValueError as exc:
            st.error(t("pay.bad_policy", detail=str(exc)))


def benchmark() -> int:
    """The civil servants' mean annual pay the planner compares with (yuan)."""
    return int(
        st.sidebar.number_input(
            t("pay.benchmark"),
            min_value=0,
            max_value=1_000_000,
            value=40_000,
            step=1_000,
            key=BENCHMARK,
            help=t("pay.benchmark_help"),
        )
    )
