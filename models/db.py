"""The engine factory: one engine per URL per process, SQLite tuned for a team.

SQLite gets WAL (readers never wait for a writer), ``busy_timeout`` (a writer waits
for another instead of failing), ``foreign_keys=ON`` and ``BEGIN IMMEDIATE`` for
writes, so two writers queue at the start of a transaction rather than deadlock at
its end. Reads begin a plain deferred transaction.

A write that cannot get its turn (SQLite still locked after the busy timeout; a
PostgreSQL deadlock or serialisation failure twice) raises :class:`Busy`, whose message
asks the person to try again; nothing was written and the caller keeps the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from models.config import DEFAULT_DATABASE_URL, settings
from models.messages import Refusal

__all__ = ["BUSY_TIMEOUT_MS", "Busy", "get_engine", "is_busy", "resolve_url", "write",
           "write_session"]  # fmt: skip

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
    if parsed.get_backend_name() != "sqlite":  # a server that went away: fail in seconds
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
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


_RETRYABLE = ("40001", "40P01")  # serialization_failure, deadlock_detected
T = TypeVar("T")


class Busy(Refusal):
    """Another writer held the rows or the database too long; nothing was written."""

    def __init__(self) -> None:
        super().__init__("write.busy")


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is a lock or serialisation conflict (worth trying again later)."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _RETRYABLE:
        return True
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on error; a conflict with
    another writer raises :class:`Busy`."""
    try:
        with Session(engine.execution_options(**{_WRITE: True})) as session, session.begin():
            yield session
    except DBAPIError as exc:
        if is_busy(exc):
            raise Busy() from exc
        raise


def write(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one write transaction, once more if PostgreSQL reports a deadlock
    or serialisation failure (the other writer has finished by then); raises
    :class:`Busy` if that fails too."""
    try:
        with write_session(engine) as session:
            return work(session)
    except Busy as first:
        if getattr(getattr(first.__cause__, "orig", None), "sqlstate", None) not in _RETRYABLE:
            raise
    with write_session(engine) as session:
        return work(session)
