"""Data: edit, import, export and history, for editors; nothing a viewer can change."""

import streamlit as st

from ui.auth import can
from ui.data import frames
from ui.data_views import export_view, history_view, import_view
from ui.i18n import lang_key, t
from ui.shell import require_app
from ui.table_editor import edit_table

require_app()
st.title(t("data.title"))
if not can("editor"):
    st.info(t("data.viewers"))
    st.stop()
data = frames()
view = st.sidebar.radio(
    t("data.view"),
    ["edit", "import", "export", "history"],
    format_func=lambda v: t(f"data.view_{v}"),
    key=lang_key("data_view"),
)
if view == "edit":
    table = st.sidebar.selectbox(
        t("data.table"),
        ["school", "teacher", "staffing_standard", "curriculum", "pay_policy"],
        format_func=lambda x: t(f"data.table_{x}"),
        key=lang_key("data_table"),
    )
    where = None
    if table == "teacher":
        names = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))
        school = st.sidebar.selectbox(
            t("common.school"),
            list(names),
            format_func=lambda s: names[s],
            key=lang_key("data_school"),
        )
        where = {"school_id": school}
    elif table == "school":
        names = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
        district = st.sidebar.selectbox(
            t("common.district"),
            list(names),
            format_func=lambda d: names[d],
            key=lang_key("data_district"),
        )
        where = {"district_id": district}
    st.caption(t("data.edit_help"))
    scope = next(iter(where.values())) if where else 0
    edit_table(table, where, key=f"data_edit_{table}_{scope}")
elif view == "import":
    import_view()
elif view == "export":
    export_view()
else:
    history_view()
