"""Export of schools and teachers in the shape :mod:`models.importer` reads back."""

from __future__ import annotations

import pandas as pd

from models.loaders import Frames
from planning import columns

__all__ = ["TABLES", "export_frame"]

TABLES = ("school", "teacher")


def export_frame(frames: Frames, table: str, *, language: str = "en") -> pd.DataFrame:
    """The table's file columns (:mod:`planning.columns`) with codes instead of ids
    (school_code, district_code), yes/no for flags, headed in ``language``."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}; got {table!r}")
    spec = columns.stored(table)
    frame = getattr(frames, spec.name)
    out = pd.DataFrame(index=frame.index)
    for column in spec.file_columns:
        values = frame[column.name]
        if column.ref:
            target = columns.TABLES[column.ref]
            codes = getattr(frames, target.name).set_index(target.key)[target.unique[0]]
            values = pd.Series(codes.reindex(values).to_numpy(), index=frame.index)
        elif column.kind == "bool":
            values = values.map({True: "yes", False: "no"})
        out[column.header(language)] = values
    return out
