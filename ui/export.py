"""File exports: XLSX workbooks (openpyxl) and CSV for Excel, safe to open.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) are prefixed with an apostrophe, so a name like "=HYPERLINK(…)"
stays text; the importer takes the apostrophe off again. In a workbook, text that is
just a signed number ("-115", "−115") is stored as that number instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd

from models.exporter import FORMULA_START

__all__ = ["neutralise", "to_csv_bytes", "to_xlsx_bytes"]

_SIGNED_NUMBER = re.compile(r"[+\-\u2212]\d+(\.\d+)?")


def _guard(value: object, *, numbers: bool) -> object:
    if not isinstance(value, str) or not value.startswith((*FORMULA_START, "\u2212")):
        return value
    if numbers and _SIGNED_NUMBER.fullmatch(value):
        plain = value.replace("\u2212", "-")
        return float(plain) if "." in plain else int(plain)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def neutralise(frame: pd.DataFrame, *, numbers: bool = False) -> pd.DataFrame:
    """A copy whose text cells cannot be read as spreadsheet formulas; with ``numbers``,
    signed-number text ("-115", "−115") becomes the number."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(lambda v: _guard(v, numbers=numbers)).astype(object)
    return out


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per entry (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise(frame, numbers=True).to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for i, col in enumerate(frame.columns, start=1):
                width = max(len(str(col)), *(len(str(v)) for v in frame[col].head(200)))
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(
                    40, width * 1.6 + 2
                )
    return buffer.getvalue()


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Chinese text correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")
