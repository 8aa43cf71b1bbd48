"""Import of the data tables (schools, teachers, wishes, the cadre tables) from CSV or
XLSX: read, check everything, then write all rows in one transaction or none.

Reading the file, and what it takes to be read, is :mod:`models.reading`: UTF-8 or
GB18030/GBK CSV, XLSX streamed within caps (formulas are read as text, never
evaluated, and refused). Headers may be Chinese or English (:mod:`models.aliases`).
Every problem is reported with its row (as the spreadsheet numbers it), column and
value; a file with any problem changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models import loaders
from models.aliases import canonical_header, name_beside, value_aliases
from models.db import write
from models.exporter import FORMULA_START as _FORMULA_START
from models.exporter import TABLES
from models.import_problem import Problem
from models.import_rules import cadre_problems
from models.read_limits import MAX_BYTES, MAX_ROWS, Unreadable
from models.reading import read_table
from models.roles import Actor, require
from models.tables import AuditLog, Wish
from models.writers import EDITABLE
from planning import columns, vocab
from planning.columns import Column

__all__ = [
    "IMPORTABLE", "MAX_BYTES", "MAX_ROWS", "Accepted", "ImportRefused", "Problem", "accepted",
    "apply", "check", "read_file",
]  # fmt: skip

# The tables a file may fill: those the export writes (the teachers' wishes among them).
IMPORTABLE = TABLES

_BATCH = 5_000
_VERSION_HEADERS = ("version", "版本", "版本号")
_CHANGED = "changed"
_TRUE, _FALSE = {"是", "true", "1", "yes", "y"}, {"否", "false", "0", "no", "n", ""}
# Full-width digits and letters (as a Chinese input method types them) and the
# ideographic space, as ASCII; other full-width marks (（）、) belong to Chinese text.
_FULL_WIDTH = {
    **{c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B))
       for c in range(*r)},
    0x3000: 0x20,
}  # fmt: skip
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")  # 3.2E+11: digits lost
_DATE = re.compile(r"[0-9]{4}\s*([-/.]\s*[0-9]{1,2}\s*[-/.]\s*[0-9]{1,2}|年\s*[0-9]{1,2}\s*月).*")
_SUFFIXES = {"title": ("教师",)}  # 一级教师 is the title 一级


@dataclass(frozen=True)
class Accepted:
    """A cell read as the person obviously meant (full-width digits and letters as
    ASCII, spaces around a value dropped, ``一级教师`` as ``一级``): ``row`` and
    ``column`` as in :class:`Problem`, ``given`` the cell, ``taken`` what was read."""

    row: int
    column: str
    given: str
    taken: str


def accepted(rows: pd.DataFrame) -> list[Accepted]:
    """What :func:`check` read on the person's behalf, to say so before writing."""
    return list(rows.attrs.get("accepted", ()))


