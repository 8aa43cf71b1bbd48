"""The first sheet of an XLSX file as rows of text, read by openpyxl in read-only mode.

Nothing in the file is trusted before it is checked: the zip directory's size and
entry count before :mod:`zipfile` reads it, then each part's inflated size (declared in
the directory, enforced by :mod:`zipfile` while inflating) and the first bytes of each
part for a DTD (refused: no entity expansion), all before openpyxl allocates anything.
openpyxl then streams the sheet; its ``dimension`` tag is never trusted
(``reset_dimensions``), a row is never padded past the column cap, and rows, cells and
cell lengths are checked against the caps while they are read
(:mod:`models.read_limits`). Cell values are given as openpyxl gives them with
``data_only=False``, as text: a formula as its text (``=…``, which the check refuses),
numbers as ``1990`` or ``9.5``, booleans as ``True``/``False``, a date-formatted cell as
the text of the date or time openpyxl makes of it (``2024-09-01 00:00:00``).
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from models.read_limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_SHEET_ROW,
    MAX_XML_BYTES,
    MAX_ZIP_DIRECTORY,
    MAX_ZIP_ENTRIES,
    Unreadable,
    check_row,
)

__all__ = ["sheet_rows"]

_END_OF_DIRECTORY = b"PK\x05\x06"
_MAX_SLOTS = MAX_ROWS * MAX_COLUMNS  # values and blanks openpyxl hands over, in all
_HEAD = 4_096  # bytes of each part searched for a DTD (it must precede the root element)
_DTD = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
# what openpyxl, zipfile and the XML parser raise on a malformed file
_ERRORS = (InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, OSError,
           SyntaxError, NotImplementedError, RuntimeError, ValueError, KeyError,
           TypeError, IndexError, AttributeError)  # fmt: skip


def sheet_rows(data: bytes) -> list[list[str]]:
    """The rows of the workbook's first sheet, a blank one as ``[]`` (so a row's place
    is its number). Raises :class:`Unreadable`."""
    _check_directory(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_parts(archive)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                return _read(book.worksheets[0])
            finally:
                book.close()
    except Unreadable:
        raise
    except _ERRORS as exc:
        raise Unreadable("xlsx", detail=exc) from exc


def _check_directory(data: bytes) -> None:
    """Refuse a zip whose directory is too big to read before :mod:`zipfile` reads it."""
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise Unreadable("xlsx", detail="not a zip file")
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if entries > MAX_ZIP_ENTRIES or size > MAX_ZIP_DIRECTORY:
        raise Unreadable("xlsx_parts", parts=MAX_ZIP_ENTRIES)


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a part declared to inflate past its cap, or one that opens with a DTD."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Unreadable("xlsx_parts", parts=MAX_ZIP_ENTRIES)
    for info in infos:
        shared = info.filename.lower().endswith("sharedstrings.xml")
        limit = MAX_SHARED_STRINGS if shared else MAX_XML_BYTES
        if info.file_size > limit:
            raise Unreadable("xlsx_part", part=info.filename, mib=limit >> 20)
        with archive.open(info) as stream:
            head = stream.read(_HEAD)
        if any(dtd in head for dtd in _DTD):
            raise Unreadable("xlsx", detail="DTD")


def _read(sheet: object) -> list[list[str]]:
    if not isinstance(sheet, ReadOnlyWorksheet):  # a chartsheet first
        raise Unreadable("xlsx", detail="no worksheet")
    sheet.reset_dimensions()
    rows: list[list[str]] = []
    header: list[str] | None = None
    cells = slots = kept = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        if number > MAX_SHEET_ROW:
            raise Unreadable("xlsx", detail=f"row {number} is past Excel's last row")
        slots += len(values)  # a row is as wide as its last cell, styled blanks included
        if slots > _MAX_SLOTS:
            raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")
        if any(v is not None and v != "" for v in values[MAX_COLUMNS:]):
            raise Unreadable("too_wide", row=number, columns=MAX_COLUMNS)
        row = ["" if v is None else str(v) for v in values[:MAX_COLUMNS]]
        if not any(v.strip() for v in row):
            rows.append([])  # kept in place: a row's place is its number
            continue
        while not row[-1]:
            row.pop()
        check_row(row, number, header)
        header = row if header is None else header
        cells += sum(1 for v in row if v)
        if cells > MAX_CELLS:
            raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")
        rows.append(row)
        kept += 1
        if kept - 1 > MAX_ROWS:
            raise Unreadable("too_many", rows=f"{MAX_ROWS:,}")
    return rows
