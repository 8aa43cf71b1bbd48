"""Loaders: database -> frames in the contracts of DESIGN.md, read with SQL.

Frames are cached per process and database. The cache is keyed by the data stamp:
the newest audit row (every write adds one in its own transaction, so a commit by
anyone — this process, a colleague's, the command line — makes the next load read
afresh) and the restore generation (a restore raises it, so restored data whose audit
ids repeat earlier ones is never mistaken for what was cached).
Callers get copy-on-write views; changing them never touches the cache.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields

import pandas as pd
from sqlalchemy import Connection, Engine, text

from models.db import get_engine
from planning.columns import TABLES, Table
from planning.contracts import coerce

__all__ = ["Frames", "data_stamp", "invalidate", "load"]


def _select(table: Table) -> str:
    """The SQL that reads ``table``'s spec columns, named as the frame names them."""
    names = (c.name if c.column == c.name else f"{c.column} AS {c.name}" for c in table.columns)
    order = table[table.key].column if table.key else ", ".join(table.unique)
    return f"SELECT {', '.join(names)} FROM {table.stored} ORDER BY {order}"


@dataclass(frozen=True)
class Frames:
    """Everything the engines read; ``standards`` holds every set (column ``name``)."""

    districts: pd.DataFrame
    schools: pd.DataFrame
    teachers: pd.DataFrame
    standards: pd.DataFrame
    curriculum: pd.DataFrame
    pay_policies: pd.DataFrame
    stamp: int

    def standard(self, name: str) -> pd.DataFrame:
        """One named staffing standard set, in the ``standard`` contract."""
        rows = self.standards[self.standards["name"] == name]
        if rows.empty:
            known = ", ".join(sorted(self.standards["name"].unique()))
            raise ValueError(f"unknown staffing standard {name!r}; known: {known}")
        return rows.drop(columns="name").reset_index(drop=True)

    def copy(self) -> Frames:
        return Frames(
            **{
                f.name: (
                    getattr(self, f.name).copy(deep=False)
                    if isinstance(getattr(self, f.name), pd.DataFrame)
                    else getattr(self, f.name)
                )
                for f in fields(self)
            }
        )


_lock = threading.Lock()
_cache: dict[str, Frames] = {}


_GENERATION_SHIFT = 40  # audit ids stay below 2**40; the generation sits above them


def data_stamp(conn: Connection) -> int:
    """The data's identity, ``generation × 2**40 + newest audit id``: it changes with
    every committed write and with every restore."""
    newest = conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one()
    generation = conn.execute(
        text("SELECT coalesce(max(generation), 0) FROM data_generation")
    ).scalar_one()
    return (int(generation) << _GENERATION_SHIFT) + int(newest)


def _read(conn: Connection, stamp: int) -> Frames:
    frames = {
        name: coerce(pd.read_sql(text(_select(table)), conn), name)
        for name, table in TABLES.items()
    }
    return Frames(**frames, stamp=stamp)


def load(url: str | None = None, *, engine: Engine | None = None) -> Frames:
    """Every frame of the database at ``url`` (default ``DATABASE_URL``), cached."""
    engine = engine or get_engine(url)
    key = str(engine.url)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # one snapshot for the stamp and the frames
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        stamp = data_stamp(conn)
        cached = _cache.get(key)
        if cached is not None and cached.stamp == stamp:
            return cached.copy()
        frames = _read(conn, stamp)
    with _lock:
        _cache[key] = frames
    return frames.copy()


def invalidate() -> None:
    """Forget every cached frame (writers call it after a commit)."""
    with _lock:
        _cache.clear()
