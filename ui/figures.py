"""Headline figures of scenario results, labelled and formatted for people."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from planning.scenario import ScenarioResult
from ui.format import fen_to_wan, fen_to_yuan, num, pct
from ui.i18n import t

__all__ = ["FIGURES", "figure_change", "figure_text", "headline_table"]

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
    ("rotation", "counties_primary_after", "int"),
    ("rotation", "counties_junior_after", "int"),
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


def figure_text(result: ScenarioResult, figure: str) -> str:
    """One headline figure of ``result`` (a name in :data:`FIGURES`), formatted."""
    module, _, kind = next(f for f in FIGURES if f[1] == figure)
    return _fmt(result.headline[module][figure], kind)


def figure_change(
    result: ScenarioResult, base: ScenarioResult, figure: str, minus: str = "\u2212"
) -> str:
    """The change of one headline figure against ``base``, signed ("+300", "−0.012";
    ``minus="-"`` for ``st.metric``, which colours a delta by its leading "-"), or the
    catalog's word for no change."""
    module, _, kind = next(f for f in FIGURES if f[1] == figure)
    delta = result.headline[module][figure] - base.headline[module][figure]
    if isinstance(delta, float) and math.isnan(delta):
        return "—"
    if _fmt(abs(delta), kind) == _fmt(0, kind):
        return t("compare.no_change")
    return ("+" if delta > 0 else minus) + _fmt(abs(delta), kind)


def headline_table(
    results: Sequence[ScenarioResult],
    baseline: ScenarioResult | None = None,
    figures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per figure (all, or those named in ``figures``), one column per
    scenario; with ``baseline``, each scenario's change against it follows in brackets
    (a scenario named like the baseline shows none)."""
    rows = []
    for module, figure, kind in FIGURES:
        if figures is not None and figure not in figures:
            continue
        row = {
            t("compare.module"): t(f"compare.module_{module}"),
            t("compare.figure"): t(f"compare.fig_{figure}"),
        }
        for r in results:
            value = r.headline[module][figure]
            text = _fmt(value, kind)
            if baseline is not None and r.scenario.name != baseline.scenario.name:
                base = baseline.headline[module][figure]
                delta = value - base
                if not math.isnan(delta) and delta:
                    sign = "+" if delta > 0 else "−"
                    text += f" ({sign}{_fmt(abs(delta), kind)})"
            row[r.scenario.name] = text
        rows.append(row)
    return pd.DataFrame(rows)
