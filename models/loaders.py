"""Loaders: database -> frames in the contracts of docs/design.md, read with SQL.

Frames are cached per process and database, each table under its own stamp: the
newest audit row of that table (every write adds one in its own transaction, so a
commit by anyone — this process, a colleague's, the command line — makes the next load
read that table afresh) and the restore generation (a restore raises it, so restored
data whose audit ids repeat earlier ones is never mistaken for what was cached).
A load re-reads only the tables whose stamp moved: saving a scenario (a table no frame
is read from) reloads nothing, an edit to one school reloads the schools alone.
Callers get copy-on-write views; changing them never touches the cache.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import Connection, Engine, text

from models.db import get_engine
from planning.columns import TABLES, Table
from planning.contracts import coerce

__all__ = ["Frames", "data_stamp", "invalidate", "load", "table_stamps"]


def _select(table: Table) -> str:
    """The SQL that reads ``table``'s spec columns, named as the frame names them."""
    names = (c.name if c.column == c.name else f"{c.column} AS {c.name}" for c in table.columns)
    order = table[table.key].column if table.key else ", ".join(table.unique)
    return f"SELECT {', '.join(names)} FROM {table.stored} ORDER BY {order}"


@dataclass(frozen=True)
class Frames:
    """Everything the engines read; ``standards`` holds every set (column ``name``).

    ``stamp`` is the newest of ``stamps`` (one per frame, see :func:`table_stamps`):
    results computed from these frames are keyed by it."""

    districts: pd.DataFrame
    schools: pd.DataFrame
    teachers: pd.DataFrame
    standards: pd.DataFrame
    curriculum: pd.DataFrame
    pay_policies: pd.DataFrame
    # Cadres (干部队伍, issue 17)
    cadres: pd.DataFrame
    cadre_records: pd.DataFrame
    cadre_reserves: pd.DataFrame
    cadre_scores: pd.DataFrame
    # Teachers' wishes (志愿, issue 12)
    wishes: pd.DataFrame
    # Mentoring links (带教结对, issue 18)
    mentor_links: pd.DataFrame
    stamp: int
    stamps: dict[str, int] = field(default_factory=dict)

    def standard(self, name: str) -> pd.DataFrame:
        """One named staffing standard set, in the ``standard`` contract."""
        rows = self.standards[self.standards["name"] == name]
        if rows.empty:
            known = ", ".join(sorted(self.standards["name"].unique()))
            raise ValueError(f"unknown staffing standard {name!r}; known: {known}")
        return rows.drop(columns="name").reset_index(drop=True)

    def copy(self) -> Frames:
        views = {name: getattr(self, name).copy(deep=False) for name in TABLES}
        return replace(self, **views, stamps=dict(self.stamps))


_lock = threading.Lock()
_cache: dict[str, Frames] = {}


_GENERATION_SHIFT = 40  # audit ids stay below 2**40; the generation sits above them


def table_stamps(conn: Connection) -> dict[str, int]:
    """Each frame's stamp, ``generation × 2**40 + newest audit id of its table``: it
    changes with every committed write to that table, with a write to every table (the
    seed's audit row names ``*``) and with every restore, and with nothing else
    (scenarios, users and the audit of other tables leave it alone)."""
    newest = ", ".join(
        f"(SELECT coalesce(max(id), 0) FROM audit_log WHERE table_name IN (:t{k}, '*'))"
        for k in range(len(TABLES))
    )
    row = conn.execute(
        text(f"SELECT (SELECT coalesce(max(generation), 0) FROM data_generation), {newest}"),
        {f"t{k}": table.stored for k, table in enumerate(TABLES.values())},
    ).one()
    generation = int(row[0]) << _GENERATION_SHIFT
    return {name: generation + int(value) for name, value in zip(TABLES, row[1:], strict=True)}


def data_stamp(conn: Connection) -> int:
    """The frames' identity: the newest of :func:`table_stamps`."""
    return max(table_stamps(conn).values())


def _read(conn: Connection, names: list[str]) -> dict[str, pd.DataFrame]:
    return {name: coerce(pd.read_sql(text(_select(TABLES[name])), conn), name) for name in names}


def load(url: str | None = None, *, engine: Engine | None = None) -> Frames:
    """Every frame of the database at ``url`` (default ``DATABASE_URL``), cached; only
    the frames whose table stamp moved since the last load are read again."""
    engine = engine or get_engine(url)
    key = str(engine.url)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # one snapshot for the stamps and the frames
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        stamps = table_stamps(conn)
        cached = _cache.get(key)
        if cached is not None and cached.stamps == stamps:
            return cached.copy()
        same = [] if cached is None else [n for n in TABLES if cached.stamps.get(n) == stamps[n]]
        kept = {name: getattr(cached, name) for name in same}
        fresh = _read(conn, [name for name in TABLES if name not in kept])
    frames = Frames(**kept, **fresh, stamp=max(stamps.values()), stamps=stamps)
    with _lock:
        _cache[key] = frames
    return frames.copy()


def invalidate() -> None:
    """Forget every cached frame (writers call it after a commit)."""
    with _lock:
        _cache.clear()
