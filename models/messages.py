"""Messages outside the pages (command line, refusals of the models), from the same
catalogs the UI uses (``ui/locales/*.toml``), read as data without streamlit, in the
language of ``SHIZI_LANG``."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from models.config import settings

__all__ = ["Refusal", "message"]

_LOCALES = Path(__file__).resolve().parent.parent / "ui" / "locales"


@cache
def _catalog(language: str) -> dict[str, str]:
    with (_LOCALES / f"{language}.toml").open("rb") as fh:
        return _flatten(tomllib.load(fh))


def _flatten(tree: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def message(key: str, language: str | None = None, /, **values: object) -> str:
    """The text of ``key`` in ``language`` (default ``SHIZI_LANG``), fields filled.

    >>> message("write.busy", "zh")
    '另一位同事正在保存，请稍后再试'
    """
    return _catalog(language or settings().shizi_lang)[key].format(**values)


class Refusal(Exception):
    """A refusal that explains itself from the catalog: ``key`` and its ``values``."""

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(message(key, **values))

    def text(self, language: str) -> str:
        """The message in ``language``."""
        return message(self.key, language, **self.values)
