"""An uploaded file's cells as text: a CSV decoded with confidence or an XLSX read by
streaming (:mod:`models.reading_xlsx`), every cap of :mod:`models.read_limits`
checked on the way. A file is read right or refused with :class:`Unreadable` naming
the problem; no other exception leaves this module for any bytes.

CSV: UTF-8 (with or without BOM) and GB18030/GBK are accepted; a text that decodes as
GB18030 only by accident (Big5, Shift-JIS, EUC-KR, KOI8-R files mostly do) is refused
when a detector (charset-normalizer) finds it plainly more coherent in another
encoding, which the report names. Line ends may be CRLF, LF or CR alone (old Mac
files). A byte-order mark inside the text (files pasted together) and control
characters are refused, not kept in the data.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import PurePath

import pandas as pd
from charset_normalizer import from_bytes

from models import reading_xlsx
from models.read_limits import (
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Unreadable,
    check_row,
)

__all__ = ["decode", "read_table"]

# Encodings the detector weighs against GB18030, and the names a report gives them.
_CANDIDATES = {
    "gb18030": "GB18030", "big5": "Big5", "cp950": "Big5", "big5hkscs": "Big5",
    "cp932": "Shift-JIS", "shift_jis": "Shift-JIS", "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR", "cp949": "EUC-KR", "koi8_r": "KOI8-R", "cp1251": "Windows-1251",
    "cp1252": "Windows-1252", "latin_1": "Latin-1", "utf_16": "UTF-16", "utf_32": "UTF-32",
}  # fmt: skip
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)  # fmt: skip
_GB_PAIR = re.compile(rb"[\x81-\xfe](?:[\x30-\x39][\x81-\xfe][\x30-\x39]|[\x40-\xfe])")
_BIG5_PAIR = re.compile(rb"[\x81-\xfe][\x40-\x7e\xa1-\xfe]")
_BIG5_MARGIN = 0.3  # share of common characters Big5 must lead GB2312 by
_TIE = 0.01  # chaos within this of the best guess counts as just as plausible
_SAMPLE = 2**20  # bytes of the non-ASCII lines the detector weighs
_NON_ASCII_LINE = re.compile(rb"[^\r\n]*[\x80-\xff][^\r\n]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_END = re.compile(r"\r\n|\r|\n")
_ROW_CHARS = MAX_COLUMNS * (MAX_CELL_CHARS + 3)  # the longest row that can be within caps


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The first sheet's (or the CSV's) non-blank rows as text, with the first as the
    header, indexed by spreadsheet row number − 2. Raises :class:`Unreadable`."""
    if len(data) > MAX_BYTES:
        raise Unreadable("too_large", mib=MAX_BYTES >> 20)
    if not data or data.isspace():
        raise Unreadable("empty")
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return _frame(reading_xlsx.sheet_rows(data))
    if suffix != ".csv":
        raise Unreadable("suffix", value=suffix)
    return _frame(_csv_rows(decode(data)))


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not) or GB18030/GBK, or :class:`Unreadable`
    naming the encoding the file looks like."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        text = _strict(data, "utf-8")
        if text is None:
            raise Unreadable("encoding")
        return _clean(text)
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise Unreadable("looks_like", encoding=name)
    text = _strict(data, "utf-8")
    if text is not None:
        return _clean(text)
    text = _strict(data, "gb18030")
    guess = _guess(data)
    if text is not None and guess is None:
        return _clean(text)
    if guess:
        raise Unreadable("looks_like", encoding=guess)
    raise Unreadable("encoding")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str | None:
    """The name of the encoding the non-ASCII lines read plainly better in than in
    GB18030, or None when GB18030 is as plausible as any."""
    sample = bytearray()
    for match in _NON_ASCII_LINE.finditer(data):
        sample += match.group() + b"\n"
        if len(sample) >= _SAMPLE:
            cut = max(i for i in range(_SAMPLE) if sample[i] < 0x40)  # never mid-character
            del sample[cut:]
            break
    if _big5_more_likely(bytes(sample)):
        return "Big5"
    matches = list(from_bytes(bytes(sample), cp_isolation=list(_CANDIDATES)))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    if any(m.encoding == "gb18030" and m.chaos <= best + _TIE for m in matches):
        return None
    top = min(matches, key=lambda m: m.chaos)
    return _CANDIDATES.get(top.encoding, top.encoding)


