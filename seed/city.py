"""A deterministic, Nantong-shaped city: districts, schools and teachers as frames.

The generator draws every number from ``numpy.random.default_rng(seed)``, so the same
seed and scale give the same city. It builds in the patterns docs/domain.md lists ("The city
in the seed data"): rural teachers are older, fewer are backbone teachers and they (and
older teachers everywhere) hold lower degrees; rural schools are short of English,
music, PE and art teachers; urban schools are over establishment in the main
subjects; many rural schools are small with small classes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning import vocab
from seed.cadres import generate_cadres
from seed.mentor_links import generate_mentor_links
from seed.names import person_names, place_names
from seed.reference import CURRICULUM, NANTONG_DISTRICTS, STANDARDS
from seed.wishes import generate_wishes

__all__ = ["SCALES", "City", "generate"]

# Schools at each scale; teachers follow (about 50 per school on average).
SCALES = {"demo": 110, "city": 1100, "province": 11000}
_PROVINCE_CITIES = ("南通", "苏州", "无锡", "常州", "扬州", "泰州", "盐城", "淮安", "镇江", "徐州")

# School types: sections they host, and their weight by location (urban, town, rural).
_TYPES = {
    "primary": (("primary",), (0.55, 0.50, 0.40)),
    "teaching_point": (("primary",), (0.00, 0.00, 0.20)),
    "junior": (("junior",), (0.20, 0.22, 0.20)),
    "nine_year": (("primary", "junior"), (0.07, 0.12, 0.16)),
    "senior": (("senior",), (0.12, 0.10, 0.04)),
    "complete": (("junior", "senior"), (0.06, 0.06, 0.00)),
}
_TYPE_SUFFIX = {
    "primary": "小学",
    "teaching_point": "教学点",
    "junior": "初级中学",
    "nine_year": "学校",
    "senior": "高级中学",
    "complete": "中学",
}
# Enrollment range per section and location; a section in a combined school takes 60 %.
_ENROLL = {
    "primary": {"urban": (1000, 2400), "town": (500, 1500), "rural": (120, 600)},
    "junior": {"urban": (700, 1800), "town": (400, 1200), "rural": (120, 500)},
    "senior": {"urban": (1200, 2500), "town": (1000, 2100), "rural": (500, 1200)},
}
_CLASS_SIZE = {
    "primary": {"urban": 45, "town": 42, "rural": 30},
    "junior": {"urban": 48, "town": 45, "rural": 38},
    "senior": {"urban": 50, "town": 48, "rural": 45},
}
# Staff against the 2001 quota: urban over establishment, rural short.
_STAFF_FACTOR = {"urban": (1.14, 0.04), "town": (1.02, 0.04), "rural": (0.96, 0.05)}
# Share of staff in administration and support (行政、教辅): on establishment, no subject.
_ADMIN_SHARE = 0.10
# How each location's staff spreads over subjects against curriculum need.
_SUBJECT_TILT = {
    "urban": {"chinese": 1.30, "math": 1.30},
    "town": {
        "chinese": 1.10,
        "math": 1.10,
        "english": 0.85,
        "music": 0.80,
        "pe": 0.85,
        "art": 0.80,
    },
    "rural": {
        "chinese": 1.35,
        "math": 1.35,
        "english": 0.45,
        "music": 0.35,
        "pe": 0.45,
        "art": 0.35,
    },
}
_AGE = {"urban": (38.0, 8.0), "town": (42.0, 8.0), "rural": (46.0, 7.5)}
_YEARS_AT_SCHOOL = {"urban": 8.0, "town": 10.0, "rural": 12.0}
_BACKBONE_P = {  # school, county, city, province
    "urban": (0.12, 0.11, 0.05, 0.012),
    "town": (0.10, 0.07, 0.02, 0.004),
    "rural": (0.06, 0.02, 0.004, 0.0005),
}
# Highest degree: a score that falls with age (older teachers trained at 中师/专科) and
# from urban to rural, rises in secondary schools, plus logistic noise; cut into
# postgraduate > bachelor > associate > secondary. Urban teachers under 35 are about
# 22 % postgraduate and 76 % bachelor; rural teachers over 50 about 33 % bachelor,
# 52 % associate and 14 % secondary or below (seed 2013, city scale).
_DEGREE_SHIFT = {"urban": 1.9, "town": 1.1, "rural": 0.3}
_DEGREE_CUTS = (4.6, 0.0, -2.3)  # postgraduate, bachelor, associate
_WEAK_P = {"urban": 0.03, "town": 0.10, "rural": 0.15}
_LOC_SPREAD = {"urban": 0.03, "town": 0.10, "rural": 0.16}
_TITLE_BANDS = {  # title -> post grades
    "senior_plus": (1, 4),
    "senior": (5, 7),
    "first": (8, 10),
    "second": (11, 12),
    "third": (13, 13),
    "none": (13, 13),
}


@dataclass(frozen=True)
class City:
    """Generated frames in the docs/design.md contracts (``districts`` adds ``code``/``name``)."""

    districts: pd.DataFrame
    schools: pd.DataFrame
    teachers: pd.DataFrame
    year: int
    # Cadres (干部队伍, issue 17): seed/cadres.py
    cadres: pd.DataFrame
    cadre_records: pd.DataFrame
    cadre_reserves: pd.DataFrame
    cadre_scores: pd.DataFrame
    # Teachers' wishes (志愿, issue 12): seed/wishes.py
    wishes: pd.DataFrame
    # Mentoring links (带教结对, issue 18): seed/mentor_links.py
    mentor_links: pd.DataFrame


def _districts(scale: str) -> pd.DataFrame:
    rows = []
    cities = _PROVINCE_CITIES if scale == "province" else _PROVINCE_CITIES[:1]
    for c, city in enumerate(cities):
        for code, name, lat, lon, share, urban in NANTONG_DISTRICTS:
            rows.append(
                {
                    "code": code if c == 0 else f"{c:02d}{code[2:]}",
                    "name": name if c == 0 else f"{city}·{name}",
                    # Other cities reuse Nantong's shape, moved on the map.
                    "lat": lat + 0.9 * (c % 4) - (1.2 if c >= 4 else 0.0) * (c // 4),
                    "lon": lon - 0.8 * (c % 5),
                    "share": share / len(cities),
                    "urban": urban,
                }
            )
    out = pd.DataFrame(rows)
    out.insert(0, "district_id", np.arange(1, len(out) + 1))
    return out


def _school_locations(rng: np.random.Generator, urban_district: bool, n: int) -> np.ndarray:
    p = (0.85, 0.15, 0.0) if urban_district else (0.10, 0.35, 0.55)
    return rng.choice(np.array(vocab.LOCATIONS), size=n, p=p)


def _schools(rng: np.random.Generator, districts: pd.DataFrame, total: int) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    type_names = list(_TYPES)
    for d in districts.itertuples(index=False):
        n = max(4, round(total * d.share))
        locations = _school_locations(rng, bool(d.urban), n)
        places = place_names(rng, 60)
        used: set[str] = set()
        short = str(d.name).split("·")[-1]
        for i, loc in enumerate(locations):
            col = vocab.LOCATIONS.index(loc)
            weights = np.array([_TYPES[t][1][col] for t in type_names])
            kind = type_names[rng.choice(len(type_names), p=weights / weights.sum())]
            sections, _ = _TYPES[kind]
            row: dict[str, object] = {"district_id": d.district_id, "location": loc}
            for lv in vocab.LEVELS:
                students = 0
                if lv in sections:
                    lo, hi = _ENROLL[lv][loc]
                    students = int(rng.integers(lo, hi))
                    if kind == "teaching_point":
                        students = int(rng.integers(20, 90))
                    elif len(sections) > 1:
                        students = int(students * 0.6)
                size = 16 if kind == "teaching_point" else _CLASS_SIZE[lv][loc]
                row[f"students_{lv}"] = students
                row[f"classes_{lv}"] = int(np.ceil(students / size)) if students else 0
            spread = _LOC_SPREAD[loc] * (0.5 if d.urban else 1.0)
            offset = np.clip(rng.normal(0, spread, size=2), -0.25, 0.25)
            row["lat"] = round(float(d.lat + offset[0]), 5)
            row["lon"] = round(float(d.lon + offset[1]), 5)
            row["is_weak"] = bool(rng.random() < _WEAK_P[loc])
            place = places[i % len(places)]
            prefix = "南通市" if d.urban and loc == "urban" else short
            stem = f"{prefix}{place}" + ("镇" if loc != "urban" else "")
            name, k = f"{stem}{_TYPE_SUFFIX[kind]}", 2
            while name in used:
                name, k = f"{stem}第{_ordinal(k)}{_TYPE_SUFFIX[kind]}", k + 1
            used.add(name)
            row["name"] = name
            row["code"] = f"{d.code}{i + 1:04d}"
            rows.append(row)
    out = pd.DataFrame(rows)
    out.insert(0, "school_id", np.arange(1, len(out) + 1))
    return out


def _ordinal(k: int) -> str:
    digits = "零一二三四五六七八九"
    if k < 10:
        return digits[k]
    tens, ones = divmod(k, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _need_by_subject(school: pd.Series) -> dict[str, float]:
    need: dict[str, float] = {}
    for row in CURRICULUM.itertuples(index=False):
        classes = school[f"classes_{row.level}"]
        if classes:
            fte = classes * row.periods_per_class / row.teacher_load
            need[str(row.subject)] = need.get(str(row.subject), 0.0) + fte
    return need


def _quota_2001(school: pd.Series) -> float:
    ratios = STANDARDS["2001"]
    loc = school["location"]
    return sum(school[f"students_{lv}"] / ratios[lv][loc] for lv in vocab.LEVELS)


def _split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Largest-remainder split of ``total`` heads over subjects by ``weights``."""
    names = sorted(weights)
    w = np.array([weights[s] for s in names])
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(int)
    rest = total - counts.sum()
    for i in np.argsort(-(exact - counts), kind="stable")[:rest]:
        counts[i] += 1
    return dict(zip(names, counts.tolist(), strict=True))


