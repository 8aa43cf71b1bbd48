"""Import headers and values in Chinese or English, mapped to the stored names.

Headers: each table's columns with the names people write in spreadsheets. Values:
vocabulary codes, or their labels in either language from the i18n catalogs (data
files, read without the UI), plus the usual spreadsheet spellings (男/女, 是/否).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from planning import vocab

__all__ = ["HEADERS", "VOCAB_COLUMNS", "canonical_header", "value_aliases"]

_LOCALES = Path(__file__).resolve().parent.parent / "ui" / "locales"

HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "school": {
        "code": ("学校代码", "学校编码", "code", "school_code"),
        "name": ("学校名称", "校名", "name", "school_name"),
        "district_code": ("区县代码", "县区代码", "行政区划代码", "district_code"),
        "location": ("城乡类别", "城乡", "location"),
        "is_weak": ("薄弱学校", "是否薄弱学校", "is_weak", "weak"),
        "lat": ("纬度", "lat", "latitude"),
        "lon": ("经度", "lon", "longitude"),
        "students_primary": ("小学在校生", "小学学生数", "students_primary"),
        "students_junior": ("初中在校生", "初中学生数", "students_junior"),
        "students_senior": ("高中在校生", "高中学生数", "students_senior"),
        "classes_primary": ("小学班级数", "classes_primary"),
        "classes_junior": ("初中班级数", "classes_junior"),
        "classes_senior": ("高中班级数", "classes_senior"),
    },
    "teacher": {
        "staff_no": ("工号", "教师编号", "staff_no", "staff number"),
        "name": ("姓名", "name"),
        "gender": ("性别", "gender"),
        "birth_year": ("出生年份", "出生年", "birth_year"),
        "school_code": ("学校代码", "学校编码", "school_code"),
        "subject": ("学科", "任教学科", "subject"),
        "title": ("职称", "title"),
        "post_grade": ("岗位等级", "post_grade"),
        "school_since": ("本校任教起始年份", "调入本校年份", "school_since"),
        "backbone": ("骨干层级", "骨干", "backbone"),
        "special_grade": ("特级教师", "special_grade"),
        "head_teacher": ("班主任", "head_teacher"),
        "weekly_periods": ("周课时", "周课时数", "weekly_periods"),
        "assessment": ("年度考核", "考核结果", "assessment"),
        "status": ("状态", "在岗状态", "status"),
    },
}

VOCAB_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "location": ("location", vocab.LOCATIONS),
    "gender": ("gender", vocab.GENDERS),
    "subject": ("subject", vocab.SUBJECTS),
    "title": ("title", vocab.TITLES),
    "backbone": ("backbone", vocab.BACKBONES),
    "assessment": ("assessment", vocab.ASSESSMENTS),
    "status": ("status", vocab.STATUSES),
}
_EXTRA = {"gender": {"男": "M", "女": "F", "male": "M", "female": "F"}}


def canonical_header(table: str, header: str) -> str | None:
    """The stored column a spreadsheet header means, or None."""
    wanted = header.strip().lower()
    for column, names in HEADERS[table].items():
        if wanted in (n.lower() for n in names):
            return column
    return None


@cache
def value_aliases(column: str) -> dict[str, str]:
    """Every accepted spelling (lower-cased) of a vocabulary column's values -> code."""
    kind, codes = VOCAB_COLUMNS[column]
    out = {code.lower(): code for code in codes}
    for language in ("zh", "en"):
        with (_LOCALES / f"{language}.toml").open("rb") as fh:
            labels = tomllib.load(fh)["vocab"][kind]
        out.update({str(text).lower(): code for code, text in labels.items() if code in codes})
    out.update(_EXTRA.get(column, {}))
    return out