class ImportRefused(Exception):
    """The file was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems[:50]))


def read_file(data: bytes, filename: str) -> pd.DataFrame:
    """The file's cells as text, with its own headers (:func:`models.reading.read_table`).
    Raises :class:`ImportRefused`."""
    try:
        return read_table(data, filename)
    except Unreadable as exc:
        problem = Problem(exc.row, exc.column, exc.value, exc.key, exc.params)
        raise ImportRefused([problem]) from exc


def check(
    raw: pd.DataFrame,
    table: str,
    *,
    schools: pd.DataFrame,
    districts: pd.DataFrame,
    teachers: pd.DataFrame | None = None,
    cadres: pd.DataFrame | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Rows ready to write (stored column names and types), or :class:`ImportRefused`
    listing every problem. ``schools``, ``districts``, ``teachers`` and ``cadres``
    resolve codes (and staff and cadre numbers) to ids; a school may also be named by
    its name where no other school bears it.

    Columns, their headers, kinds, vocabularies, bounds and defaults come from the
    column spec (:mod:`planning.columns`); a column with no default is required. The
    natural key (every column of the spec's ``unique``) is unique in the file; a
    teacher's wishes (``wish``) name each school once too. The cadre tables keep the
    rules across rows and tables of :mod:`models.import_rules` (``year``: this year,
    default today's)."""
    if table not in IMPORTABLE:
        raise ValueError(f"table must be one of {', '.join(IMPORTABLE)}; got {table!r}")
    spec = columns.stored(table)
    raw, versions = _split_versions(raw)
    raw, blank = _blank_headers(raw)
    beside = [
        h for h in raw.columns if canonical_header(table, h) is None and name_beside(table, h)
    ]
    raw = raw.drop(columns=beside)
    problems: list[Problem] = [Problem(None, f"#{k}", None, "blank_header") for k in blank]
    names: dict[str, str] = {}
    for header in raw.columns:
        name = canonical_header(table, header)
        if name is None:
            problems.append(Problem(None, header, None, "unknown_column"))
        elif name in names.values():
            problems.append(Problem(None, header, None, "twice"))
        else:
            names[header] = name
    frame = raw.rename(columns=names)[list(names.values())]
    given = [c for c in spec.file_columns if c.file_name in frame.columns]
    missing = [
        c.file_name
        for c in spec.file_columns
        if c.default is None and not c.nullable and c not in given
    ]
    problems += [Problem(None, c, None, "missing") for c in missing]
    if problems:
        raise ImportRefused(problems)
    taken: list[Accepted] = []
    frame = frame.apply(lambda s: _tidy(s, taken))
    out = pd.DataFrame(index=frame.index)
    for column in given:
        out[column.file_name] = _parse(frame[column.file_name], column, problems, taken)
    refs = {"schools": schools, "districts": districts}
    refs.update({k: v for k, v in (("teachers", teachers), ("cadres", cadres)) if v is not None})
    for column in given:
        if column.ref:
            ids = _resolve(out.pop(column.file_name), column, refs.get(column.ref), problems)
            # object dtype: a blank stays None (not NaN) and the ids stay ints
            out[column.name] = pd.Series(ids, index=out.index, dtype=object)
    for column in spec.file_columns:
        if column not in given:
            out[column.name] = column.default
    if table == "teacher" and "section" not in frame.columns and "school_id" in out:
        out["section"] = _lowest_section(out["school_id"], schools)
    if table == "teacher":
        problems += _host_problems(out, frame)
    if versions is not None:
        out["version"] = [_version(v, int(i) + 2, problems) for i, v in versions.items()]
    uniques = (
        [list(spec.unique), ["teacher_id", "school_id"]] if table == "wish" else [list(spec.unique)]
    )
    for key in uniques:
        dup = out[key].duplicated(keep=False) & out[key].notna().all(axis=1)
        shown = spec[key[-1]].file_name
        problems += [Problem(int(i) + 2, shown, str(frame.at[i, shown]), "duplicate")
                     for i in out.index[dup]]  # fmt: skip
    # the rules across rows and tables, on the values that read (a cell that did not is
    # None, and already a problem)
    problems += cadre_problems(
        table, out, lambda i, c: str(frame.at[i, c]), cadres=cadres, schools=schools,
        year=date.today().year if year is None else year,
    )  # fmt: skip
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    out = out.reset_index(drop=True)
    out.attrs["accepted"] = sorted(taken, key=lambda a: (a.row, a.column))
    return out


def _host_problems(rows: pd.DataFrame, frame: pd.DataFrame) -> list[Problem]:
    """A host school (支教) only for a teacher on exchange (``exchange_out``), and not
    their own school (docs/domain.md, "Teacher rotation"); the database holds the same
    rule (``host_school_row``)."""
    if "host_school_id" not in rows:
        return []
    shown = columns.TEACHERS["host_school_id"].file_name
    out = []
    for i, host in rows["host_school_id"].items():
        status = rows.at[i, "status"]
        if host is None or pd.isna(host) or status is None:
            continue
        if status != "exchange_out":
            out.append(Problem(int(i) + 2, shown, str(frame.at[i, shown]), "host_not_away"))
        elif host == rows.at[i, "school_id"]:
            out.append(Problem(int(i) + 2, shown, str(frame.at[i, shown]), "host_is_home"))
    return out


