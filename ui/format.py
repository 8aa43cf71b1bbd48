"""Number formatting for people: thousands separators, percentages, yuan from fen."""

from __future__ import annotations

import math

__all__ = ["fen_to_wan", "fen_to_yuan", "num", "pct"]


def num(value: float, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{digits}f}"


def pct(value: float, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value * 100:.{digits}f}%"


def fen_to_yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def fen_to_wan(fen: int) -> str:
    """Fen as 万元 (10,000 yuan) with one decimal, the unit of budgets in meetings."""
    return f"{fen / 1_000_000:,.1f}"