def _staffing(rng: np.random.Generator, schools: pd.DataFrame) -> pd.DataFrame:
    """One row per teacher: school_id, subject, and the per-subject weekly periods.

    A school's staff = its 2001 quota × a location factor; ``_ADMIN_SHARE`` of them are
    administration and support (subject ``admin``), the rest split over the subjects
    by curriculum need and the location's tilt."""
    parts = []
    for _, s in schools.iterrows():
        loc = s["location"]
        need = _need_by_subject(s)
        mean, sd = _STAFF_FACTOR[loc]
        classes = s["classes_primary"] + s["classes_junior"] + s["classes_senior"]
        staff = max(round(_quota_2001(s) * rng.normal(mean, sd)), round(classes * 1.2), 2)
        tilt = _SUBJECT_TILT[loc]
        weights = {
            sub: fte * tilt.get(sub, 1.0) * rng.uniform(0.85, 1.15) for sub, fte in need.items()
        }
        admin = round(staff * _ADMIN_SHARE)
        if admin:
            parts.append((int(s["school_id"]), loc, "admin", admin, 0.0))
        for subject, count in _split(staff - admin, weights).items():
            if count:
                periods = (
                    need[subject] * 16 / count
                )  # at a nominal 16 periods, 早读/晚自习 included
                parts.append((int(s["school_id"]), loc, subject, count, periods))
    frame = pd.DataFrame(parts, columns=["school_id", "location", "subject", "count", "periods"])
    return (
        frame.loc[frame.index.repeat(frame["count"])].drop(columns="count").reset_index(drop=True)
    )


