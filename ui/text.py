"""User text shown as text in the elements that read Markdown.

``st.title``, ``st.subheader``, ``st.caption``, ``st.markdown``, alerts, and the labels
of widgets, metrics, tabs and expanders all interpret Markdown (and Streamlit's own
directives: ``:red[...]``, ``:material/...:``, ``$...$``); a name typed or imported by
a user must not turn bold, become a link, or load an image there. ``st.dataframe``,
``st.selectbox``/``st.multiselect`` options and chart text show strings as they are and
need no escaping (``st.radio`` options and ``st.table`` cells do read Markdown).
"""

from __future__ import annotations

import re

__all__ = ["plain"]

# Every ASCII punctuation character: CommonMark lets each be escaped with a backslash,
# and an escaped one is always shown as itself (HTML's < and & included).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def plain(value: object) -> str:
    """``value`` as Markdown that shows exactly its text: every ASCII punctuation
    character backslash-escaped, line breaks as one space (a name is one line).
    Text without ASCII punctuation (a Chinese name) comes back unchanged."""
    return _PUNCTUATION.sub(r"\\\1", _LINE_BREAK.sub(" ", str(value)))
