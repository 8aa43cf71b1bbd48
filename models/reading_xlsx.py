"""The first sheet of an XLSX file as rows of text, read by streaming its XML.

Nothing in the file is trusted before it is checked: the zip directory's size and
entry count before :mod:`zipfile` reads it, each part's inflated size (declared in the
directory, enforced by :mod:`zipfile` while inflating) before it is parsed, every cell
against the caps while it is parsed (:mod:`models.read_limits`); the sheet's
``dimension`` tag is never read. A DTD is refused (no entity expansion). Cell values
are given as openpyxl gives them with ``data_only=False``: a formula as its text
(``=…``, which the check refuses), numbers as ``1990`` or ``9.5``, booleans as
``True``/``False``; a number formatted as a date stays its serial number.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable
from xml.parsers import expat

from models.read_limits import (
    MAX_CELL_CHARS,
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
_CHUNK = 1 << 16
_MAX_XLSX_COLUMN = 16_384  # XFD
_COLUMNS: dict[str, int] = {}  # the first columns' letters, as met
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
               RuntimeError, ValueError, KeyError)  # fmt: skip


class _TooLong:
    """A shared string over the cell cap: refused only where a cell uses it."""


_TOO_LONG = _TooLong()


def sheet_rows(data: bytes) -> list[list[str]]:
    """The non-blank rows of the workbook's first sheet. Raises :class:`Unreadable`."""
    _check_directory(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read(archive)
    except Unreadable:
        raise
    except expat.ExpatError as exc:
        raise Unreadable("xlsx", detail=f"XML: {exc}") from exc
    except _ZIP_ERRORS as exc:
        raise Unreadable("xlsx", detail=exc) from exc


def _check_directory(data: bytes) -> None:
    """Refuse a zip whose directory is too big to read before :mod:`zipfile` reads it."""
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise Unreadable("xlsx", detail="not a zip file")
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if entries > MAX_ZIP_ENTRIES or size > MAX_ZIP_DIRECTORY:
        raise Unreadable("xlsx_parts", parts=MAX_ZIP_ENTRIES)


def _read(archive: zipfile.ZipFile) -> list[list[str]]:
    infos = {i.filename: i for i in archive.infolist()}
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Unreadable("xlsx_parts", parts=MAX_ZIP_ENTRIES)
    book = _target(archive, infos, "_rels/.rels", "", "/officeDocument") or "xl/workbook.xml"
    folder, name = posixpath.split(book)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    first = _first_sheet_id(archive, infos, book)
    sheet = _target(archive, infos, rels, folder, "/worksheet", first)
    strings = _target(archive, infos, rels, folder, "/sharedStrings")
    if sheet is None or sheet not in infos:
        raise Unreadable("xlsx", detail="no worksheet")
    shared = _shared_strings(archive, infos[strings]) if strings in infos else []
    return _Sheet(shared).read(archive, infos[sheet])


def _local(name: str) -> str:
    """The name without its namespace prefix (``x:c`` is ``c``)."""
    return name[name.find(":") + 1 :]


def _parse(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: int,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed the part ``info`` to expat in chunks, refusing it when it inflates past
    ``limit`` or declares a DTD. The handlers get names with their prefix (:func:`_local`)."""
    if info.file_size > limit:
        raise Unreadable("xlsx_part", part=info.filename, mib=limit >> 20)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _refuse_dtd(*_args: object) -> None:
    raise Unreadable("xlsx", detail="DTD")


def _target(
    archive: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    rels: str,
    folder: str,
    kind: str,
    rel_id: str | None = None,
) -> str | None:
    """The part a relationship of type ``kind`` (and ``rel_id``, if given) points to."""
    if rels not in infos:
        return None
    found: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        name = _local(name)
        wanted = rel_id is None or attrs.get("Id") == rel_id
        if name == "Relationship" and attrs.get("Type", "").endswith(kind) and wanted:
            found.append(attrs.get("Target", ""))

    _parse(archive, infos[rels], MAX_ZIP_DIRECTORY, start)
    if not found:
        return None
    target = found[0]
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path)


def _first_sheet_id(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], book: str
) -> str | None:
    if book not in infos:
        raise Unreadable("xlsx", detail="no workbook")
    ids: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "sheet" and not ids:
            ids.extend(v for k, v in attrs.items() if _local(k) == "id" and k != "id")

    _parse(archive, infos[book], MAX_ZIP_DIRECTORY, start)
    return ids[0] if ids else None


def _shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str | _TooLong]:
    """Each ``<si>``'s text (runs joined, phonetic guides left out)."""
    strings: list[str | _TooLong] = []
    parts: list[str] = []
    state = {"t": False, "phonetic": 0, "chars": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        name = _local(name)
        if name == "si":
            parts.clear()
            state["chars"] = 0
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "t" and not state["phonetic"]:
            state["t"] = True

    def end(name: str) -> None:
        name = _local(name)
        if name == "si":
            too_long = state["chars"] > MAX_CELL_CHARS
            strings.append(_TOO_LONG if too_long else "".join(parts))
            if len(strings) > MAX_CELLS:
                raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "t":
            state["t"] = False

    def text(piece: str) -> None:
        if state["t"]:
            state["chars"] += len(piece)
            if state["chars"] <= MAX_CELL_CHARS:
                parts.append(piece)
            else:
                parts.clear()

    _parse(archive, info, MAX_SHARED_STRINGS, start, end, text)
    return strings


class _Sheet:
    """The state of one sheet's parse: the row being read and the rows kept."""

    def __init__(self, shared: list[str | _TooLong]):
        self.shared = shared
        self.rows: list[list[str]] = []
        self.row: dict[int, str] = {}
        self.row_number = 0
        self.column = 0
        self.kind = ""
        self.parts: list[str] = []
        self.chars = 0
        self.capture = ""  # the element whose text is being read: v, f or t
        self.formula: str | None = None
        self.value = ""
        self.in_data = False
        self.cells = 0
        self.elements = 0

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[list[str]]:
        _parse(archive, info, MAX_XML_BYTES, self.start, self.end, self.text)
        return self.rows

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name[name.find(":") + 1 :]
        if name == "sheetData":
            self.in_data = True
        elif not self.in_data:
            return
        elif name == "row":
            self.row = {}
            self.row_number = _number(attrs.get("r"), self.row_number + 1)
            if self.row_number > MAX_SHEET_ROW:
                raise Unreadable("xlsx", detail=f"row {self.row_number} is past Excel's last row")
            self.column = 0
        elif name == "c":
            self.elements += 1
            if self.elements > 2 * MAX_CELLS:
                raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")
            self.column = _column(attrs.get("r"), self.column + 1)
            self.kind = attrs.get("t", "n")
            self.formula, self.value = None, ""
        elif name in ("v", "f", "t"):
            self.capture, self.chars = name, 0
            self.parts = []

    def text(self, piece: str) -> None:
        if self.capture:
            self.chars += len(piece)
            if self.chars > MAX_CELL_CHARS:
                raise Unreadable("cell_too_long", row=self.row_number, column=self._header(),
                                 length=MAX_CELL_CHARS)  # fmt: skip
            self.parts.append(piece)

    def end(self, name: str) -> None:
        if not self.in_data:
            return
        name = name[name.find(":") + 1 :]
        if name in ("v", "f", "t") and self.capture == name:
            text = "".join(self.parts)
            if name == "f":
                self.formula = text
            else:
                self.value += text
            self.capture = ""
        elif name == "c":
            self._cell()
        elif name == "row":
            self._row()
        elif name == "sheetData":
            self.in_data = False

    def _cell(self) -> None:
        value = self._value()
        if value == "":
            return
        if self.column > MAX_COLUMNS:
            raise Unreadable("too_wide", row=self.row_number, columns=MAX_COLUMNS)
        self.row[self.column] = value
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise Unreadable("too_many_cells", cells=f"{MAX_CELLS:,}")

    def _value(self) -> str:
        if self.formula is not None:
            return "=" + self.formula
        text = self.value
        if self.kind == "s":
            if not text:
                return ""
            index = _number(text, -1)
            if not 0 <= index < len(self.shared):
                raise Unreadable("xlsx", detail=f"cell refers to shared string {text}, "
                                 f"the file has {len(self.shared)}")  # fmt: skip
            found = self.shared[index]
            if isinstance(found, _TooLong):
                raise Unreadable("cell_too_long", row=self.row_number, column=self._header(),
                                 length=MAX_CELL_CHARS)  # fmt: skip
            return found
        if self.kind == "b":
            return {"1": "True", "0": "False"}.get(text.strip(), text)
        if self.kind == "n" and text:
            return _number_text(text)
        return text  # inlineStr, str (a formula's result), e (an error), d (ISO date)

    def _row(self) -> None:
        if not any(v.strip() for v in self.row.values()):
            return
        width = max(self.row)
        row = [self.row.get(i, "") for i in range(1, width + 1)]
        check_row(row, self.row_number, self.rows[0] if self.rows else None)
        self.rows.append(row)
        if len(self.rows) - 1 > MAX_ROWS:
            raise Unreadable("too_many", rows=f"{MAX_ROWS:,}")

    def _header(self) -> str | None:
        header = self.rows[0] if self.rows else []
        return header[self.column - 1] if 0 < self.column <= len(header) else None


def _number(text: str | None, default: int) -> int:
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        raise Unreadable("xlsx", detail=f"not a number: {text[:40]!r}") from None


def _column(ref: str | None, default: int) -> int:
    """The column number of a cell reference such as ``AB12``."""
    if ref is None:
        return default
    letters = ref.rstrip("0123456789")
    known = _COLUMNS.get(letters)
    if known is not None:
        return known
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        raise Unreadable("xlsx", detail=f"bad cell reference {ref[:20]!r}")
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    if number > _MAX_XLSX_COLUMN:
        raise Unreadable("xlsx", detail=f"bad cell reference {ref[:20]!r}")
    if len(_COLUMNS) < MAX_COLUMNS:
        _COLUMNS[letters] = number
    return number


def _number_text(text: str) -> str:
    """A number cell as openpyxl gives it: an int unless it has a point or exponent."""
    try:
        if any(c in text for c in ".eE"):
            return str(float(text))
        return str(int(text))
    except ValueError:
        raise Unreadable("xlsx", detail=f"not a number: {text[:40]!r}") from None
