"""Helpers of the backup and restore tests: facts about the live database, and cleanup
of the dated copies a PostgreSQL restore keeps."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text

import models
from models import loaders
from models.schema import status

__all__ = ["children", "drop_kept_databases", "facts", "pg_databases"]


def facts(url: str) -> tuple[str, int, int]:
    """The schema state, the number of schools and of teachers at ``url``, read afresh."""
    loaders.invalidate()
    frames = models.load(url)
    return status(url)[0].value, len(frames.schools), len(frames.teachers)


def pg_databases(url: str, like: str) -> list[str]:
    """Databases on the server of ``url`` whose name matches the LIKE pattern ``like``."""
    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres")
    try:
        with admin.connect() as conn:
            rows = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                {"p": like}).all()  # fmt: skip
    finally:
        admin.dispose()
    return [r[0] for r in rows]


def drop_kept_databases(url: str) -> None:
    """Drop the dated copies and leftovers a restore of ``url`` made (PostgreSQL)."""
    if not url.startswith("postgresql"):
        return
    name = url.rsplit("/", 1)[1]
    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for db in pg_databases(url, f"{name}\\_%restor%"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
    finally:
        admin.dispose()


def children(pid: int) -> dict[int, str]:
    """The live child processes of ``pid``: pid -> command name (Linux /proc)."""
    out: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out[int(entry.name)] = name
    return out


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z" and os.path.exists(f"/proc/{pid}")
