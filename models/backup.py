"""Backups: a consistent copy of the live database, and restoring one.

SQLite: the online backup API copies a consistent snapshot while others keep
writing, then ``PRAGMA integrity_check`` must answer ``ok``. PostgreSQL: ``pg_dump``
(custom format) and ``pg_restore --clean``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from models import loaders
from models.db import get_engine, resolve_url

__all__ = ["BackupError", "backup", "restore"]


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _check(path: Path) -> None:
    try:
        with sqlite3.connect(path) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} failed the integrity check: {result}")


def _pg_env(url: str) -> tuple[list[str], dict[str, str]]:
    u = make_url(url)
    args = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
    env = {**os.environ, "PGPASSWORD": u.password or ""}
    return [*args, "-d", u.database or ""], env


def backup(out: Path, url: str | None = None) -> Path:
    """Write a consistent copy of the database at ``url`` to ``out``."""
    url = resolve_url(url)
    parsed = make_url(url)
    out = Path(out)
    if parsed.get_backend_name() == "sqlite":
        source = sqlite3.connect(parsed.database or "")
        try:
            with sqlite3.connect(out) as target:
                source.backup(target)
        finally:
            source.close()
        _check(out)
        return out
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (Debian package postgresql-client)")
    args, env = _pg_env(url)
    done = subprocess.run(["pg_dump", "-Fc", "-f", str(out), *args], env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return out


def restore(source: Path, url: str | None = None) -> None:
    """Replace the database at ``url`` with the backup ``source``."""
    url = resolve_url(url)
    parsed = make_url(url)
    source = Path(source)
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    if parsed.get_backend_name() == "sqlite":
        _check(source)
        get_engine(url).dispose()
        with sqlite3.connect(source) as src, sqlite3.connect(parsed.database or "") as target:
            src.backup(target)
        loaders.invalidate()
        return
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed (Debian package postgresql-client)")
    get_engine(url).dispose()
    args, env = _pg_env(url)
    done = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(source)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    loaders.invalidate()
