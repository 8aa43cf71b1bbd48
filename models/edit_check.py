"""Rows as the table editor would save them, checked by the import's rules
(:func:`models.importer.check`): the same columns, kinds, vocabularies, bounds,
references and duplicate keys, and the same messages, before anything is written."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from models.exporter import TABLES
from models.importer import ImportRefused, Problem, check
from planning import columns
from planning.columns import Column

__all__ = ["edit_problems"]


def edit_problems(
    table: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    schools: pd.DataFrame,
    districts: pd.DataFrame,
    teachers: pd.DataFrame | None = None,
    cadres: pd.DataFrame | None = None,
    year: int | None = None,
) -> list[Problem]:
    """Every problem of ``rows`` (each a whole row: stored column -> value) by the
    import's rules, those across rows and tables (:mod:`models.import_rules`) too; a
    problem's ``row`` is the row's index in ``rows``. Tables the import does not cover
    (their rules are the database's) have none here. ``teachers`` and ``cadres`` are
    needed for the tables that refer to them (wishes, the cadres' records)."""
    if table not in TABLES or not rows:
        return []
    refs = {"schools": schools, "districts": districts}
    refs.update({k: v for k, v in (("teachers", teachers), ("cadres", cadres)) if v is not None})
    raw = pd.DataFrame(
        {c.file_name: [_text(row.get(c.column), c, refs) for row in rows]
         for c in columns.stored(table).file_columns},
        dtype=str,
    )  # fmt: skip
    try:
        check(raw, table, schools=schools, districts=districts, teachers=teachers,
              cadres=cadres, year=year)  # fmt: skip
    except ImportRefused as refused:
        return [replace(p, row=None if p.row is None else p.row - 2) for p in refused.problems]
    return []


def _text(value: object, column: Column, refs: Mapping[str, pd.DataFrame]) -> str:
    """A stored value as a file cell (a reference as the other table's code)."""
    if hasattr(value, "item"):  # numpy's scalars, as a frame's cells are
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if column.ref:
        target = columns.TABLES[column.ref]
        frame = refs[column.ref]
        codes = dict(zip(frame[str(target.key)], frame[target.unique[0]], strict=True))
        return str(codes.get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if column.kind == "int" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
