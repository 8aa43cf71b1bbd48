"""Performance pay (绩效工资): policy parameters and the allocation engine.

DOMAIN.md, "Performance pay (绩效工资)".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["PayPolicy"]


@dataclass(frozen=True)
class PayPolicy:
    """Every parameter of the pay rule, with DOMAIN.md defaults.

    ``per_capita_yuan`` is the annual performance pay per active teacher. The default,
    36,000 yuan (3,000 a month), is a planning assumption in the range of Jiangsu
    county-level compulsory-school performance pay around 2013; replace it with the
    budget the finance bureau sets. ``basic_share`` 0.70 and the 30 % incentive part
    follow the 2008 guidance (人社部、财政部、教育部《关于义务教育学校实施绩效工资的指导意见》).
    """

    per_capita_yuan: int = 36_000
    basic_share: float = 0.70
    # Post grade 1 (highest) … 13 (lowest): coefficient of the basic part.
    grade_coefficients: tuple[float, ...] = (
        2.00,
        1.85,
        1.70,
        1.60,
        1.45,
        1.35,
        1.25,
        1.15,
        1.10,
        1.05,
        1.00,
        0.95,
        0.90,
    )
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

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PayPolicy:
        data: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"PayPolicy: unknown field(s) {', '.join(sorted(unknown))}")
        for name in ("grade_coefficients", "subsidy_locations"):
            if name in data:
                data[name] = tuple(data[name])
        return cls(**data)
