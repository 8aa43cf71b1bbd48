"""PostgreSQL side of :mod:`models.backup`: ``pg_dump`` on an exported snapshot, and
``pg_restore`` into a fresh database swapped in by renaming.

The dump streams through a pipe into the caller's file, and the child is told to die
with its parent (Linux ``PR_SET_PDEATHSIG`` when called from the main thread), so a
killed ``shizi backup`` or ``shizi restore`` does not leave ``pg_dump`` or
``pg_restore`` running.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from models.backup_archive import BackupError, Manifest, describe, verify_copy
from models.db import get_engine

__all__ = ["dump", "restore"]

_CHUNK = 1 << 20
_NAME_MAX = 63
_SWAP_TRIES = 5


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError("backup.no_tool", tool=name)
    return path


def _die_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _spawn(args: list[str], url: str, **kwargs: object) -> subprocess.Popen[bytes]:
    u = make_url(url)
    env = {**os.environ, "PGPASSWORD": u.password or ""}
    conn = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
    in_main = threading.current_thread() is threading.main_thread()
    hook = _die_with_parent if sys.platform == "linux" and in_main else None
    return subprocess.Popen(
        [*args, *conn, "-d", u.database or ""],
        env=env,
        preexec_fn=hook,
        **kwargs,  # type: ignore[call-overload]
    )


def _run(tool: str, args: list[str], url: str, *, out: Path | None = None) -> None:
    """Run ``tool`` on ``url`` to the end (its output streamed to ``out``); a failure
    raises :class:`BackupError` with the last lines it wrote to stderr."""
    with tempfile.TemporaryFile() as errors:
        stdout = subprocess.PIPE if out is not None else subprocess.DEVNULL
        proc = _spawn([_tool(tool), *args], url, stdout=stdout, stderr=errors)
        try:
            if out is not None and proc.stdout is not None:
                with out.open("wb") as fh:
                    while chunk := proc.stdout.read(_CHUNK):
                        fh.write(chunk)
            code = proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if code != 0:
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
            raise BackupError("backup.tool_failed", tool=tool, detail=" ".join(lines[-3:]))


def dump(url: str, data: Path) -> Manifest:
    """Dump ``url`` to ``data`` (custom format) and describe the same snapshot."""
    _tool("pg_dump")
    engine = get_engine(url)
    reading = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with reading as conn, conn.begin():  # the snapshot lives while the dump reads it
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        revision, counts, generation = describe(conn)
        _run("pg_dump", ["-Fc", f"--snapshot={snapshot}"], url, out=data)
    return Manifest("postgresql", revision, counts, generation)


def _admin(url: str) -> Engine:
    maintenance = make_url(url).set(database="postgres")
    return create_engine(maintenance, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _name(live: str, tag: str) -> str:
    return f"{live[: _NAME_MAX - len(tag) - 1]}_{tag}"


def restore(data: Path, manifest: Manifest, url: str, generation: int, stamp: str) -> str:
    """Restore ``data`` into a fresh database, check it, then swap it for the live one;
    returns the name the previous database is kept under."""
    _tool("pg_restore")
    live = make_url(url).database or ""
    scratch, kept = _name(live, f"restoring_{stamp}"), _name(live, f"before_restore_{stamp}")
    scratch_url = make_url(url).set(database=scratch).render_as_string(hide_password=False)
    admin = _admin(url)
    try:
        _run("pg_restore", ["--list", str(data)], url)  # the table of contents reads
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{scratch}"'))
        except DBAPIError as exc:
            raise BackupError("backup.pg_create", name=scratch, detail=exc.orig) from exc
        try:
            _run("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner",
                                "--no-privileges", str(data)], scratch_url)  # fmt: skip
            verify_copy(scratch_url, manifest, generation)
            get_engine(url).dispose()
            _swap(admin, live, scratch, kept)
        except BaseException:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
            raise
    finally:
        admin.dispose()
    return kept


def _swap(admin: Engine, live: str, scratch: str, kept: str) -> None:
    """Rename live -> kept and scratch -> live in one transaction, after ending the
    sessions on both (servers reconnect on their next ping)."""
    last: DBAPIError | None = None
    for _ in range(_SWAP_TRIES):
        try:
            with admin.connect() as conn:
                conn.execute(
                    # client sessions: an autovacuum worker is the superuser's, and
                    # the rename ends it itself
                    text("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                         "WHERE datname IN (:a, :b) AND backend_type = 'client backend' "
                         "AND pid <> pg_backend_pid()"),
                    {"a": live, "b": scratch},
                )  # fmt: skip
                conn.exec_driver_sql("BEGIN")
                conn.exec_driver_sql(f'ALTER DATABASE "{live}" RENAME TO "{kept}"')
                conn.exec_driver_sql(f'ALTER DATABASE "{scratch}" RENAME TO "{live}"')
                conn.exec_driver_sql("COMMIT")
            return
        except DBAPIError as exc:  # a session came back between terminate and rename
            last = exc
    raise BackupError("backup.pg_swap", detail=last.orig if last else "")