def _titles(rng: np.random.Generator, age: np.ndarray, rural: np.ndarray) -> np.ndarray:
    u = rng.random(len(age))
    senior_cut = np.where(rural, 0.25, 0.40)
    title = np.select(
        [
            age < 27,
            age < 35,
            (age < 46) & (u < senior_cut * 0.6),
            age < 46,
            (u < 0.012) & ~rural,
            u < senior_cut + 0.1,
        ],
        [
            np.where(u < 0.15, "none", np.where(u < 0.5, "third", "second")),
            np.where(u < 0.45, "second", np.where(u < 0.95, "first", "senior")),
            "senior",
            np.where(u < 0.85, "first", "second"),
            "senior_plus",
            "senior",
        ],
        default=np.where(u < 0.9, "first", "second"),
    )
    return title


def _degrees(
    rng: np.random.Generator, age: np.ndarray, loc: np.ndarray, primary: np.ndarray
) -> np.ndarray:
    """Highest degree per teacher: lower for older and rural teachers, higher in
    schools without a primary section."""
    u = rng.random(len(age))
    score = (
        np.array([_DEGREE_SHIFT[x] for x in loc])
        - 0.1 * (age - 40)
        + np.where(primary, 0.0, 1.0)
        + 0.9 * np.log(u / (1 - u))
    )
    post, bachelor, associate = _DEGREE_CUTS
    return np.select(
        [score > post, score > bachelor, score > associate],
        ["postgraduate", "bachelor", "associate"],
        default="secondary",
    )


