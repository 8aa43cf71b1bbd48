"""File exports: XLSX workbooks (written with xlsxwriter) and CSV for Excel, safe to open.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) are prefixed with an apostrophe, so a name like "=HYPERLINK(…)"
stays text; the importer takes the apostrophe off again. In a workbook, text that is
just a signed number ("-115", "−115") is stored as that number instead.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

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


def _write(sheet: Worksheet, frame: pd.DataFrame, header: Format) -> None:
    """``frame`` as rows under a bold header, column by column with one typed writer
    per column (pandas' own writer formats every cell and is several times slower);
    a missing value is an empty cell."""
    sheet.write_row(0, 0, [str(c) for c in frame.columns], header)
    for i, col in enumerate(frame.columns):
        values = frame[col]
        if pd.api.types.is_bool_dtype(values):
            write, cells = sheet.write_boolean, values.tolist()
        elif pd.api.types.is_numeric_dtype(values):
            write, cells = sheet.write_number, values.tolist()
        else:  # text as text (never a formula or a link); numbers the guard made
            cells = values.astype(object).tolist()

            def write(row: int, col: int, value: object) -> object:
                if isinstance(value, str):
                    return sheet.write_string(row, col, value)
                return sheet.write(row, col, value)

        for row, value in enumerate(cells, start=1):
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                continue
            write(row, i, value)
        width = max(len(str(col)), *(len(str(v)) for v in cells[:200]))
        sheet.set_column(i, i, min(40, width * 1.6 + 2))


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per entry (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "default_date_format": "yyyy-mm-dd", "remove_timezone": True}  # fmt: skip
    with xlsxwriter.Workbook(buffer, options) as book:
        header = book.add_format({"bold": True})
        for name, frame in sheets.items():
            _write(book.add_worksheet(name[:31]), neutralise(frame, numbers=True), header)
    return buffer.getvalue()


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Chinese text correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")
