"""Every parameter of the compared scenarios as a table people read: the label each
page's control shows, the value in words and units (labels, not codes; names, not
ids). The workbook's parameters sheet and the deck's appendix are this table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

import pandas as pd

from models.loaders import Frames
from planning.pay import PayPolicy
from planning.rotation import RotationRules
from planning.scenario import Scenario
from ui.format import num, pct
from ui.i18n import label, t

__all__ = ["namer", "parameter_table"]

# Fields a person reads as a share, and the vocabulary of each list of codes.
_SHARES = {"growth_primary", "growth_junior", "growth_senior", "rate", "backbone_share",
           "basic_share", "weak_school_tilt"}  # fmt: skip
_CODES = {"sender_locations": "location", "receiver_locations": "location",
          "subsidy_locations": "location", "backbone_levels": "backbone",
          "non_teaching_subjects": "subject"}  # fmt: skip
# Scenario fields shown elsewhere in the table (rules, policy) or as the column header.
_NOT_SHOWN = {"name", "rotation", "pay", "custom_standard"}


def _value(field: str, value: Any, names: Callable[[str, int], str]) -> str:
    if field == "district_id":
        return t("common.whole_city") if value is None else names("district", int(value))
    if value is None:
        return t("params.none")
    if isinstance(value, bool):
        return t("params.yes") if value else t("params.no")
    if field in _SHARES:
        return pct(float(value))
    if field in _CODES:
        return "、".join(label(_CODES[field], c) for c in value) or t("params.none")
    if field == "quality_school_ids":
        return "、".join(names("school", i) for i in value) or t("params.none")
    if field.endswith("_paid_by"):
        return t(f"params.payer_{value}")
    if field == "basic_yuan_by_grade":
        return " / ".join(num(v) for v in value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    if isinstance(value, (int, float)) and field != "rotation_year":
        return num(value)
    return str(value)


def _standard(scenario: Scenario) -> str:
    if scenario.custom_standard:
        return t("establishment.custom")
    return t("establishment.standard_name", name=scenario.standard)


def parameter_table(
    scenarios: Sequence[Scenario], names: Callable[[str, int], str]
) -> pd.DataFrame:
    """One row per parameter (module, label), one column per scenario, in the order
    the pages show them. ``names(kind, id)`` gives a school's or district's name."""
    rows: list[dict[str, str]] = []

    def add(module: str, field: str, key: str, values: list[str]) -> None:
        row = {t("compare.module"): t(f"compare.module_{module}"), t("params.name"): t(key)}
        rows.append(row | dict(zip([s.name for s in scenarios], values, strict=True)))

    add("establishment", "standard", "establishment.standard", [_standard(s) for s in scenarios])
    for f in fields(Scenario):
        if f.name in _NOT_SHOWN or f.name == "standard":
            continue
        module = "rotation" if f.name == "rotation_year" else "establishment"
        values = [_value(f.name, getattr(s, f.name), names) for s in scenarios]
        add(module, f.name, f"params.{f.name}", values)
    for part, kind, module in (("rotation", RotationRules, "rotation"), ("pay", PayPolicy, "pay")):
        for f in fields(kind):
            values = [_value(f.name, getattr(getattr(s, part), f.name), names) for s in scenarios]
            add(module, f.name, f"{part}.{f.name}", values)
    return pd.DataFrame(rows)


def namer(data: Frames) -> Callable[[str, int], str]:
    """``names(kind, id)`` for :func:`parameter_table`: a school's or district's name."""
    districts = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
    schools = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))

    def names(kind: str, ident: int) -> str:
        return str((districts if kind == "district" else schools).get(ident, ident))

    return names
