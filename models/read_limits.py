"""The caps on a file offered for import, in one place, and the refusal a reader raises.

Every cap is checked before the memory it guards is allocated: the file's size on
arrival, an XLSX's entry sizes from its zip directory (which :mod:`zipfile` enforces
while inflating), each cell while it is parsed. With these a file is read in memory
and time proportional to its real size, or refused.
"""

from __future__ import annotations

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEET_ROW",
    "MAX_XML_BYTES",
    "MAX_ZIP_DIRECTORY",
    "MAX_ZIP_ENTRIES",
    "Unreadable",
    "check_row",
]

MAX_BYTES = 50 * 2**20  # the file as uploaded (also the upload widget's cap)
MAX_ROWS = 300_000  # data rows (a province's teachers are split into several files)
MAX_COLUMNS = 64  # the widest table has 17 columns, the export adds a few
MAX_CELLS = 3_000_000  # non-empty cells in all: 170,000 teachers (a city has 57,000)
MAX_CELL_CHARS = 4_096  # one cell or header; the longest stored text is 128 characters
MAX_SHEET_ROW = 1_048_576  # Excel's last row: a row number past it is not a spreadsheet's
MAX_XML_BYTES = 400 * 2**20  # one XLSX part inflated (a full sheet of MAX_CELLS is ~250 MiB)
MAX_SHARED_STRINGS = 64 * 2**20  # the shared-strings part inflated
MAX_ZIP_ENTRIES = 10_000  # parts of an XLSX (a real workbook has a few dozen)
MAX_ZIP_DIRECTORY = 2**20  # bytes of the zip's central directory


class Unreadable(Exception):
    """The file cannot be read as a table: the catalog's ``import_problem.<key>`` says
    why, with ``params``; ``row`` (as the spreadsheet numbers it), ``column`` and
    ``value`` point at the place when there is one."""

    def __init__(
        self,
        key: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: object,
    ):
        self.key, self.row, self.column, self.value = key, row, column, value
        self.params = tuple(params.items())
        super().__init__(f"{key} {dict(self.params)} at row {row}, column {column}")


def check_row(row: list[str], record: int, header: list[str] | None) -> None:
    """Refuse a row wider than the column cap or a cell longer than the cell cap."""
    used = len(row)
    while used and not row[used - 1]:
        used -= 1
    if used > MAX_COLUMNS:
        raise Unreadable("too_wide", row=record, columns=MAX_COLUMNS)
    for i, cell in enumerate(row[:used]):
        if len(cell) > MAX_CELL_CHARS:
            name = header[i] if header is not None and i < len(header) else None
            raise Unreadable("cell_too_long", row=record, column=name, length=MAX_CELL_CHARS)