def _beside(table: str, header: str) -> bool:
    """A name an export writes beside a code, not a column of ``table`` itself."""
    return canonical_header(table, header) is None and name_beside(table, header)


def _blank_headers(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """The file without its columns that have no header and no values (a spreadsheet's
    trailing empty columns); the (1-based) positions of those with values but no header
    (a merged header cell, say)."""
    blank = [k for k, h in enumerate(raw.columns) if not str(h).strip()]
    empty = [k for k in blank if not raw.iloc[:, k].str.strip().any()]
    keep = [k for k in range(raw.shape[1]) if k not in empty]
    return raw.iloc[:, keep], [k + 1 for k in blank if k not in empty]


def _tidy(texts: pd.Series, taken: list[Accepted]) -> pd.Series:
    """Each cell with full-width digits and letters as ASCII and without the spaces
    around it; each cell so changed (and not left empty) noted in ``taken``."""
    out = texts.str.translate(_FULL_WIDTH).str.strip()
    changed = out.ne(texts) & out.ne("")
    taken += [Accepted(int(i) + 2, str(texts.name), str(texts[i]), str(out[i]))
              for i in texts.index[changed]]  # fmt: skip
    return out


def _lowest_section(school_ids: pd.Series, schools: pd.DataFrame) -> list[str]:
    """A file without the teaching section: each teacher teaches the lowest section
    of their school that has pupils (primary, then junior, then senior), as migration
    0003 assumed for existing teachers."""
    place = schools.set_index("school_id")
    out = []
    for school in school_ids:
        row = place.loc[school] if school in place.index else None
        levels = [lv for lv in vocab.LEVELS if row is not None and row[f"students_{lv}"] > 0]
        out.append(levels[0] if levels else "primary")
    return out


def _parse(
    texts: pd.Series, column: Column, problems: list[Problem], taken: list[Accepted]
) -> list[object]:
    """Each cell as the column's kind, or None with a problem naming row and reason; a
    label with a suffix people add (一级教师) read as the label, and noted in ``taken``."""
    parse: Callable[[str], object]
    kind = "str" if column.ref else column.kind  # a reference travels as a code: text
    if column.vocab:
        parse, problem = _vocabulary(value_aliases(column.vocab)), "unknown_value"
    else:
        parse, problem = _PARSERS[kind]
    values: list[object] = []
    for i, text in texts.items():
        row = int(i) + 2
        if not text and column.nullable:
            values.append(None)
            continue
        if not text and column.default is None and (column.kind != "str" or column.vocab):
            problems.append(Problem(row, column.file_name, text, "required"))
            values.append(None)
            continue
        meant = _without_suffix(text, column.vocab)
        if meant is not None:
            taken.append(Accepted(row, column.file_name, text, meant))
            text = meant
        try:
            values.append(parse(text))
        except (ValueError, KeyError):
            problems.append(Problem(row, column.file_name, text, _why(text, kind, problem)))
            values.append(None)
    parsed = pd.Series(values, index=texts.index, dtype=object)
    if column.length is not None:
        long = parsed.notna() & (parsed.astype(str).str.len() > column.length)
        problems += [Problem(int(i) + 2, column.file_name, texts[i], "too_long",
                             (("length", column.length),))
                     for i in parsed.index[long]]  # fmt: skip
    if column.bounds:
        numbers = pd.to_numeric(parsed, errors="coerce")
        outside = numbers.notna() & ~column.within(numbers)
        problems += [Problem(int(i) + 2, column.file_name, texts[i], "bounds",
                             (("bounds", column.bounds),))
                     for i in parsed.index[outside]]  # fmt: skip
    return values


def _resolve(
    codes: pd.Series, column: Column, rows: pd.DataFrame | None, problems: list[Problem]
) -> list[object]:
    """The ids of the rows (schools, districts, teachers, cadres) the codes name."""
    target = columns.TABLES[str(column.ref)]
    if rows is None:
        raise ValueError(f"checking {column.file_name} needs the {target.name} frame")
    ids = dict(zip(rows[target.unique[0]], rows[str(target.key)], strict=True))
    if target.name == "schools":  # a school may be named by its name, if no other bears it
        named = rows.drop_duplicates("name", keep=False)
        ids = {**dict(zip(named["name"], named[str(target.key)], strict=True)), **ids}
    for i, code in codes.items():
        if code is not None and not pd.isna(code) and code not in ids:
            problems.append(Problem(int(i) + 2, column.file_name, code, f"no_{target.stored}"))
    return [ids.get(code) for code in codes]


def _split_versions(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series | None]:
    """The file without its ``version`` column (written by the export), and that column."""
    found = [h for h in raw.columns if h.strip().lower() in _VERSION_HEADERS]
    if not found:
        return raw, None
    return raw.drop(columns=found), raw[found[0]].str.strip()


def _version(text: str, row: int, problems: list[Problem]) -> int | None:
    if not text:
        return None  # a row added to the file by hand
    try:
        return _non_negative_int(text)
    except ValueError:
        problems.append(Problem(row, "version", text, "int"))
        return None


def _without_suffix(text: str, kind: str | None) -> str | None:
    """The label a value of vocabulary ``kind`` names with a suffix people add
    (``一级教师``: ``一级``), when the value itself is not one; else None."""
    if kind is None or text.lower() in value_aliases(kind):
        return None
    for suffix in _SUFFIXES.get(kind, ()):
        rest = text.removesuffix(suffix).strip()
        if rest != text and rest.lower() in value_aliases(kind):
            return rest
    return None


def _why(text: str, kind: str, problem: str) -> str:
    """The problem of a cell that did not read: a date in a number column and a number
    Excel showed in scientific notation (its digits lost) said as what they are."""
    if kind in ("int", "float") and _DATE.fullmatch(text):
        return "date"
    if kind == "str" and _SCIENTIFIC.fullmatch(text):
        return "scientific"
    return problem


def _vocabulary(aliases: dict[str, str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        return aliases[text.lower()]

    return parse


def _non_negative_int(text: str) -> int:
    value = int(text.replace(",", "")) if "." not in text else int(float(text))
    if value < 0 or ("." in text and float(text) != value):
        raise ValueError(text)
    return value


def _boolean(text: str) -> bool:
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(text)


def _text(text: str) -> str:
    if text[:1] == "'" and text[1:2] in _FORMULA_START:  # the export's guard: the text itself
        return text[1:]
    if _SCIENTIFIC.fullmatch(text):  # a code Excel showed as 3.2E+11: its digits are lost
        raise ValueError(text)
    if not text or text[0] in "=+@" or (text[0] == "-" and len(text) > 1 and not text[1].isdigit()):
        raise ValueError(text)
    return text


_PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "int": (_non_negative_int, "int"),
    "float": (float, "float"),
    "bool": (_boolean, "bool"),
    "str": (_text, "text"),
}


def apply(
    *,
    engine: Engine,
    table: str,
    rows: pd.DataFrame,
    actor: Actor,
    mode: str = "upsert",
    progress: Callable[[float], None] | None = None,
) -> dict[str, int]:
    """Insert new rows and update changed ones (matched by the natural key: a code, a
    staff number, a leader and a year) in one transaction, each with an audit row;
    returns counts of inserted, updated, unchanged and deleted. With ``mode="replace"``
    the rows the file does not name are deleted too (refused, with nothing changed, if
    others still use them: a school with teachers).

    Versions are checked like a save: a row whose values equal the stored ones is not
    written; a row the file carries a ``version`` for (the export writes it) that
    someone changed since is a conflict, and a row changed by a colleague while the
    import runs is one too: either refuses the file with nothing written.

    Rows go in batches (executemany), so a city's 60,000 teachers take seconds; the
    transaction is still one, so an interrupted import leaves nothing behind.
    """
    require(actor, "editor")
    if mode not in ("upsert", "replace"):
        raise ValueError(f"mode must be upsert or replace; got {mode!r}")
    model = EDITABLE[table]
    records = [{k: _plain(v) for k, v in r.items()} for r in rows.to_dict("records")]
    say = progress or (lambda _f: None)
    try:
        counts = write(engine, lambda session: _write(session, table, model, records, actor,
                                                      mode, say))  # fmt: skip
    except IntegrityError as exc:
        raise ImportRefused([Problem(None, None, None, "in_use", (("detail", exc.orig),))]) from exc
    loaders.invalidate()
    return counts


def _dumps(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _key(row: Mapping[Any, Any], key: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row[c] for c in key)


def _stored(
    session: Session, model: Any, key: tuple[str, ...]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Every stored row by its natural key; PostgreSQL locks them in id order (no
    deadlock with a save), SQLite's write transaction already holds the database."""
    query = select(model.__table__).order_by(model.__table__.c.id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return {_key(row, key): dict(row) for row in session.execute(query).mappings()}


def _write(
    session: Session,
    table: str,
    model: Any,
    records: list[dict[str, Any]],
    actor: Actor,
    mode: str,
    say: Callable[[float], None],
) -> dict[str, int]:
    if table == "wish":
        return _write_wishes(session, records, actor, mode)
    spec = columns.stored(table)
    key = spec.unique  # the natural key: a code, or (cadre, year) and the like
    shown = spec[key[-1]].file_name
    cols = model.__table__.c
    existing = _stored(session, model, key)
    new, old, conflicts = [], [], []
    fields: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}  # id -> changed: before, after
    for row, given in enumerate(records, start=2):
        r = dict(given)  # a retry of the transaction sees the records unchanged
        fileversion = r.pop("version", None)
        stored = existing.get(_key(r, key))
        if stored is None:
            new.append(r)
        elif any(stored[c] != v for c, v in r.items()):
            if fileversion is not None and fileversion != stored["version"]:
                conflicts.append(Problem(row, shown, str(r[key[-1]]), _CHANGED))
            else:
                old.append({**r, "_id": stored["id"], "_version": stored["version"]})
                changed = [c for c, v in r.items() if stored[c] != v]
                fields[stored["id"]] = ({c: stored[c] for c in changed}, {c: r[c] for c in changed})
    if conflicts:
        raise ImportRefused(conflicts)
    for start in range(0, len(new), _BATCH):
        session.execute(insert(model.__table__), new[start : start + _BATCH])
        say(0.5 * (start + _BATCH) / max(len(records), 1))
    for start in range(0, len(old), _BATCH):
        batch = old[start : start + _BATCH]
        changed = [c for c in batch[0] if c not in ("_id", "_version")]
        statement = (
            update(model.__table__)
            .where(cols.id == bindparam("_id"), cols.version == bindparam("_version"))
            .values({**{c: bindparam(c) for c in changed}, "version": cols.version + 1})
        )
        if session.execute(statement, batch).rowcount != len(batch):  # type: ignore[attr-defined]
            raise ImportRefused([Problem(None, shown, None, _CHANGED)])
        say(0.5 * (len(new) + start + _BATCH) / max(len(records), 1))
    ids = (
        {tuple(r[:-1]): r[-1] for r in session.execute(select(*[cols[c] for c in key], cols.id))}
        if new
        else {}
    )
    now = datetime.now(UTC)
    # An added row's audit names every value; a changed row's its changed fields, before
    # and after, so the history reads as the change it was.
    audit = [
        {"at": now, "actor": actor.name, "table_name": table,
         "key": str(ids[_key(r, key)] if "_id" not in r else r["_id"]), "action": "import",
         "before": _dumps(fields[r["_id"]][0]) if "_id" in r else None,
         "after": _dumps(fields[r["_id"]][1] if "_id" in r else r)}
        for r in [*new, *old]
    ]  # fmt: skip
    named = {_key(r, key) for r in records}
    gone = [(k, s["id"]) for k, s in existing.items() if mode == "replace" and k not in named]
    for start in range(0, len(gone), _BATCH):
        chunk = [i for _k, i in gone[start : start + _BATCH]]
        session.execute(delete(model.__table__).where(cols.id.in_(chunk)))
        audit += [
            {"at": now, "actor": actor.name, "table_name": table, "key": str(i),
             "action": "delete", "before": _dumps(dict(zip(key, k, strict=True))),
             "after": None}
            for k, i in gone[start : start + _BATCH]
        ]  # fmt: skip
    for start in range(0, len(audit), _BATCH):
        session.execute(insert(AuditLog), audit[start : start + _BATCH])
    session.flush()
    say(1.0)
    unchanged = len(records) - len(new) - len(old)
    return {"inserted": len(new), "updated": len(old), "unchanged": unchanged,
            "deleted": len(gone)}  # fmt: skip


def _write_wishes(
    session: Session, records: list[dict[str, Any]], actor: Actor, mode: str
) -> dict[str, int]:
    """A teacher's wishes are one list: each teacher the file names gets exactly the
    file's wishes (their stored ones are replaced); with ``replace`` every other
    teacher's wishes are deleted too. Each row written or deleted is audited under its
    own id, as the Data page's edits are."""
    table = Wish.__table__  # type: ignore[attr-defined]
    named = sorted({r["teacher_id"] for r in records})
    query = select(table.c.id, table.c.teacher_id, table.c.rank, table.c.school_id)
    if mode != "replace":
        query = query.where(table.c.teacher_id.in_(named))
    old = {(r.teacher_id, r.rank, r.school_id): r.id for r in session.execute(query)}
    new = {(r["teacher_id"], r["rank"], r["school_id"]) for r in records}
    gone = [i for row, i in old.items() if row not in new]
    added = [dict(zip(("teacher_id", "rank", "school_id"), row, strict=True))
             for row in sorted(new - set(old))]  # fmt: skip
    for start in range(0, len(gone), _BATCH):
        session.execute(delete(table).where(table.c.id.in_(gone[start : start + _BATCH])))
    session.flush()
    for start in range(0, len(added), _BATCH):
        session.execute(insert(table), added[start : start + _BATCH])
    ids = {
        (r.teacher_id, r.rank, r.school_id): r.id
        for r in session.execute(query.where(table.c.teacher_id.in_(named)))
    } if added else {}  # fmt: skip
    now = datetime.now(UTC)
    audit = [{"at": now, "actor": actor.name, "table_name": "wish",
              "key": str(ids[(r["teacher_id"], r["rank"], r["school_id"])]), "action": "import",
              "before": None, "after": json.dumps(r, sort_keys=True)}
             for r in added]  # fmt: skip
    audit += [{"at": now, "actor": actor.name, "table_name": "wish", "key": str(i),
               "action": "delete", "after": None,
               "before": json.dumps(dict(zip(("teacher_id", "rank", "school_id"), row,
                                             strict=True)))}
              for row, i in old.items() if row not in new]  # fmt: skip
    for start in range(0, len(audit), _BATCH):
        session.execute(insert(AuditLog), audit[start : start + _BATCH])
    session.flush()
    return {"inserted": len(added), "updated": 0, "unchanged": len(new) - len(added),
            "deleted": len(gone)}  # fmt: skip


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value