def _sections(rng: np.random.Generator, t: pd.DataFrame, schools: pd.DataFrame) -> np.ndarray:
    """The section each teacher teaches: their school's only one, or at a school with
    several (a nine-year or complete school), drawn by that section's share of the
    subject's need; staff who teach no subject go with the school's largest section."""
    place = schools.set_index("school_id")
    classes = place[[f"classes_{lv}" for lv in vocab.LEVELS]].to_numpy(dtype=float)
    students = place[[f"students_{lv}" for lv in vocab.LEVELS]].to_numpy(dtype=float)
    per_class = {
        (str(r.level), str(r.subject)): r.periods_per_class / r.teacher_load
        for r in CURRICULUM.itertuples(index=False)
    }
    row = place.index.get_indexer(t["school_id"])
    weight = np.zeros((len(t), len(vocab.LEVELS)))
    for k, level in enumerate(vocab.LEVELS):
        fte = t["subject"].map(lambda sub, lv=level: per_class.get((lv, sub), 0.0)).to_numpy()
        weight[:, k] = classes[row, k] * fte
    none = weight.sum(axis=1) == 0
    weight[none] = students[row[none]] == students[row[none]].max(axis=1, keepdims=True)
    weight[weight.sum(axis=1) == 0, 0] = 1.0
    cumulative = np.cumsum(weight / weight.sum(axis=1, keepdims=True), axis=1)
    pick = (rng.random(len(t))[:, None] > cumulative).sum(axis=1)
    return np.asarray(vocab.LEVELS)[np.minimum(pick, len(vocab.LEVELS) - 1)]


