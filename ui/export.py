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
import unicodedata
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


def _width(value: object) -> int:
    """Columns a value takes in a spreadsheet: a CJK character is two."""
    text = str(value)
    return len(text) + sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")


def _cells(values: pd.Series) -> list[object]:
    """A column's cells as Python values, a missing value as None."""
    cells = values.astype(object).tolist()
    return [
        None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v
        for v in cells
    ]


def _write(
    sheet: Worksheet, frame: pd.DataFrame, header: Format, formats: Mapping[str, Format]
) -> None:
    """``frame`` under a bold, frozen header with a filter on it, row by row (the
    workbook streams each finished row to disk: ``constant_memory``); text is always
    written as text (never a formula or a link), a missing value is an empty cell; a
    column named in ``formats`` gets that number format; widths fit the header and
    the first rows."""
    sheet.write_row(0, 0, [str(c) for c in frame.columns], header)
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
    columns = [_cells(frame[col]) for col in frame.columns]
    for i, (col, cells) in enumerate(zip(frame.columns, columns, strict=True)):
        shown = [f"{v:,.2f}" if isinstance(v, float) else v for v in cells[:200] if v is not None]
        width = max(_width(col), *(_width(v) for v in shown)) if shown else _width(col)
        sheet.set_column(i, i, min(48, width * 1.1 + 2), formats.get(str(col)))
    number, text, boolean = sheet.write_number, sheet.write_string, sheet.write_boolean
    for row, values in enumerate(zip(*columns, strict=True), start=1):
        for i, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                text(row, i, value)
            elif isinstance(value, bool):
                boolean(row, i, value)
            elif isinstance(value, (int, float)):
                number(row, i, value)
            else:
                sheet.write(row, i, value)


def to_xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame], formats: Mapping[str, str] | None = None
) -> bytes:
    """One workbook, a sheet per entry (names cut to Excel's 31 characters);
    ``formats`` maps a column header to its Excel number format (``"#,##0.00"`` for
    yuan, ``"0.0"`` for km) in every sheet that has that column."""
    buffer = io.BytesIO()
    options = {"constant_memory": True, "strings_to_formulas": False,
               "strings_to_urls": False, "default_date_format": "yyyy-mm-dd",
               "remove_timezone": True}  # fmt: skip
    with xlsxwriter.Workbook(buffer, options) as book:
        header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        numbers = {col: book.add_format({"num_format": f}) for col, f in (formats or {}).items()}
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name[:31])
            _write(sheet, neutralise(frame, numbers=True), header, numbers)
    return buffer.getvalue()


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Chinese text correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")
