"""The scenarios' workbook for planners, one sheet per topic: the headline figures as
numbers with the change against the baseline, every parameter, every school's quota,
every move and every teacher's pay, each scenario in its own columns; headers in the
session's language, names beside codes, yuan with two decimals and km with one
(:mod:`ui.sheets`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from models.loaders import Frames
from planning import pay
from planning.scenario import ScenarioResult
from ui.export import to_xlsx_bytes
from ui.figures import FIGURES
from ui.i18n import t
from ui.scenarios.parameters import namer, parameter_table
from ui.sheets import YUAN, move_sheet, quota_headers, quota_table

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


def _by_scenario(header: str, name: str) -> str:
    """A per-scenario column's header: the scenario's name, then what it holds."""
    return t("workbook.per_scenario", name=name, header=header)


def _quotas(
    results: Sequence[ScenarioResult], data: Frames, districts: dict[int, str]
) -> pd.DataFrame:
    """One row per school: code, name, district, location, staff and present, then
    each scenario's posts and gap."""
    headers = quota_headers()
    first = quota_table(results[0].quotas, data.schools, districts)
    fixed = ["code", "name", "district", "location_label", "staff", "present"]
    table = first[["school_id", *fixed]].rename(columns=headers)
    for r in results:
        own = r.quotas.set_index("school_id")
        for column in ("quota", "gap"):
            values = own[column].reindex(table["school_id"]).to_numpy()
            table[_by_scenario(headers[column], r.scenario.name)] = values
    return table.drop(columns="school_id")


def _moves(results: Sequence[ScenarioResult], data: Frames) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every scenario's moves, one after the other, the scenario named first."""
    school_names = data.schools.set_index("school_id")["name"]
    tables: list[pd.DataFrame] = []
    formats: dict[str, str] = {}
    for r in results:
        table, formats = move_sheet(r.moves, data.teachers, school_names)
        table.insert(0, t("compare.scenario"), r.scenario.name)
        tables.append(table)
    return pd.concat(tables, ignore_index=True), formats


def _pay(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> tuple[pd.DataFrame, dict[str, str]]:
    """One row per teacher: staff number, name, school, then each scenario's total in
    yuan and, for each scenario but the baseline, its change against the baseline
    (:func:`planning.pay.compare`)."""
    people = data.teachers[["teacher_id", "staff_no", "name", "school_id"]].merge(
        data.schools[["school_id", "name"]].rename(columns={"name": "school"})
    )
    table = pd.DataFrame({"teacher_id": results[0].allocation["teacher_id"]})
    formats: dict[str, str] = {}
    total, change = t("pay.col.total_fen"), t("pay.col.delta_fen")
    parts = [(r.scenario.name, total, r.allocation[["teacher_id", "total_fen"]]) for r in results]
    if baseline is not None:
        parts += [
            (r.scenario.name, change, pay.compare(baseline.allocation, r.allocation)
             [["teacher_id", "delta_fen"]])
            for r in results if r.scenario.name != baseline.scenario.name
        ]  # fmt: skip
    for name, what, frame in parts:
        header = _by_scenario(what, name)
        table = table.merge(frame.set_axis(["teacher_id", header], axis=1), how="outer")
        table[header] = table[header] / 100
        formats[header] = YUAN
    shown = people.merge(table, on="teacher_id").drop(columns=["teacher_id", "school_id"])
    headers = {c: t(f"pay.col.{c}") for c in ("staff_no", "name", "school")}
    return shown.rename(columns=headers), formats


def build_workbook(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> bytes:
    """One sheet per topic: the headline figures, the parameters, every school's quota,
    every move and every teacher's pay, each scenario in its own columns (the moves
    one after the other)."""
    districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
    moves, km = _moves(results, data)
    pay_table, yuan = _pay(results, baseline, data)
    sheets = {
        t("deck.headline"): headline_numbers(results, baseline),
        t("params.sheet"): parameter_table([r.scenario for r in results], namer(data)),
        t("compare.module_establishment"): _quotas(results, data, districts),
        t("compare.module_rotation"): moves,
        t("compare.module_pay"): pay_table,
    }
    return to_xlsx_bytes(sheets, km | yuan)
