"""Sidebar controls for every value of a pay policy."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import vocab
from planning.pay import PayPolicy
from ui.i18n import label, lang_key, t

__all__ = ["policy_controls"]


def _number(key: str, value: float, lo: float, hi: float, step: float) -> float:
    return float(
        st.number_input(
            t(f"pay.{key}"),
            min_value=float(lo),
            max_value=float(hi),
            value=float(value),
            step=float(step),
            key=f"pay_{key}",
        )
    )


def policy_controls(base: PayPolicy) -> PayPolicy:
    """Every policy value as a control, starting from ``base``; raises ``ValueError``
    (from :class:`PayPolicy`) when the values break a rule."""
    sb = st.sidebar
    per_capita = sb.number_input(
        t("pay.per_capita_yuan"),
        min_value=0,
        max_value=500_000,
        value=base.per_capita_yuan,
        step=1_000,
        key="pay_per_capita_yuan",
    )
    basic_share = sb.slider(
        t("pay.basic_share"),
        0.0,
        1.0,
        base.basic_share,
        0.01,
        key="pay_basic_share",
        help=t("pay.basic_share_help"),
    )
    subsidy = sb.slider(
        t("pay.rural_subsidy_yuan_month"),
        0,
        3_000,
        base.rural_subsidy_yuan_month,
        50,
        key="pay_rural_subsidy_yuan_month",
    )
    where = sb.multiselect(
        t("pay.subsidy_locations"),
        list(vocab.LOCATIONS),
        format_func=lambda c: label("location", c),
        key=lang_key("pay_subsidy_locations", default=list(base.subsidy_locations)),
    )
    tilt = sb.slider(
        t("pay.weak_school_tilt"),
        0,
        50,
        round(base.weak_school_tilt * 100),
        1,
        format="%d%%",
        key="pay_weak_school_tilt",
    )
    with sb.expander(t("pay.points")):
        points = {
            "base_points": _number("base_points", base.base_points, 1, 1_000, 5),
            "workload_norm_periods": _number(
                "workload_norm_periods", base.workload_norm_periods, 0, 40, 1
            ),
            "points_per_extra_period": _number(
                "points_per_extra_period", base.points_per_extra_period, 0, 100, 1
            ),
            "head_teacher_points": _number(
                "head_teacher_points", base.head_teacher_points, 0, 500, 5
            ),
            "special_grade_points": _number(
                "special_grade_points", base.special_grade_points, 0, 500, 5
            ),
        }
        for level in ("school", "county", "city", "province"):
            key = f"backbone_{level}_points"
            points[key] = _number(key, getattr(base, key), 0, 500, 5)
    with sb.expander(t("pay.multipliers")):
        for grade in ("excellent", "pass", "basic"):
            key = f"{grade}_multiplier"
            points[key] = _number(key, getattr(base, key), 0, 3, 0.05)
        st.caption(t("pay.fail_note"))
    with sb.expander(t("pay.grade_coefficients")):
        grades = pd.DataFrame({"grade": range(1, 14), "coefficient": list(base.grade_coefficients)})
        edited = st.data_editor(
            grades,
            hide_index=True,
            disabled=["grade"],
            key="pay_grades",
            column_config={
                "grade": t("pay.post_grade"),
                "coefficient": st.column_config.NumberColumn(
                    t("pay.coefficient"),
                    min_value=0.1,
                    max_value=10.0,
                    step=0.05,
                    required=True,
                    format="%.2f",
                ),
            },
        )
    return PayPolicy(
        per_capita_yuan=int(per_capita),
        basic_share=float(basic_share),
        grade_coefficients=tuple(float(c) for c in edited["coefficient"]),
        weak_school_tilt=tilt / 100,
        rural_subsidy_yuan_month=int(subsidy),
        subsidy_locations=tuple(where),
        **points,
    )
