"""Shizi entry point: page config, language, database gate, navigation."""

from pathlib import Path

import streamlit as st

from ui.auth import gate
from ui.database import ensure_ready
from ui.i18n import language_switch, t
from ui.pages import PAGES
from ui.share import open_link
from ui.shell import mark_app_ran

# The icon is served by the app itself: a ":material/...:" icon makes every browser fetch
# the favicon from fonts.gstatic.com.
FAVICON = Path(__file__).parent / "ui" / "favicon.svg"
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
mark_app_ran()
language_switch()
gate()
ensure_ready()

sections: dict[str, list[st.Page]] = {}
for i, spec in enumerate(PAGES):
    sections.setdefault(t(spec.section_key), []).append(
        st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            default=i == 0,
        )
    )
page = st.navigation(sections)
open_link(page.url_path)
page.run()
