"""Export of schools and teachers in the shape :mod:`models.importer` reads back."""

from __future__ import annotations

import pandas as pd

from models.loaders import Frames

__all__ = ["TABLES", "export_frame"]

TABLES = ("school", "teacher")


def export_frame(frames: Frames, table: str) -> pd.DataFrame:
    """The table with codes instead of ids (school_code, district_code), English headers."""
    if table == "teacher":
        codes = frames.schools.set_index("school_id")["code"]
        out = frames.teachers.drop(columns="teacher_id").copy()
        out.insert(4, "school_code", codes.reindex(out.pop("school_id")).to_numpy())
    elif table == "school":
        codes = frames.districts.set_index("district_id")["code"]
        out = frames.schools.drop(columns="school_id").copy()
        out.insert(2, "district_code", codes.reindex(out.pop("district_id")).to_numpy())
    else:
        raise ValueError(f"table must be one of {', '.join(TABLES)}; got {table!r}")
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "yes", False: "no"})
    return out
