"""Import headers and values in Chinese or English, mapped to the stored names.

Headers: each column's headers in the column spec (:mod:`planning.columns`). Values:
vocabulary codes, or their labels in either language from the i18n catalogs (data
files, read without the UI), plus the usual spreadsheet spellings (男/女, 是/否).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from planning import columns, vocab

__all__ = ["canonical_header", "name_beside", "value_aliases"]

_LOCALES = Path(__file__).resolve().parent.parent / "ui" / "locales"
_EXTRA = {
    "gender": {"男": "M", "女": "F", "male": "M", "female": "F"},
    "degree": {"博士": "postgraduate", "硕士": "postgraduate", "大专": "associate",
               "中专": "secondary", "中师": "secondary", "高中": "secondary"},
}  # fmt: skip


def canonical_header(table: str, header: str) -> str | None:
    """The file column (``school_code``, ``name``…) a spreadsheet header of the
    stored ``table`` means, or None."""
    wanted = header.strip().lower()
    for column in columns.stored(table).file_columns:
        if wanted in (h.lower() for h in column.headers):
            return column.file_name
    return None


def name_beside(table: str, header: str) -> bool:
    """Whether a header of the stored ``table`` is a name an export writes beside a
    code (学校名称 beside 学校代码 in a teacher file), which imports ignore."""
    wanted = header.strip().lower()
    return any(
        wanted in (h.lower() for h in beside)
        for column in columns.stored(table).file_columns
        if (beside := column.name_headers()) is not None
    )


@cache
def value_aliases(kind: str) -> dict[str, str]:
    """Every accepted spelling (lower-cased) of a vocabulary's values -> code."""
    codes = vocab.VOCABULARIES[kind]
    out = {code.lower(): code for code in codes}
    for language in ("zh", "en"):
        with (_LOCALES / f"{language}.toml").open("rb") as fh:
            labels = tomllib.load(fh)["vocab"][kind]
        out.update({str(text).lower(): code for code, text in labels.items() if code in codes})
    out.update(_EXTRA.get(kind, {}))
    return out
