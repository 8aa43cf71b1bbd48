"""Overview's one control: the scope (the whole city or one county)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import lang_key, t
from ui.scope import WHOLE_CITY

__all__ = ["SCOPE", "scope"]

SCOPE = "overview_scope"  # + ".<lang>"


def scope(names: dict[int, str]) -> int | None:
    """The county chosen, or None for the whole city."""
    labels = {WHOLE_CITY: t("common.whole_city"), **names}  # in the language of this run
    district: int = st.sidebar.selectbox(
        t("common.scope"),
        list(labels),
        format_func=labels.__getitem__,
        key=lang_key(SCOPE),
    )
    return None if district == WHOLE_CITY else district
