"""Overview's one control: the scope (the whole city or one county)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import lang_key, t
from ui.scope import WHOLE_CITY

__all__ = ["SCOPE", "scope"]

SCOPE = "overview_scope"  # + ".<lang>"


def scope(names: dict[int, str]) -> int | None:
    """The county chosen, or None for the whole city."""
    district: int = st.sidebar.selectbox(
        t("common.scope"),
        [WHOLE_CITY, *names],
        format_func=lambda d: t("common.whole_city") if d == WHOLE_CITY else names[d],
        key=lang_key(SCOPE),
    )
    return None if district == WHOLE_CITY else district
