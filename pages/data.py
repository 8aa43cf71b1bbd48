"""Data: edit, import, export and history, for editors; nothing a viewer can change."""

import streamlit as st

from ui.auth import can
from ui.data import controls
from ui.data.editor import edit_table
from ui.data.history import history_view
from ui.data.importing import import_view
from ui.data.views import export_view
from ui.frames import frames
from ui.i18n import t
from ui.shell import require_app

require_app()
st.title(t("data.title"))
if not can("editor"):
    st.info(t("data.viewers"))
    st.stop()
view = controls.view()
data = frames()
if view == "edit":
    table, scope = controls.rows(data)
    st.caption(t("data.edit_help"))
    edit_table(table, scope, data, key=controls.editor_base(table, scope))
elif view == "import":
    import_view(data)
elif view == "export":
    export_view()
else:
    history_view(data)