def _big5_more_likely(sample: bytes) -> bool:
    """Whether ``sample`` reads as common Big5 characters plainly more often than as
    GB2312's (the characters of nearly all mainland text). Big5 bytes are mostly valid
    GBK too, and a file of a few short names leaves a detector guessing."""
    if _strict(sample, "big5") is None:
        return False
    gb = [(m[0], m[1]) for m in _GB_PAIR.findall(sample) if len(m) == 2]
    big5 = [(m[0], m[1]) for m in _BIG5_PAIR.findall(sample)]
    if not gb or not big5:
        return False
    gb_common = sum(1 for lead, trail in gb if lead >= 0xA1 and trail >= 0xA1 and lead <= 0xF7)
    big5_common = sum(1 for lead, trail in big5 if 0xA1 <= lead <= 0xC5 or
                      (lead == 0xC6 and trail <= 0x7E))  # fmt: skip
    return big5_common / len(big5) >= gb_common / len(gb) + _BIG5_MARGIN


def _clean(text: str) -> str:
    """``text`` unless it holds a byte-order mark or a control character."""
    for problem, found in (("bom_inside", text.find("\ufeff")), ("control", _find(text))):
        if found >= 0:
            line = len(_LINE_END.findall(text, 0, found)) + 1
            raise Unreadable(problem, line=line)
    return text


def _find(text: str) -> int:
    match = _CONTROL.search(text)
    return match.start() if match else -1


def _csv_rows(text: str) -> list[list[str]]:
    """Every record, a blank one as ``[]`` (so a record's place is its row number),
    each cell within the caps (checked as they are parsed)."""
    rows: list[list[str]] = []
    header: list[str] | None = None
    budget = _Budget()
    reader = csv.reader(budget.lines(io.StringIO(text, newline="")))
    record = 0
    try:
        for row in reader:
            record += 1
            budget.row_done()
            if any(c.strip() for c in row):
                budget.check(row, record, header)
                header = row if header is None else header
                rows.append(row)
            else:
                rows.append([])
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise Unreadable("cell_too_long", row=record + 1, length=MAX_CELL_CHARS) from exc
        raise Unreadable("csv", row=record + 1, detail=exc) from exc
    return rows


class _Budget:
    """Counts what the CSV reader has taken, refusing before a row or the file grows
    past the caps."""

    def __init__(self) -> None:
        self.row_chars = 0
        self.cells = 0
        self.rows = 0

    def lines(self, source: io.StringIO) -> Iterator[str]:
        for line in source:
            self.row_chars += len(line)
            if self.row_chars > _ROW_CHARS:
                raise Unreadable("row_too_long", row=self.rows + 1, chars=f"{_ROW_CHARS:,}")
            yield line

    def row_done(self) -> None:
        self.row_chars = 0

    def check(self, row: list[str], record: int, header: list[str] | None) -> None:
        check_row(row, record, header)
        self.rows += 1
        self.cells += sum(1 for c in row if c)
        if self.rows - 1 > MAX_ROWS:
            raise Unreadable("too_many", rows=f"{MAX_ROWS:,}")
        if self.cells > MAX_CELLS:
            raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    """The rows that hold anything under the first as the header, indexed so that
    index + 2 is the row's number in the spreadsheet (blank rows skipped, the numbers
    people see kept)."""
    kept = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if len(kept) < 2:
        raise Unreadable("no_rows")
    if len(kept) - 1 > MAX_ROWS:
        raise Unreadable("too_many", rows=f"{MAX_ROWS:,}")
    header = [h.strip() for h in kept[0][1]]
    width = len(header)
    body = [(r + [""] * width)[:width] for _, r in kept[1:]]
    index = [n - 2 for n, _ in kept[1:]]
    return pd.DataFrame(body, columns=header, index=index, dtype=str)
