"""Stored vocabularies of docs/design.md ("Vocabulary"): the only values the data may hold.

Labels for people come from the i18n catalog (``ui/locales``); these are the codes.
"""

from __future__ import annotations

__all__ = [
    "ASSESSMENTS",
    "BACKBONES",
    "CADRE_POSITIONS",
    "DEGREES",
    "GENDERS",
    "LEVELS",
    "LINK_STATUSES",
    "LOCATIONS",
    "NON_TEACHING",
    "RECORD_KINDS",
    "RESERVE_STATUSES",
    "STATUSES",
    "SUBJECTS",
    "TITLES",
    "VOCABULARIES",
]

LEVELS: tuple[str, ...] = ("primary", "junior", "senior")
LOCATIONS: tuple[str, ...] = ("urban", "town", "rural")
TITLES: tuple[str, ...] = ("senior_plus", "senior", "first", "second", "third", "none")
BACKBONES: tuple[str, ...] = ("none", "school", "county", "city", "province")
ASSESSMENTS: tuple[str, ...] = ("excellent", "pass", "basic", "fail")
STATUSES: tuple[str, ...] = ("active", "exchange_out", "seconded", "leave")
GENDERS: tuple[str, ...] = ("F", "M")
# Highest degree (最高学历): 研究生, 本科, 专科, 中专及以下.
DEGREES: tuple[str, ...] = ("postgraduate", "bachelor", "associate", "secondary")

# Subjects of staff who teach no class: administration and support (行政、教辅).
NON_TEACHING: tuple[str, ...] = ("admin",)

# Subjects the seeded curriculum uses (the curriculum table may add others), and
# ``admin`` for administration and support staff (行政、教辅), who teach no subject.
SUBJECTS: tuple[str, ...] = (
    "admin",
    "chinese",
    "math",
    "english",
    "morality",
    "science",
    "physics",
    "chemistry",
    "biology",
    "history",
    "geography",
    "music",
    "art",
    "pe",
    "it",
)

# Cadres (干部队伍): school leaders' positions, principal posts first: 书记, 校长, 副书记,
# 副校长, 中层; their growth-file entries: 培训, 党课, 调研报告, 挂职, 奖励; and a reserve
# entry's status: 在库, 考察, 任用, 调出.
CADRE_POSITIONS: tuple[str, ...] = (
    "secretary",
    "principal",
    "deputy_secretary",
    "vice_principal",
    "middle",
)
RECORD_KINDS: tuple[str, ...] = ("training", "lecture", "report", "secondment", "award")
RESERVE_STATUSES: tuple[str, ...] = ("pool", "review", "appointed", "left")
# A stored mentoring link (带教结对, issue 18): 在带 while it runs, 结束 once ended.
LINK_STATUSES: tuple[str, ...] = ("active", "ended")

# Every vocabulary by the name the column spec and the i18n catalog (``vocab.<name>``)
# use for it.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "level": LEVELS,
    "location": LOCATIONS,
    "title": TITLES,
    "backbone": BACKBONES,
    "assessment": ASSESSMENTS,
    "status": STATUSES,
    "gender": GENDERS,
    "degree": DEGREES,
    "subject": SUBJECTS,
    "cadre_position": CADRE_POSITIONS,
    "record_kind": RECORD_KINDS,
    "reserve_status": RESERVE_STATUSES,
    "link_status": LINK_STATUSES,
}
