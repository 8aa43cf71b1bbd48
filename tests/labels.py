"""Vocabulary labels for exports made outside a Streamlit session (the Data page passes
``ui.i18n.label`` in the person's language)."""

from __future__ import annotations

from models.exporter import Labeller
from ui.i18n import catalog


def labeller(language: str) -> Labeller:
    """``(vocabulary, code) -> label`` in ``language`` (KeyError for a code without one)."""
    texts = catalog(language)
    return lambda kind, code: texts[f"vocab.{kind}.{code}"]
