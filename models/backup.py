"""Backups and restores that cannot destroy data.

A backup is one file (:mod:`models.backup_archive`): the data with a manifest of its
schema revision, row counts and checksum, written under a temporary name and renamed
when complete. SQLite copies through the online backup API (a consistent snapshot
while others keep writing); PostgreSQL through ``pg_dump`` on an exported snapshot
(:mod:`models.backup_pg`), so the counts and the dump are the same moment.

A restore checks the file, its manifest and its schema before it touches anything,
rebuilds the database beside the live one, checks the rebuilt copy against the
manifest, raises the restore generation (the loaders' stamp, so a running server
never shows pre-restore data as current), keeps the previous database as a dated copy
and only then switches over in one step:

- SQLite: the verified copy goes into the live file through the backup API in one
  transaction. Renaming a file over a live WAL database is not safe while a server
  holds connections (its ``-wal`` would be replayed onto the new file); a backup-API
  write is, and readers see the old or the new database, never a mix.
- PostgreSQL: ``pg_restore`` in one transaction into a fresh database, then both
  databases are renamed in one transaction (the old one becomes the dated copy). The
  app's engines ping before use, so servers reconnect to the restored database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from models import backup_pg, loaders
from models.backup_archive import (
    BackupError,
    Manifest,
    describe,
    read_archive,
    sweep_leftovers,
    verify_copy,
    write_archive,
)
from models.db import BUSY_TIMEOUT_MS, get_engine, resolve_url
from models.roles import Actor, require
from models.schema import SchemaState, alembic_config, status

__all__ = ["BackupError", "backup", "restore"]

_WAIT = BUSY_TIMEOUT_MS / 1000


def backup(out: Path, url: str | None = None, *, actor: Actor) -> Path:
    """Write a backup of the database at ``url`` to ``out`` (complete, or not at all).
    Only an admin may (the file holds every teacher's record)."""
    require(actor, "admin")
    url = resolve_url(url)
    out = Path(out)
    if not out.parent.is_dir():
        raise BackupError("backup.no_folder", folder=out.parent)
    if out.exists() and not out.is_file():  # /dev/full, a folder: never replace it
        raise BackupError("cli.not_a_file", path=out)
    state, detail = status(url)
    if state != SchemaState.CURRENT:
        raise BackupError("backup.not_current", state=state.value, detail=detail)
    sweep_leftovers(out)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.{os.getpid()}.") as work:
        data = Path(work) / "data"
        if make_url(url).get_backend_name() == "sqlite":
            manifest = _copy_sqlite(url, data)
        else:
            manifest = backup_pg.dump(url, data)
        return write_archive(out, data, manifest)


def _copy_sqlite(url: str, data: Path) -> Manifest:
    live = make_url(url).database or ""
    with (
        closing(sqlite3.connect(live, timeout=_WAIT)) as src,
        closing(sqlite3.connect(data)) as dst,
    ):
        src.backup(dst)
    revision, counts, generation = _check_sqlite(data)
    return Manifest("sqlite", revision, counts, generation)


def _check_sqlite(path: Path) -> tuple[str, dict[str, int], int]:
    try:
        with closing(sqlite3.connect(path)) as db:
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup.damaged", detail=exc) from exc
    if result != "ok":
        raise BackupError("backup.damaged", detail=result)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return describe(conn)
    finally:
        engine.dispose()


def restore(source: Path, url: str | None = None, *, actor: Actor) -> str:
    """Replace the database at ``url`` with the backup ``source``; returns where the
    previous database is kept. Only an admin may. Raises :class:`BackupError`, changing
    nothing, when the file, its manifest, its schema or the rebuilt copy is not right."""
    require(actor, "admin")
    url = resolve_url(url)
    backend = make_url(url).get_backend_name()
    source = Path(source)
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    folder = Path(make_url(url).database or ".").resolve().parent if backend == "sqlite" else None
    with tempfile.TemporaryDirectory(dir=folder, prefix=".shizi-restore-") as work:
        data = Path(work) / "data"
        manifest = read_archive(source, data)
        if manifest.backend != backend:
            raise BackupError("backup.backend", path=source, made=manifest.backend, live=backend)
        known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if manifest.revision not in known:
            raise BackupError("backup.newer", path=source, revision=manifest.revision)
        generation = _live_generation(url) + 1
        if backend == "sqlite":
            kept = _restore_sqlite(data, manifest, url, generation, stamp)
        else:
            kept = backup_pg.restore(data, manifest, url, generation, stamp)
    loaders.invalidate()
    return kept


def _live_generation(url: str) -> int:
    state, _detail = status(url)
    if state != SchemaState.CURRENT:
        return 0
    with get_engine(url).connect() as conn:
        return describe(conn)[2]


def _restore_sqlite(data: Path, manifest: Manifest, url: str, generation: int, stamp: str) -> str:
    _check_sqlite(data)
    verify_copy(f"sqlite:///{data}", manifest, generation)
    live = Path(make_url(url).database or "")
    kept = live.with_name(f"{live.name}.before-restore-{stamp}")
    get_engine(url).dispose()
    if live.exists() and live.stat().st_size > 0:
        try:
            with (
                closing(sqlite3.connect(live, timeout=_WAIT)) as old,
                closing(sqlite3.connect(kept)) as copy,
            ):
                old.backup(copy)
        except sqlite3.DatabaseError:  # not a database we can read: keep its bytes
            shutil.copy2(live, kept)
    with (
        closing(sqlite3.connect(data)) as new,
        closing(sqlite3.connect(live, timeout=_WAIT)) as dst,
    ):
        new.backup(dst)  # one step: one transaction on the live file
    return str(kept) if kept.exists() else ""
