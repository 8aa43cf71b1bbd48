"""The i18n catalog: every user-facing string, in Chinese and English.

Catalogs are flat TOML files in ``ui/locales`` (``zh.toml``, ``en.toml``) so a
translator edits text, not code. ``t(key, **values)`` looks the key up in the
language of the session (``st.session_state["lang"]``, default ``SHIZI_LANG``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pandas as pd
import streamlit as st

from models.config import settings

__all__ = [
    "LANGUAGES",
    "catalog",
    "label",
    "labelled",
    "lang",
    "lang_key",
    "language_switch",
    "per_language",
    "t",
]

LANGUAGES = ("zh", "en")
_DIR = Path(__file__).parent / "locales"
_STATE_KEY = "lang"


@cache
def catalog(language: str) -> dict[str, str]:
    """The flat key -> text mapping of ``language``."""
    with (_DIR / f"{language}.toml").open("rb") as fh:
        return _flatten(tomllib.load(fh))


def _flatten(tree: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{full}."))
        else:
            out[full] = str(value)
    return out


def lang() -> str:
    """The session's language: the switch's choice, else ``SHIZI_LANG``."""
    chosen = st.session_state.get(_STATE_KEY)
    return chosen if chosen in LANGUAGES else settings().shizi_lang


def t(key: str, **values: object) -> str:
    """The text of ``key`` in the session's language, with ``{name}`` fields filled."""
    text = catalog(lang())[key]
    return text.format(**values) if values else text


def label(kind: str, code: str) -> str:
    """The label of a vocabulary code, e.g. ``label("location", "rural")`` -> 乡村."""
    return t(f"vocab.{kind}.{code}")


def labelled(codes: pd.Series, kind: str) -> pd.Series:
    """Vocabulary codes as labels (one catalog lookup per distinct code, not per row)."""
    return codes.map({code: label(kind, code) for code in codes.unique()})


def per_language(base: str) -> str:
    """``base`` with the session's language: the key of a choice widget whose option
    labels are translated (see :func:`lang_key`)."""
    return f"{base}.{lang()}"


def lang_key(base: str, default: object = None) -> str:
    """The key of a choice widget whose option labels are translated.

    The browser reports a selectbox's or multiselect's value by its label, so after a
    language switch the old labels match nothing and the choice would silently reset.
    Each language gets its own key, seeded from the other language's value (option
    values are codes, the same in every language), so the choice survives the switch.
    A widget using it takes its initial value from ``default`` here, not its own.
    """
    key = per_language(base)
    if key not in st.session_state:
        others = [f"{base}.{o}" for o in LANGUAGES if o != lang()]
        seeded = next((st.session_state[k] for k in others if k in st.session_state), default)
        if seeded is not None:
            st.session_state[key] = seeded
    return key


def language_switch() -> None:
    """The sidebar's 中文 / English switch."""
    if _STATE_KEY not in st.session_state:
        st.session_state[_STATE_KEY] = settings().shizi_lang
    st.sidebar.segmented_control(
        t("app.language"),
        options=list(LANGUAGES),
        format_func=lambda code: catalog(code)["app.language_name"],
        key=_STATE_KEY,
        required=True,
    )
