"""What every page needs from app.py, even on a fresh server's first request.

Streamlit runs a fresh process's first script run in its old "pages/ directory" mode
when a ``pages/`` folder sits beside the entry script: a deep link such as
``/overview`` then runs ``pages/overview.py`` alone, without ``app.py`` (no language
switch, no database gate, the wrong navigation), and that mode lasts until someone
opens the root URL. We turn the mode off as soon as any page imports this module
(the flag is the one ``st.navigation`` itself clears), and a page that finds
``app.py`` has not run in this session asks for one rerun, which goes through it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

__all__ = ["mark_app_ran", "require_app"]

PagesManager.uses_pages_directory = False
_APP_RAN = "_shizi_app_ran"


def mark_app_ran() -> None:
    """Called by app.py on every run."""
    st.session_state[_APP_RAN] = True


def require_app() -> None:
    """Rerun through app.py when this page was started without it."""
    if not st.session_state.get(_APP_RAN):
        st.rerun()
