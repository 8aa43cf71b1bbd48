"""Export of the data tables in the shape :mod:`models.importer` reads back.

An export carries each row's ``version``, so importing the file later can tell the rows
someone changed in the meantime (conflicts) from the rows the file changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine, text

from models.loaders import Frames, data_stamp, load
from planning import columns

__all__ = ["FORMULA_START", "TABLES", "VERSION_HEADER", "Labeller", "export_frame", "export_table"]

# What a file carries in and out: the tables people keep in spreadsheets (the small
# reference tables are edited on the Data page only).
TABLES = ("school", "teacher", "wish", "cadre", "cadre_record", "cadre_reserve", "cadre_score")
# A text cell starting with one of these runs as a formula in a spreadsheet: exports
# put an apostrophe before it, imports take that apostrophe off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRIES = 5
VERSION_HEADER = {"zh": "版本", "en": "version"}  # the importer reads either
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
# (vocabulary, code) -> the code's label in the file's language; KeyError if it has none
Labeller = Callable[[str, str], str]


def _plain(key: Any) -> Any:
    """An id, or a natural key's tuple, as plain Python values (numpy's as theirs)."""
    if isinstance(key, tuple):
        return tuple(_plain(k) for k in key)
    return key.item() if hasattr(key, "item") else key


def _labelled(values: pd.Series, kind: str, label: Labeller) -> pd.Series:
    """Codes as labels (a code without a label stays as it is); the importer reads
    labels in either language (:mod:`models.aliases`)."""
    names = {}
    for code in values.dropna().unique():
        try:
            names[code] = label(kind, str(code))
        except KeyError:
            names[code] = code
    return values.map(names)


def export_frame(
    frames: Frames,
    table: str,
    versions: Mapping[Any, int] | None = None,
    *,
    language: str = "en",
    label: Labeller | None = None,
    names: bool = True,
) -> pd.DataFrame:
    """The table's file columns (:mod:`planning.columns`) with codes instead of ids
    (school_code, district_code), with ``names`` each code's name beside it (学校名称 /
    school_name, which the importer ignores), 是/否 or yes/no for flags, vocabulary as
    ``label`` gives it (else codes), headed in ``language``, and, given ``versions``
    (id -> version; for a table whose frame has no id, its natural key as a tuple ->
    version), a last column ``版本`` / ``version``. The importer reads the file back
    unchanged."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}; got {table!r}")
    spec = columns.stored(table)
    frame = getattr(frames, spec.name)
    out = pd.DataFrame(index=frame.index)
    for column in spec.file_columns:
        values = frame[column.name]
        if column.ref:
            target = columns.TABLES[column.ref]
            rows = getattr(frames, target.name).set_index(target.key)
            ids = values
            values = pd.Series(rows[target.unique[0]].reindex(ids).to_numpy(), index=frame.index)
            beside = column.name_headers() if names else None
            if beside is not None:
                out[column.header(language)] = values
                name = rows["name"].reindex(ids).to_numpy()
                out[beside[0] if language == "zh" else beside[1]] = name
                continue
        elif column.kind == "bool":
            yes, no = _YES_NO.get(language, _YES_NO["en"])
            values = values.map({True: yes, False: no})
        elif column.vocab and label is not None:
            values = _labelled(values, column.vocab, label)
        out[column.header(language)] = values
    if versions is not None:
        header = VERSION_HEADER.get(language, VERSION_HEADER["en"])
        keys = frame[spec.key] if spec.key else zip(*(frame[c] for c in spec.unique), strict=True)
        out[header] = [int(versions[_plain(k)]) for k in keys]
    return out


def export_table(
    engine: Engine, table: str, *, language: str = "en", label: Labeller | None = None
) -> pd.DataFrame:
    """:func:`export_frame` with the versions of the same moment as the frames (read
    again if someone saved in between), headed in ``language``, labelled by ``label``."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}; got {table!r}")
    for _ in range(_TRIES):
        frames = load(engine=engine)
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":  # one snapshot for stamp and versions
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            if data_stamp(conn) != frames.stamp:
                continue
            spec = columns.stored(table)
            key = [spec[c].column for c in spec.unique] if not spec.key else ["id"]
            rows = conn.execute(text(f"SELECT {', '.join(key)}, version FROM {table}")).all()
        versions = {(int(r[0]) if spec.key else tuple(r[:-1])): int(r[-1]) for r in rows}
        return export_frame(frames, table, versions, language=language, label=label)
    raise RuntimeError(f"the {table} table kept changing while it was exported; try again")
