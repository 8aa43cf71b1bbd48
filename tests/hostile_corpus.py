"""Hostile and odd import files, generated (never stored): each case makes its bytes
and says what reading them must give, so CI runs the whole corpus.

Kinds, after issue 19: ``crash`` (once a traceback), ``hang`` (once past 30 s),
``memory`` (once gigabytes from a small file), ``wrong`` (once read as mojibake or
with junk kept), ``good`` (a real file that must be read right). A case expects
either ``read`` (its ``names`` are the teachers' names the import must see, in
order) or ``refused`` with one of ``keys`` (catalog ``import_problem.<key>``).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from xml.sax.saxutils import escape

from openpyxl import Workbook

from models.read_limits import MAX_BYTES, MAX_CELL_CHARS, MAX_ROWS

HEADER = ["工号", "姓名", "性别", "出生年份", "学校代码", "学科", "职称", "岗位等级",
          "本校任教起始年份", "骨干层级", "班主任", "年度考核"]  # fmt: skip
HEADER_EN = [
    "staff_no",
    "name",
    "gender",
    "birth_year",
    "school_code",
    "subject",
    "title",
    "post_grade",
    "school_since",
    "backbone",
    "head_teacher",
    "assessment",
]
NAMES = ["李雷", "韩梅梅", "王小明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰"]
NAMES_TW = ["李雷", "韓梅梅", "張偉", "劉洋", "陳靜", "楊帆", "趙磊", "黃敏", "周傑", "鄭華"]
NAMES_JA = ["佐藤太郎", "鈴木花子", "高橋一郎", "田中さくら", "伊藤まい"]
NAMES_KO = ["김민준", "이서연", "박지훈", "최수아", "정우진"]
NAMES_RU = ["Иван", "Пётр", "Анна", "Мария", "Олег"]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COUNTY = 20_000  # teachers of a large county: the good file at scale (a city is ~57,000)


@dataclass(frozen=True)
class Case:
    """One file of the corpus."""

    name: str
    kind: str  # crash, hang, memory, wrong, good
    filename: str
    make: Callable[[str], bytes]  # the bytes, given a school code of the database
    keys: tuple[str, ...] = ()  # refused with one of these; empty: read right
    names: Callable[[], list[str]] | None = None  # the names read right (default NAMES)

    @property
    def expect_read(self) -> bool:
        return not self.keys


def rows(code: str, names: Iterable[str], prefix: str = "H") -> list[list[str]]:
    """A teacher row per name, valid for the school ``code``."""
    return [[f"{prefix}{i:05d}", name, "男", "1990", code, "数学", "一级", "9", "2018",
             "县级骨干", "是", "优秀"] for i, name in enumerate(names)]  # fmt: skip


def csv_text(code: str, names: Iterable[str] = NAMES, end: str = "\n", prefix: str = "H") -> str:
    return "".join(",".join(r) + end for r in [HEADER, *rows(code, names, prefix)])


def foreign_csv(code: str, names: Iterable[str]) -> str:
    """English headers and codes, only the names in another script: the file that was
    once stored as mojibake, since every header matched."""
    body = [[f"F{i:05d}", name, "M", "1990", code, "math", "first", "9", "2018", "county",
             "yes", "excellent"] for i, name in enumerate(names)]  # fmt: skip
    return "".join(",".join(r) + "\n" for r in [HEADER_EN, *body])


# --- XLSX by hand: every part under the case's control -----------------------------


def _cell(ref: str, value: str) -> str:
    if value.isdigit():
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_rows_xml(table: list[list[str]], first: int = 1) -> str:
    return "".join(
        f'<row r="{r}">' + "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row, 1))
        + "</row>"
        for r, row in enumerate(table, first)
    )  # fmt: skip


def sheet_xml(body: str, dimension: str = "A1:L2") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'
            f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>')  # fmt: skip


def xlsx(
    sheet: str | Iterable[bytes],
    shared: str | Iterable[bytes] | None = None,
    *,
    level: int = 6,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A minimal workbook: the sheet's XML (text, or chunks streamed for huge ones)."""
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             '2006/content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
             f'ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/'
             f'sheet1.xml" ContentType="{ct}.worksheet+xml"/><Override PartName="/xl/'
             f'sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>')  # fmt: skip
    root = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
    book = (f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="教师" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
    links = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
             f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
             f'Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
             "</Relationships>")  # fmt: skip
    if shared is None:
        types = types.replace(f'<Override PartName="/xl/sharedStrings.xml" '
                              f'ContentType="{ct}.sharedStrings+xml"/>', "")  # fmt: skip
        links = links.replace(f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                              'Target="sharedStrings.xml"/>', "")  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", links)
        for part, content in (("xl/worksheets/sheet1.xml", sheet),
                              ("xl/sharedStrings.xml", shared)):  # fmt: skip
            if content is None:
                continue
            if isinstance(content, str):
                z.writestr(part, content)
                continue
            with z.open(part, "w", force_zip64=False) as fh:
                for chunk in content:
                    fh.write(chunk)
        for part, raw in (extra or {}).items():
            z.writestr(part, raw)
    return out.getvalue()


