"""Frame contracts of docs/design.md ("Frame contracts") and the boundary check engines run.

Each contract maps a frame's columns to their :class:`planning.columns.Column`: kind,
vocabulary and bounds come from the column spec (:mod:`planning.columns`). Engines
call :func:`check` once on entry and trust their data past it (docs/design.md,
"Validate at the boundary, once").
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from planning.columns import STANDARDS, TABLES, Column

__all__ = ["CONTRACTS", "check", "check_unique", "coerce"]

CONTRACTS: dict[str, dict[str, Column]] = {
    name: {c.name: c for c in table.columns} for name, table in TABLES.items()
}
# One named staffing standard set, as the establishment engine takes it.
CONTRACTS["standard"] = {c.name: c for c in STANDARDS.columns if c.name != "name"}


def check(frame: pd.DataFrame, contract: str, columns: Iterable[str] | None = None) -> None:
    """Raise ``ValueError`` naming column, value and row when ``frame`` breaks its contract.

    Only ``columns`` are checked (all of the contract's when ``None``): an engine names
    the columns it reads, so callers may pass frames that carry more or fewer others.

    >>> check(pd.DataFrame({"level": ["primary"], "location": ["urban"],
    ...                     "students_per_staff": [19.0]}), "standard")
    >>> check(pd.DataFrame({"level": ["college"], "location": ["urban"],
    ...                     "students_per_staff": [19.0]}), "standard")
    Traceback (most recent call last):
    ...
    ValueError: standard: column 'level' has unknown value 'college' in row 0; expected ...
    """
    spec = CONTRACTS[contract]
    wanted = list(spec) if columns is None else list(columns)
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise ValueError(f"{contract}: missing column(s) {', '.join(missing)}")
    for col in wanted:
        column = spec[col]
        series = frame[col]
        empty = (series.isna() & (not column.nullable)) | (
            (series == "") if column.nonempty else False
        )
        if empty.any():
            raise ValueError(f"{contract}: column '{col}' is empty in row {series.index[empty][0]}")
        if column.vocab and column.closed:
            bad = ~series.isin(column.codes)
            if bad.any():
                row = series.index[bad][0]
                raise ValueError(
                    f"{contract}: column '{col}' has unknown value {series[row]!r} in row {row}; "
                    f"expected one of {', '.join(column.codes)}"
                )
        elif column.kind in ("int", "float"):
            # an optional column may hold None beside its numbers (object dtype)
            values = series.dropna().infer_objects() if column.nullable else series
            numeric = pd.api.types.is_numeric_dtype(values) or (column.nullable and values.empty)
            if not numeric or pd.api.types.is_bool_dtype(values):
                raise ValueError(f"{contract}: column '{col}' must be numeric; got {series.dtype}")
            if column.bounds:
                outside = ~column.within(series) & series.notna()
                if outside.any():
                    row = series.index[outside][0]
                    raise ValueError(
                        f"{contract}: column '{col}' must be {column.bounds}; "
                        f"got {series[row]} in row {row}"
                    )


def check_unique(frame: pd.DataFrame, contract: str, keys: list[str]) -> None:
    """Raise ``ValueError`` naming the first repeated combination of ``keys``.

    >>> check_unique(pd.DataFrame({"level": ["primary"] * 2, "subject": ["math"] * 2}),
    ...              "curriculum", ["level", "subject"])
    Traceback (most recent call last):
    ...
    ValueError: curriculum has more than one row for level 'primary' and subject 'math'
    """
    dup = frame.duplicated(keys)
    if dup.any():
        row = frame[dup].iloc[0]
        named = " and ".join(f"{k} '{row[k]}'" for k in keys)
        raise ValueError(f"{contract} has more than one row for {named}")


def coerce(frame: pd.DataFrame, contract: str) -> pd.DataFrame:
    """Return ``frame`` with exactly the contract's columns, in order, with its dtypes.

    Loaders use it so every frame leaves ``models/`` in one shape on SQLite and
    PostgreSQL alike (int64, float64, bool and pandas' string dtype; a nullable int
    column as pandas' Int64, which holds <NA>).
    """
    spec = CONTRACTS[contract]
    out = frame.loc[:, list(spec)].copy()
    for col, column in spec.items():
        kind = "nullable_int" if column.nullable and column.kind == "int" else column.kind
        out[col] = out[col].astype(_DTYPES[kind])
    return out


_DTYPES = {
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "str": "str",
    "nullable_int": "Int64",
}
