"""Frame contracts of DESIGN.md ("Frame contracts") and the boundary check engines run.

Each contract maps a column to its kind: ``int``, ``float``, ``bool``, ``str`` or a
tuple of allowed values (a vocabulary). Engines call :func:`check` once on entry and
trust their data past it (CONVENTIONS.md, "Validate at the boundary, once").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from planning import vocab

__all__ = ["CONTRACTS", "check", "check_unique", "coerce"]

Kind = str | tuple[str, ...]

SCHOOLS: dict[str, Kind] = {
    "school_id": "int",
    "code": "str",
    "name": "str",
    "district_id": "int",
    "location": vocab.LOCATIONS,
    "is_weak": "bool",
    "lat": "float",
    "lon": "float",
    **{f"students_{lv}": "int" for lv in vocab.LEVELS},
    **{f"classes_{lv}": "int" for lv in vocab.LEVELS},
}

TEACHERS: dict[str, Kind] = {
    "teacher_id": "int",
    "staff_no": "str",
    "name": "str",
    "gender": vocab.GENDERS,
    "birth_year": "int",
    "school_id": "int",
    "subject": "str",
    "title": vocab.TITLES,
    "post_grade": "int",
    "school_since": "int",
    "backbone": vocab.BACKBONES,
    "special_grade": "bool",
    "head_teacher": "bool",
    "weekly_periods": "int",
    "assessment": vocab.ASSESSMENTS,
    "status": vocab.STATUSES,
}

STANDARD: dict[str, Kind] = {
    "level": vocab.LEVELS,
    "location": vocab.LOCATIONS,
    "students_per_staff": "float",
}

CURRICULUM: dict[str, Kind] = {
    "level": vocab.LEVELS,
    "subject": "str",
    "periods_per_class": "float",
    "teacher_load": "float",
}

DISTRICTS: dict[str, Kind] = {
    "district_id": "int",
    "code": "str",
    "name": "str",
    "lat": "float",
    "lon": "float",
}

CONTRACTS: dict[str, dict[str, Kind]] = {
    "schools": SCHOOLS,
    "teachers": TEACHERS,
    "standard": STANDARD,
    "curriculum": CURRICULUM,
    "districts": DISTRICTS,
}

_NON_NEGATIVE = {
    "students_primary",
    "students_junior",
    "students_senior",
    "classes_primary",
    "classes_junior",
    "classes_senior",
    "weekly_periods",
    "periods_per_class",
}
_POSITIVE = {"students_per_staff", "teacher_load"}


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
        kind = spec[col]
        series = frame[col]
        if series.isna().any():
            row = series.index[series.isna()][0]
            raise ValueError(f"{contract}: column '{col}' is empty in row {row}")
        if isinstance(kind, tuple):
            bad = ~series.isin(kind)
            if bad.any():
                row = series.index[bad][0]
                raise ValueError(
                    f"{contract}: column '{col}' has unknown value {series[row]!r} in row {row}; "
                    f"expected one of {', '.join(kind)}"
                )
        elif kind in ("int", "float"):
            if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
                raise ValueError(f"{contract}: column '{col}' must be numeric; got {series.dtype}")
            if col in _NON_NEGATIVE and (series < 0).any():
                row = series.index[series < 0][0]
                raise ValueError(
                    f"{contract}: column '{col}' must be >= 0; got {series[row]} in row {row}"
                )
            if col in _POSITIVE and (series <= 0).any():
                row = series.index[series <= 0][0]
                raise ValueError(
                    f"{contract}: column '{col}' must be > 0; got {series[row]} in row {row}"
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
    PostgreSQL alike (int64, float64, bool and pandas' string dtype).
    """
    spec: Mapping[str, Kind] = CONTRACTS[contract]
    out = frame.loc[:, list(spec)].copy()
    for col, kind in spec.items():
        if kind == "int":
            out[col] = out[col].astype("int64")
        elif kind == "float":
            out[col] = out[col].astype("float64")
        elif kind == "bool":
            out[col] = out[col].astype(bool)
        else:
            out[col] = out[col].astype("str")
    return out
