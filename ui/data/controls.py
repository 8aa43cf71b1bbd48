"""The Data page's sidebar: which view, which table, and which rows of it."""

from __future__ import annotations

import streamlit as st

from models.loaders import Frames
from ui.i18n import lang_key, t

__all__ = ["DISTRICT", "SCHOOL", "TABLE", "TABLES", "VIEW", "VIEWS", "editor_base", "rows", "view"]

VIEW = "data_view"  # + ".<lang>"
TABLE = "data_table"  # + ".<lang>"
SCHOOL = "data_school"  # + ".<lang>"
DISTRICT = "data_district"  # + ".<lang>"
VIEWS = ("edit", "import", "export", "history")
TABLES = ("school", "teacher", "staffing_standard", "curriculum", "pay_policy")


def view() -> str:
    """Edit, import, export or history."""
    chosen: str = st.sidebar.radio(
        t("data.view"), VIEWS, format_func=lambda v: t(f"data.view_{v}"), key=lang_key(VIEW)
    )
    return chosen


def rows(data: Frames) -> tuple[str, dict[str, object] | None]:
    """The table to edit and which of its rows (teachers of one school, schools of one
    district, everything of the small tables)."""
    table: str = st.sidebar.selectbox(
        t("data.table"), TABLES, format_func=lambda x: t(f"data.table_{x}"), key=lang_key(TABLE)
    )
    if table == "teacher":
        schools = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))
        school = st.sidebar.selectbox(
            t("common.school"), list(schools), format_func=lambda s: schools[s],
            key=lang_key(SCHOOL),
        )  # fmt: skip
        return table, {"school_id": school}
    if table == "school":
        districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
        district = st.sidebar.selectbox(
            t("common.district"), list(districts), format_func=lambda d: districts[d],
            key=lang_key(DISTRICT),
        )  # fmt: skip
        return table, {"district_id": district}
    return table, None


def editor_base(table: str, where: dict[str, object] | None) -> str:
    """The key base of the editor of ``table`` restricted by ``where``."""
    scope = next(iter(where.values())) if where else 0
    return f"data_edit_{table}_{scope}"
