"""Shizi entry point: page config, language, database gate, navigation."""

import streamlit as st

from ui.database import ensure_ready
from ui.i18n import language_switch, t

st.set_page_config(page_title=t("app.title"), page_icon=":material/school:", layout="wide")
language_switch()
ensure_ready()

pages = {
    t("nav.section.city"): [
        st.Page(
            "pages/overview.py",
            title=t("overview.title"),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
    ],
}
st.navigation(pages).run()
