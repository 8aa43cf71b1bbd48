"""The Data page's sidebar: which view, which table, and which rows of it."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from models.editing import TeacherSearch
from models.loaders import Frames
from planning import columns, vocab
from ui.i18n import label, lang_key, t

__all__ = [
    "DISTRICT",
    "FIND",
    "FIND_FILTERS",
    "TABLE",
    "TABLES",
    "VIEW",
    "VIEWS",
    "editor_base",
    "rows",
    "view",
]

VIEW = "data_view"  # + ".<lang>"
TABLE = "data_table"  # + ".<lang>"
DISTRICT = "data_district"  # + ".<lang>"
FIND = "data_find"
# the teacher filters: each a multiselect keyed "data_find_<name>.<lang>"
FIND_FILTERS = ("districts", "schools", "subjects", "titles", "statuses")
VIEWS = ("edit", "import", "export", "history")
TABLES = (
    "school", "teacher", "wish", "cadre", "cadre_record", "cadre_reserve", "cadre_score",
    "staffing_standard", "curriculum", "pay_policy",
)  # fmt: skip

Scope = TeacherSearch | dict[str, object] | None


def view() -> str:
    """Edit, import, export or history."""
    chosen: str = st.sidebar.radio(
        t("data.view"), VIEWS, format_func=lambda v: t(f"data.view_{v}"), key=lang_key(VIEW)
    )
    return chosen


def rows(data: Frames) -> tuple[str, Scope]:
    """The table to edit and which of its rows: teachers found anywhere in the city,
    the rows of one district for the tables that belong to one (schools, wishes, the
    cadre tables), everything of the small tables."""
    table: str = st.sidebar.selectbox(
        t("data.table"), TABLES, format_func=lambda x: t(f"data.table_{x}"), key=lang_key(TABLE)
    )
    if table == "teacher":
        return table, _teacher_search(data)
    if any(c.ref for c in columns.stored(table).file_columns):
        districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
        district = st.sidebar.selectbox(
            t("common.district"), list(districts), format_func=lambda d: districts[d],
            key=lang_key(DISTRICT),
        )  # fmt: skip
        return table, {"district_id": district}
    return table, None


def _teacher_search(data: Frames) -> TeacherSearch:
    """A name, staff number, school or subject to look for, and filters."""
    text = st.sidebar.text_input(
        t("data_edit.find"), key=FIND, placeholder=t("data_edit.find_hint")
    )
    districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
    chosen_districts = _pick("districts", list(districts), districts.__getitem__)
    schools = data.schools
    if chosen_districts:
        schools = schools[schools["district_id"].isin(chosen_districts)]
    names = dict(zip(schools["school_id"], schools["name"], strict=True))
    subjects = vocab.VOCABULARIES["subject"]
    needle = text.strip().lower()
    return TeacherSearch(
        text=text.strip(),
        subjects_named=tuple(
            s for s in subjects if needle and needle in label("subject", s).lower()
        ),
        districts=tuple(int(d) for d in chosen_districts),
        schools=tuple(int(s) for s in _pick("schools", list(names), names.__getitem__)),
        subjects=tuple(_pick("subjects", list(subjects), lambda s: label("subject", s))),
        titles=tuple(_pick("titles", list(vocab.VOCABULARIES["title"]),
                           lambda s: label("title", s))),
        statuses=tuple(_pick("statuses", list(vocab.VOCABULARIES["status"]),
                             lambda s: label("status", s))),
    )  # fmt: skip


def _pick(name: str, options: list[Any], show: Callable[[Any], str]) -> list[Any]:
    chosen: list[Any] = st.sidebar.multiselect(
        t(f"data_edit.find_{name}"), options, format_func=show, key=lang_key(f"{FIND}_{name}"),
        placeholder=t("common.all"),
    )  # fmt: skip
    return chosen


def editor_base(table: str, scope: Scope) -> str:
    """The key base of the editor of ``table`` showing the rows of ``scope``: its own
    for each search, so a new search starts from the database."""
    if isinstance(scope, TeacherSearch):
        return f"data_edit_{table}_{zlib.crc32(repr(scope).encode()):08x}"
    value = next(iter(scope.values())) if scope else 0
    return f"data_edit_{table}_{value}"
