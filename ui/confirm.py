"""Confirm before acting: a warning saying what will happen, then yes or no."""

from __future__ import annotations

import streamlit as st

__all__ = ["confirmed"]


def confirmed(pending: str, question: str, *, yes: tuple[str, str], no: tuple[str, str]) -> bool:
    """Under an action waiting in ``st.session_state[pending]``: ``question`` as a
    warning and two buttons, ``yes`` and ``no`` (each a label and a key). True once yes
    is pressed, the waiting action cleared; no clears it and reruns; else False."""
    st.warning(question)
    yes_column, no_column = st.columns(2)
    if no_column.button(no[0], key=no[1]):
        del st.session_state[pending]
        st.rerun()
    if not yes_column.button(yes[0], key=yes[1], type="primary"):
        return False
    del st.session_state[pending]
    return True