def good_xlsx(code: str, names: Iterable[str] = NAMES, dimension: str = "A1:L11") -> bytes:
    return xlsx(sheet_xml(sheet_rows_xml([HEADER, *rows(code, names)]), dimension))


def openpyxl_xlsx(code: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *rows(code, NAMES)]:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def lie_about_size(data: bytes, part: str, size: int) -> bytes:
    """``data`` with the inflated size of ``part`` declared as ``size`` in both the local
    header and the central directory (the bytes inflate to what they are)."""
    raw = bytearray(data)
    name = part.encode()
    local = raw.find(b"PK\x03\x04" + b"\x00" * 0, 0)
    while local >= 0:
        nlen = struct.unpack_from("<H", raw, local + 26)[0]
        if raw[local + 30 : local + 30 + nlen] == name:
            struct.pack_into("<I", raw, local + 22, size)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        nlen = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + nlen] == name:
            struct.pack_into("<I", raw, central + 24, size)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def _repeat(piece: bytes, total: int) -> Iterator[bytes]:
    chunk = piece * max(1, (1 << 20) // len(piece))
    sent = 0
    while sent < total:
        yield chunk
        sent += len(chunk)


def _huge_shared_string(size: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0"?><sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>'.encode()
    yield from _repeat(b"A", size)
    yield b"</t></si></sst>"


def _shared_cell_sheet() -> str:
    body = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    )
    return sheet_xml(body)


def _wide_sheet(rows_: int, cells: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode()
    row = ("<row>" + "<c><v>1</v></c>" * cells + "</row>").encode()
    for _ in range(rows_):
        yield row
    yield b"</sheetData></worksheet>"


def _many_entries(n: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(n):
            z.writestr(f"x/{i}", b"")
    return out.getvalue()


def _with_entry_count(data: bytes, count: int) -> bytes:
    """``data`` whose end-of-directory record claims ``count`` entries."""
    raw = bytearray(data)
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, end + 8, count, count)
    return bytes(raw)


_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
           f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
           '<t>&lol3;</t></is></c></row></sheetData></worksheet>')  # fmt: skip


def _shared_strings_xml(strings: list[str], rich: bool = False) -> str:
    items = []
    for s in strings:
        if rich and len(s) > 1:
            items.append(f"<si><r><t>{escape(s[0])}</t></r><r><rPr><b/></rPr><t>{escape(s[1:])}"
                         f"</t></r><rPh sb=\"0\" eb=\"1\"><t>ピンイン</t></rPh></si>")  # fmt: skip
        else:
            items.append(f"<si><t>{escape(s)}</t></si>")
    return f'<?xml version="1.0"?><sst xmlns="{NS}">{"".join(items)}</sst>'


def _shared_xlsx(code: str, rich: bool = False, prefix: str = "") -> bytes:
    """A workbook whose text cells are shared strings (as Excel writes them)."""
    table = [HEADER, *rows(code, NAMES)]
    strings: list[str] = []
    body = ""
    p = f"{prefix}:" if prefix else ""
    for r, row in enumerate(table, 1):
        cells = ""
        for c, value in enumerate(row, 1):
            ref = f"{_letters(c)}{r}"
            if value.isdigit():
                cells += f'<{p}c r="{ref}"><{p}v>{value}</{p}v></{p}c>'
            else:
                strings.append(value)
                cells += f'<{p}c r="{ref}" t="s"><{p}v>{len(strings) - 1}</{p}v></{p}c>'
        body += f'<{p}row r="{r}">{cells}</{p}row>'
    ns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    sheet = (f'<?xml version="1.0"?><{p}worksheet {ns}><{p}sheetData>{body}</{p}sheetData>'
             f"</{p}worksheet>")  # fmt: skip
    return xlsx(sheet, _shared_strings_xml(strings, rich))


def _city_rows(code: str, n: int) -> list[str]:
    rng = random.Random(19)
    surnames, given = (
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗",
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚",
    )
    return [rng.choice(surnames) + rng.choice(given) + rng.choice(given) for _ in range(n)]


def _city_xlsx(code: str, n: int) -> bytes:
    table = [HEADER, *rows(code, _city_rows(code, n))]
    return xlsx(sheet_xml(sheet_rows_xml(table), f"A1:L{n + 1}"))


@cache
def _made(what: str) -> bytes:
    """The big hostile files, which do not depend on the database: made once."""
    make: dict[str, Callable[[], bytes]] = {
        "wide 2000": lambda: xlsx(_wide_sheet(20_000, 2_000), level=1),
        "wide 100": lambda: xlsx(_wide_sheet(20_000, 100), level=1),
        "rows": lambda: xlsx(_wide_sheet(MAX_ROWS + 2, 1)),
        "gib": lambda: xlsx(_shared_cell_sheet(), _huge_shared_string(2**30), level=9),
        "lying strings": lambda: lie_about_size(
            xlsx(_shared_cell_sheet(), _huge_shared_string(2**28), level=9),
            "xl/sharedStrings.xml", 4_000),
        "lying sheet": lambda: lie_about_size(
            xlsx(_wide_sheet(200_000, 10), level=9), "xl/worksheets/sheet1.xml", 4_000),
        "entries": lambda: _many_entries(60_000),
    }  # fmt: skip
    return make[what]()


def _cases() -> Iterator[Case]:
    c, x = ".csv", ".xlsx"
    big5_keys = ("looks_like",)
    any_encoding = ("looks_like", "encoding", "control")

    def t(
        name: str,
        kind: str,
        ext: str,
        make: Callable[[str], bytes],
        keys: tuple[str, ...] = (),
        names: Callable[[], list[str]] | None = None,
    ) -> Case:
        return Case(name, kind, f"{name}{ext}", make, keys, names)  # fmt: skip

    # crashes: a traceback once, a report now
    huge = "甲" * 200_000
    yield t(
        "cell over the csv field limit",
        "crash",
        c,
        lambda k: (csv_text(k).replace("李雷", huge)).encode(),
        ("cell_too_long",),
    )
    yield t(
        "header over the csv field limit",
        "crash",
        c,
        lambda k: (csv_text(k).replace("姓名", huge)).encode(),
        ("cell_too_long",),
    )
    yield t(
        "cell over the cell cap",
        "crash",
        c,
        lambda k: csv_text(k).replace("李雷", "x" * (MAX_CELL_CHARS + 1)).encode(),
        ("cell_too_long",),
    )
    yield t(
        "quoted cell over the field limit",
        "crash",
        c,
        lambda k: csv_text(k).replace("李雷", f'"{"a,b" * 60_000}"').encode(),
        ("cell_too_long", "row_too_long"),
    )
    yield t(
        "unterminated quote to the end",
        "crash",
        c,
        lambda k: csv_text(k).replace("李雷", '"李雷').encode(),
        ("too_long", "csv", "no_rows"),
    )
    yield t(
        "nul bytes",
        "crash",
        c,
        lambda k: csv_text(k).replace("李雷", "李\x00雷").encode(),
        ("control",),
    )
    yield t(
        "binary garbage",
        "crash",
        c,
        lambda k: random.Random(7).randbytes(200_000),
        (*any_encoding, "csv"),
    )
    yield t("only a bom", "crash", c, lambda k: b"\xef\xbb\xbf", ("no_rows",))
    yield t("whitespace only", "crash", c, lambda k: b" \r\n\t\n", ("empty",))
    yield t("empty", "crash", c, lambda k: b"", ("empty",))
    yield t("header only", "crash", c, lambda k: (",".join(HEADER) + "\r").encode(), ("no_rows",))
    yield t("txt suffix", "crash", ".txt", lambda k: csv_text(k).encode(), ("suffix",))
    yield t("xls suffix", "crash", ".xls", lambda k: csv_text(k).encode(), ("suffix",))
    yield t("csv named xlsx", "crash", x, lambda k: csv_text(k).encode(), ("xlsx",))
    yield t("truncated xlsx", "crash", x, lambda k: good_xlsx(k)[:900], ("xlsx",))
    yield t("xlsx cut before its directory", "crash", x, lambda k: good_xlsx(k)[:-30], ("xlsx",))
    yield t(
        "shared string index past the end",
        "crash",
        x,
        lambda k: xlsx(_shared_cell_sheet(), _shared_strings_xml([])),
        ("xlsx",),
    )
    yield t(
        "shared string index not a number",
        "crash",
        x,
        lambda k: xlsx(
            _shared_cell_sheet().replace("<v>0</v>", "<v>x</v>", 1), _shared_strings_xml(["a"])
        ),
        ("xlsx",),
    )
    yield t("zip without a workbook", "crash", x, lambda k: _many_entries(3), ("xlsx",))
    yield t(
        "bad cell reference",
        "crash",
        x,
        lambda k: xlsx(sheet_xml('<row r="1"><c r="ABCD1"><v>1</v></c></row>')),
        ("xlsx",),
    )
    yield t(
        "text in a number cell",
        "crash",
        x,
        lambda k: xlsx(sheet_xml('<row r="1"><c r="A1"><v>abc</v></c></row>')),
        ("xlsx",),
    )
    yield t(
        "malformed sheet xml",
        "crash",
        x,
        lambda k: xlsx(sheet_xml("<row><c><v>1</c></row>")),
        ("xlsx",),
    )
    yield t("encrypted-looking entry", "crash", x, lambda k: xlsx("not xml at all <<<"), ("xlsx",))
    yield t("entity expansion (billion laughs)", "crash", x, lambda k: xlsx(_LAUGHS), ("xlsx",))

    # hangs: the 20,000 rows x 2,000 cells, and other ways to make a reader spin
    yield t(
        "xlsx 20000 rows x 2000 cells",
        "hang",
        x,
        lambda k: _made("wide 2000"),
        ("xlsx_part", "too_wide"),
    )
    yield t("xlsx 20000 rows x 100 cells", "hang", x, lambda k: _made("wide 100"), ("too_wide",))
    yield t(
        "row number past Excel's last",
        "hang",
        x,
        lambda k: xlsx(
            sheet_xml(sheet_rows_xml([HEADER]) + sheet_rows_xml(rows(k, ["李雷"]), first=10**12))
        ),
        ("xlsx",),
    )
    yield t(
        "csv one row of ten million cells",
        "hang",
        c,
        lambda k: b"a" + b",b" * 10_000_000,
        ("row_too_long",),
    )
    yield t(
        "csv one row over a million quoted lines",
        "hang",
        c,
        lambda k: (",".join(HEADER) + "\n").encode() + b'"a\n",' * 1_500_000,
        ("row_too_long",),
    )
    yield t(
        "csv past the row cap",
        "hang",
        c,
        lambda k: b"a,b\n" + b"1,2\n" * (MAX_ROWS + 1),
        ("too_many",),
    )
    yield t(
        "csv past the cell cap",
        "hang",
        c,
        lambda k: (
            (",".join(f"h{i}" for i in range(40)) + "\n").encode()
            + (",".join(["ab"] * 40) + "\n").encode() * 80_000
        ),
        ("too_many_cells",),
    )
    yield t("xlsx past the row cap", "hang", x, lambda k: _made("rows"), ("too_many",))

    # memory blow-ups
    yield t(
        "dimension claims A1:XFD1048576",
        "memory",
        x,
        lambda k: good_xlsx(k, dimension="A1:XFD1048576"),
    )
    yield t(
        "1 GiB shared string in a small file", "memory", x, lambda k: _made("gib"), ("xlsx_part",)
    )
    yield t(
        "shared string inflating past its declared size",
        "memory",
        x,
        lambda k: _made("lying strings"),
        ("xlsx",),
    )
    yield t(
        "sheet inflating past its declared size",
        "memory",
        x,
        lambda k: _made("lying sheet"),
        ("xlsx",),
    )
    yield t(
        "long shared string used in a cell",
        "memory",
        x,
        lambda k: xlsx(_shared_cell_sheet(), _huge_shared_string(10 * 2**20), level=9),
        ("cell_too_long",),
    )
    yield t(
        "100 MiB inline string",
        "memory",
        x,
        lambda k: xlsx(_repeat_inline(100 * 2**20), level=9),
        ("cell_too_long",),
    )
    yield t("sixty thousand zip entries", "memory", x, lambda k: _made("entries"), ("xlsx_parts",))
    yield t(
        "zip directory understating its entries",
        "memory",
        x,
        lambda k: _with_entry_count(_made("entries"), 5),
        ("xlsx_parts",),
    )
    yield t("csv over the size cap", "memory", c, lambda k: b"a" * (MAX_BYTES + 1), ("too_large",))
    yield t(
        "value far right at XFD",
        "memory",
        x,
        lambda k: xlsx(
            sheet_xml(sheet_rows_xml([HEADER]) + '<row r="2"><c r="XFD2"><v>1</v></c></row>')
        ),
        ("too_wide",),
    )

    # wrong acceptances: mojibake stored without a word, junk kept
    yield t("big5", "wrong", c, lambda k: foreign_csv(k, NAMES_TW).encode("big5"), big5_keys)
    yield t(
        "big5 one name", "wrong", c, lambda k: foreign_csv(k, ["張偉"]).encode("big5"), big5_keys
    )
    yield t(
        "shift-jis",
        "wrong",
        c,
        lambda k: foreign_csv(k, NAMES_JA).encode("shift_jis"),
        any_encoding,
    )
    yield t("euc-jp", "wrong", c, lambda k: foreign_csv(k, NAMES_JA).encode("euc_jp"), any_encoding)
    yield t("euc-kr", "wrong", c, lambda k: foreign_csv(k, NAMES_KO).encode("euc_kr"), any_encoding)
    yield t("koi8-r", "wrong", c, lambda k: foreign_csv(k, NAMES_RU).encode("koi8_r"), any_encoding)
    yield t(
        "windows-1251",
        "wrong",
        c,
        lambda k: foreign_csv(k, NAMES_RU).encode("cp1251"),
        any_encoding,
    )
    yield t(
        "latin-1",
        "wrong",
        c,
        lambda k: foreign_csv(k, ["José", "Zoë"]).encode("latin-1"),
        any_encoding,
    )
    yield t("utf-16 with bom", "wrong", c, lambda k: csv_text(k).encode("utf-16"), ("looks_like",))
    yield t(
        "utf-16 without bom", "wrong", c, lambda k: csv_text(k).encode("utf-16-le"), any_encoding
    )
    yield t("files pasted together (bom inside)", "wrong", c,
            lambda k: csv_text(k).encode("utf-8-sig") + csv_text(k, ["周杰"], prefix="P")
            .encode("utf-8-sig"), ("bom_inside",))  # fmt: skip
    yield t(
        "bom inside a name",
        "wrong",
        c,
        lambda k: csv_text(k).replace("李雷", "李\ufeff雷").encode(),
        ("bom_inside",),
    )

    # good files: read right
    for enc in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        yield t(f"good {enc}", "good", c, partial(_encoded, encoding=enc))
    yield t(
        "good gb18030 four-byte name",
        "good",
        c,
        lambda k: csv_text(k, ["刘䶮", *NAMES[1:]]).encode("gb18030"),
        names=lambda: ["刘䶮", *NAMES[1:]],
    )
    yield t("good old-mac cr line ends", "good", c, lambda k: csv_text(k, end="\r").encode())
    yield t(
        "good old-mac cr line ends gbk", "good", c, lambda k: csv_text(k, end="\r").encode("gbk")
    )
    yield t("good mixed line ends", "good", c, lambda k: "".join(
        line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(csv_text(k).splitlines())
    ).encode())  # fmt: skip
    yield t(
        "good quoted comma and newline",
        "good",
        c,
        lambda k: csv_text(k).replace("李雷", '"李,雷"').encode(),
        names=lambda: ["李,雷", *NAMES[1:]],
    )
    yield t("good blank lines between rows", "good", c, lambda k: csv_text(k, end="\n\n").encode())
    rare = ["王喆", "李堃", "张昇", "陈玥", "刘翀"]  # GBK, not GB2312: real given names
    yield t(
        "good gbk with rare name characters",
        "good",
        c,
        lambda k: csv_text(k, rare + NAMES[5:]).encode("gbk"),
        names=lambda: rare + NAMES[5:],
    )
    yield t(
        "good two-name gbk file",
        "good",
        c,
        lambda k: csv_text(k, ["张伟", "李娜"]).encode("gbk"),
        names=lambda: ["张伟", "李娜"],
    )
    yield t("good xlsx inline strings", "good", x, lambda k: good_xlsx(k))
    yield t("good xlsx from openpyxl", "good", x, openpyxl_xlsx)
    yield t("good xlsx shared strings", "good", x, lambda k: _shared_xlsx(k))
    yield t("good xlsx rich text and phonetic", "good", x, lambda k: _shared_xlsx(k, rich=True))
    yield t("good xlsx prefixed namespace", "good", x, lambda k: _shared_xlsx(k, prefix="x"))
    yield t(
        "good xlsx styled blank cell at XFD",
        "good",
        x,
        lambda k: xlsx(
            sheet_xml(
                sheet_rows_xml([HEADER, *rows(k, NAMES)]) + '<row r="20"><c r="XFD20" s="1"/></row>'
            )
        ),
    )
    yield t("good xlsx rows far apart", "good", x, lambda k: xlsx(sheet_xml(
        sheet_rows_xml([HEADER]) + sheet_rows_xml(rows(k, ["李雷"]), first=1_048_576))),
        names=lambda: ["李雷"])  # fmt: skip
    yield t(
        "good county-scale csv (20,000 teachers)",
        "good",
        c,
        lambda k: csv_text(k, _city_rows(k, COUNTY)).encode("gbk"),
        names=lambda: _city_rows("", COUNTY),
    )
    yield t(
        "good county-scale xlsx (20,000 teachers)",
        "good",
        x,
        lambda k: _city_xlsx(k, COUNTY),
        names=lambda: _city_rows("", COUNTY),
    )


def _encoded(code: str, encoding: str) -> bytes:
    return csv_text(code).encode(encoding)


def _repeat_inline(size: int) -> Iterator[bytes]:
    yield (f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>').encode()  # fmt: skip
    yield from _repeat(b"B", size)
    yield b"</t></is></c></row></sheetData></worksheet>"


CASES: list[Case] = list(_cases())
