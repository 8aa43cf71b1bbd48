"""Data access for pages: the loaders' cached frames and the planning year."""

from __future__ import annotations

from datetime import date

import models
from models.loaders import Frames

__all__ = ["frames", "planning_year"]


def frames() -> Frames:
    """Every frame of ``DATABASE_URL`` (cached by ``models``; fresh after any write)."""
    return models.load()


def planning_year() -> int:
    """The year figures such as ages are computed for: this calendar year."""
    return date.today().year
