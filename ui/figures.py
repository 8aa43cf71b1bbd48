"""Headline figures of scenario results, labelled and formatted for people."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from planning.scenario import ScenarioResult
from ui.format import fen_to_wan, fen_to_yuan, num, pct
from ui.i18n import t

__all__ = ["FIGURES", "headline_table"]

# (module, figure, formatter) in the order a meeting reads them.
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("establishment", "posts", "int"),
    ("establishment", "staff", "int"),
    ("establishment", "short_posts", "int"),
    ("establishment", "over_posts", "int"),
    ("establishment", "net", "int"),
    ("rotation", "required", "int"),
    ("rotation", "moved", "int"),
    ("rotation", "backbone_share", "pct"),
    ("rotation", "cv_primary_after", "cv"),
    ("rotation", "cv_junior_after", "cv"),
    ("pay", "budget_fen", "wan"),
    ("pay", "mean_fen", "yuan"),
    ("pay", "urban_rural_ratio", "ratio"),
    ("pay", "gini", "cv"),
)


def _fmt(value: float, kind: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return {
        "int": lambda v: num(v),
        "pct": lambda v: pct(v),
        "cv": lambda v: f"{v:.3f}",
        "ratio": lambda v: f"{v:.2f}",
        "wan": lambda v: fen_to_wan(int(v)),
        "yuan": lambda v: fen_to_yuan(int(v)),
    }[kind](value)


def headline_table(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None = None
) -> pd.DataFrame:
    """One row per figure, one column per scenario; with ``baseline``, each scenario's
    change against it follows in brackets."""
    rows = []
    for module, figure, kind in FIGURES:
        row = {
            t("compare.module"): t(f"compare.module_{module}"),
            t("compare.figure"): t(f"compare.fig_{figure}"),
        }
        for r in results:
            value = r.headline[module][figure]
            text = _fmt(value, kind)
            if baseline is not None and r is not baseline:
                base = baseline.headline[module][figure]
                delta = value - base
                if not math.isnan(delta) and delta:
                    sign = "+" if delta > 0 else "−"
                    text += f" ({sign}{_fmt(abs(delta), kind)})"
            row[r.scenario.name] = text
        rows.append(row)
    return pd.DataFrame(rows)
