"""Overview's one control: the scope (the whole city or one county)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import lang_key, t

__all__ = ["SCOPE", "scope"]

SCOPE = "overview_scope"  # + ".<lang>"


def scope(names: dict[int, str]) -> int | None:
    """The county chosen, or None for the whole city."""
    district: int | None = st.sidebar.selectbox(
        t("common.scope"),
        [None, *names],
        format_func=lambda d: t("common.whole_city") if d is None else names[d],
        key=lang_key(SCOPE),
    )
    return district
