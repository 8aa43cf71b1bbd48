"""Schema state and migrations (Alembic) for a database URL.

The app asks :func:`status` before it reads anything, so it can tell a person what
is wrong (no database, not a database, an older schema) instead of failing later.
"""

from __future__ import annotations

import enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from models.db import get_engine, resolve_url

__all__ = ["SchemaState", "alembic_config", "head_revision", "migrate", "status"]

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class SchemaState(enum.Enum):
    EMPTY = "empty"  # no tables at all: safe to create and seed
    CURRENT = "current"
    OUTDATED = "outdated"  # older revision than the code: run `shizi migrate`
    NEWER = "newer"  # a revision this code does not know: update the code
    FOREIGN = "foreign"  # tables, but not ours
    UNREACHABLE = "unreachable"  # cannot connect or not a database


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def status(url: str | None = None) -> tuple[SchemaState, str]:
    """The schema state of ``url`` and a detail (the driver's message, or the revision)."""
    try:
        engine = get_engine(url)
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            current = MigrationContext.configure(conn).get_current_revision()
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        return SchemaState.UNREACHABLE, str(getattr(exc, "orig", exc)).strip()
    if not tables:
        return SchemaState.EMPTY, ""
    if current is None:
        return SchemaState.FOREIGN, ", ".join(sorted(tables)[:5])
    head = head_revision()
    if current == head:
        return SchemaState.CURRENT, current
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    return (SchemaState.OUTDATED if current in known else SchemaState.NEWER), current


def migrate(url: str | None = None) -> None:
    """Bring ``url`` to the newest schema (``alembic upgrade head``)."""
    command.upgrade(alembic_config(url), "head")
