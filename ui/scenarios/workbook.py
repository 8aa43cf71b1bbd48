"""The scenarios' workbook for planners: the headline figures as numbers with the
change against the baseline, every parameter, and per scenario its school quotas,
moves and pay, each sheet with headers in the session's language, names beside
codes, yuan with two decimals and km with one (:mod:`ui.sheets`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui.export import to_xlsx_bytes
from ui.figures import FIGURES
from ui.i18n import t
from ui.scenarios.parameters import namer, parameter_table
from ui.sheets import move_sheet, pay_sheet, quota_sheet

__all__ = ["build_workbook", "headline_numbers"]

# A headline figure's kind (ui.figures.FIGURES) → (factor, digits, unit key or "").
_AS_NUMBER = {"int": (1, 0, ""), "pct": (100, 1, "params.unit_pct"), "cv": (1, 3, ""),
              "ratio": (1, 2, ""), "wan": (1e-6, 1, "params.unit_wan"),
              "yuan": (1e-2, 2, "params.unit_yuan")}  # fmt: skip


def headline_numbers(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None
) -> pd.DataFrame:
    """Each headline figure as a number per scenario, its unit, and each scenario's
    change against ``baseline`` (none for the baseline itself)."""
    rows = []
    for module, figure, kind in FIGURES:
        factor, digits, unit = _AS_NUMBER[kind]
        row: dict[str, object] = {
            t("compare.module"): t(f"compare.module_{module}"),
            t("compare.figure"): t(f"compare.fig_{figure}"),
            t("params.unit"): t(unit) if unit else "",
        }
        for r in results:
            row[r.scenario.name] = round(r.headline[module][figure] * factor, digits)
        if baseline is not None:
            base = baseline.headline[module][figure] * factor
            for r in results:
                if r.scenario.name != baseline.scenario.name:
                    change = r.headline[module][figure] * factor - base
                    row[t("params.change", name=r.scenario.name)] = round(change, digits)
        rows.append(row)
    return pd.DataFrame(rows)


def build_workbook(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> bytes:
    """The headline sheet, the parameters sheet, then per scenario (numbered in the
    order compared) its quotas, moves and pay (the pay with its change against the
    baseline)."""
    districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
    school_names = data.schools.set_index("school_id")["name"]
    sheets = {
        t("deck.headline"): headline_numbers(results, baseline),
        t("params.sheet"): parameter_table([r.scenario for r in results], namer(data)),
    }
    formats: dict[str, str] = {}
    for k, r in enumerate(results, start=1):
        before = None if baseline is None else baseline.allocation
        for module, (table, number) in (
            ("establishment", quota_sheet(r.quotas, data.schools, districts)),
            ("rotation", move_sheet(r.moves, data.teachers, school_names)),
            ("pay", pay_sheet(r.allocation, data.teachers, data.schools, before)),
        ):
            sheets[f"{k}-{t(f'compare.module_{module}')}"] = table
            formats |= number
    return to_xlsx_bytes(sheets, formats)
