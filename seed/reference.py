"""Reference tables the seed writes: staffing standards, curriculum, the districts.

Figures from docs/domain.md ("Staffing establishment", "The city in the seed data").
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CURRICULUM", "NANTONG_DISTRICTS", "STANDARDS", "standards_frame"]

# Students per staff member, 国办发〔2001〕74号; 中央编办发〔2014〕72号 unifies town and
# rural schools at the urban ratios.
_RATIO_2001 = {
    "senior": {"urban": 12.5, "town": 13.0, "rural": 13.5},
    "junior": {"urban": 13.5, "town": 16.0, "rural": 18.0},
    "primary": {"urban": 19.0, "town": 21.0, "rural": 23.0},
}
_RATIO_2014 = {lv: {loc: r["urban"] for loc in r} for lv, r in _RATIO_2001.items()}
STANDARDS = {"2001": _RATIO_2001, "2014": _RATIO_2014}


def standards_frame() -> pd.DataFrame:
    """Both named standard sets as rows: name, level, location, students_per_staff."""
    return pd.DataFrame(
        [
            {"name": name, "level": lv, "location": loc, "students_per_staff": ratio}
            for name, table in STANDARDS.items()
            for lv, row in table.items()
            for loc, ratio in row.items()
        ]
    )


# Typical weekly periods per class (averaged over a section's grades) and one
# full-time teacher's weekly load, after the national curriculum plans
# (义务教育课程设置实验方案 2001, 普通高中课程方案). Planners edit this table.
_CURRICULUM = {
    "primary": {
        "chinese": (7.0, 12),
        "math": (4.5, 13),
        "english": (2.0, 14),
        "morality": (2.0, 14),
        "science": (1.5, 14),
        "music": (2.0, 16),
        "art": (2.0, 16),
        "pe": (3.5, 16),
        "it": (1.0, 16),
    },
    "junior": {
        "chinese": (5.0, 12),
        "math": (5.0, 12),
        "english": (4.0, 12),
        "morality": (2.0, 14),
        "physics": (1.5, 12),
        "chemistry": (0.7, 12),
        "biology": (1.3, 14),
        "history": (2.0, 14),
        "geography": (1.3, 14),
        "music": (1.0, 16),
        "art": (1.0, 16),
        "pe": (3.0, 16),
        "it": (1.0, 16),
    },
    "senior": {
        "chinese": (4.5, 11),
        "math": (5.0, 11),
        "english": (4.5, 11),
        "morality": (2.0, 12),
        "physics": (3.0, 12),
        "chemistry": (3.0, 12),
        "biology": (2.5, 12),
        "history": (2.0, 12),
        "geography": (2.0, 12),
        "music": (0.5, 14),
        "art": (0.5, 14),
        "pe": (2.0, 14),
        "it": (1.0, 14),
    },
}
CURRICULUM = pd.DataFrame(
    [
        {"level": lv, "subject": s, "periods_per_class": p, "teacher_load": float(load)}
        for lv, subjects in _CURRICULUM.items()
        for s, (p, load) in subjects.items()
    ]
)

# The eight county-level units of Nantong in 2013 (docs/domain.md): code (行政区划代码),
# name, centre lat/lon, share of the city's schools, and whether it is a city district.
NANTONG_DISTRICTS: tuple[tuple[str, str, float, float, float, bool], ...] = (
    ("320602", "崇川区", 32.010, 120.860, 0.12, True),
    ("320611", "港闸区", 32.060, 120.810, 0.06, True),
    ("320612", "通州区", 32.070, 121.070, 0.15, False),
    ("320621", "海安县", 32.540, 120.460, 0.11, False),
    ("320623", "如东县", 32.320, 121.190, 0.13, False),
    ("320681", "启东市", 31.810, 121.660, 0.12, False),
    ("320682", "如皋市", 32.370, 120.570, 0.17, False),
    ("320684", "海门市", 31.870, 121.180, 0.14, False),
)
