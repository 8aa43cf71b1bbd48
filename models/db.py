"""The engine factory: one engine per URL per process, SQLite tuned for a team.

SQLite gets WAL (readers never wait for a writer), ``busy_timeout`` (a writer waits
for another instead of failing), ``foreign_keys=ON`` and ``BEGIN IMMEDIATE`` for
writes, so two writers queue at the start of a transaction rather than deadlock at
its end. Reads begin a plain deferred transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from models.config import DEFAULT_DATABASE_URL, settings

__all__ = ["BUSY_TIMEOUT_MS", "get_engine", "resolve_url", "write_session"]

BUSY_TIMEOUT_MS = 10_000
_WRITE = "shizi_write"


def resolve_url(url: str | None = None) -> str:
    """``url`` or ``DATABASE_URL`` or the embedded default."""
    return url or settings().database_url


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for ``url`` (default ``DATABASE_URL``)."""
    return _engine(resolve_url(url))


@cache
def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url == DEFAULT_DATABASE_URL and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred-only).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on error."""
    with Session(engine.execution_options(**{_WRITE: True})) as session, session.begin():
        yield session