def _teachers(rng: np.random.Generator, schools: pd.DataFrame, year: int) -> pd.DataFrame:
    t = _staffing(rng, schools)
    n = len(t)
    loc = t["location"].to_numpy()
    rural = loc == "rural"
    level_of = schools.set_index("school_id")[["students_primary", "students_junior"]]
    primary = level_of.loc[t["school_id"], "students_primary"].to_numpy() > 0
    female_p = np.where(primary, 0.75, 0.55) - np.where(rural, 0.12, 0.0)
    female = rng.random(n) < female_p
    mean_age = np.array([_AGE[x][0] for x in loc])
    sd_age = np.array([_AGE[x][1] for x in loc])
    retire = np.where(female, 55, 60)
    age = np.round(rng.normal(mean_age, sd_age)).astype(int)
    # Redraw, rather than clip, ages past retirement: no pile-up in the last year.
    late = age >= retire
    age[late] = rng.integers(retire[late] - 15, retire[late])
    age = np.maximum(age, 22)
    years_here = np.minimum(
        age - 22, np.floor(rng.exponential([_YEARS_AT_SCHOOL[x] for x in loc])).astype(int)
    )
    title = _titles(rng, age, rural)
    lo = np.array([_TITLE_BANDS[x][0] for x in title])
    hi = np.array([_TITLE_BANDS[x][1] for x in title])
    grade = lo + np.floor(rng.random(n) * (hi - lo + 1)).astype(int)
    probs = np.array([_BACKBONE_P[x] for x in loc])  # school, county, city, province
    u = rng.random(n)
    cum = np.cumsum(probs[:, ::-1], axis=1)  # province, +city, +county, +school
    backbone = np.select(
        [u < cum[:, 0], u < cum[:, 1], u < cum[:, 2], u < cum[:, 3]],
        ["province", "city", "county", "school"],
        default="none",
    )
    admin = (t["subject"] == "admin").to_numpy()
    backbone = np.where((age < 28) | admin, "none", backbone)
    special = (
        (backbone == "province")
        & (rng.random(n) < 0.15)
        & np.isin(title, ["senior", "senior_plus"])
    )
    periods = np.clip(np.round(t["periods"].to_numpy() + rng.normal(0, 1.5, n)), 4, 24).astype(int)
    periods = np.where(admin, 0, periods)  # administration and support teach no periods
    u = rng.random(n)
    assessment = np.select([u < 0.18, u < 0.975, u < 0.995], ["excellent", "pass", "basic"], "fail")
    u = rng.random(n)
    status = np.select(
        [u < 0.95, u < 0.97, u < 0.98], ["active", "exchange_out", "seconded"], "leave"
    )
    main = t["subject"].isin(["chinese", "math", "english"]).to_numpy()
    head = main & (age < 50) & (rng.random(n) < 0.55)
    names = person_names(rng, female)
    degree = _degrees(rng, age, loc, primary)  # drawn last: the other draws stay as they were
    section = _sections(rng, t, schools)
    return pd.DataFrame(
        {
            "teacher_id": np.arange(1, n + 1),
            "staff_no": [f"T{i:08d}" for i in range(1, n + 1)],
            "name": names,
            "gender": np.where(female, "F", "M"),
            "birth_year": year - age,
            "school_id": t["school_id"].to_numpy(),
            "subject": t["subject"].to_numpy(),
            "title": title,
            "degree": degree,
            "section": section,
            "post_grade": grade,
            "school_since": year - years_here,
            "backbone": backbone,
            "special_grade": special,
            "head_teacher": head,
            "weekly_periods": periods,
            "assessment": assessment,
            "status": status,
            "host_school_id": [None] * n,  # where those on exchange work is not generated
        }
    )


def generate(scale: str = "city", *, seed: int = 2013, year: int = 2026) -> City:
    """Generate the city at ``scale`` (``demo``, ``city`` or ``province``) for ``year``."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}; got {scale!r}")
    rng = np.random.default_rng(seed)
    districts = _districts(scale)
    schools = _schools(rng, districts, SCALES[scale])
    teachers = _teachers(rng, schools, year)
    return City(
        districts=districts.drop(columns=["share", "urban"]),
        schools=schools,
        teachers=teachers,
        year=year,
        **vars(generate_cadres(schools, seed=seed, year=year)),
        wishes=generate_wishes(schools, teachers, seed=seed, year=year),
        mentor_links=generate_mentor_links(schools, teachers, CURRICULUM, year=year),
    )
