"""Rows as they are edited: every column with ``id`` and ``version``, read with SQL."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from models.tables import AuditLog
from models.writers import EDITABLE

__all__ = ["history", "table_rows"]


def table_rows(
    engine: Engine, table: str, *, where: dict[str, object] | None = None, limit: int = 5_000
) -> pd.DataFrame:
    """The rows of an editable table (all columns), optionally ``where`` column == value."""
    model = EDITABLE[table]
    cols = model.__table__.c  # type: ignore[attr-defined]
    query = select(model.__table__).order_by(cols.id).limit(limit)  # type: ignore[attr-defined]
    for column, value in (where or {}).items():
        query = query.where(cols[column] == value)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def history(
    engine: Engine,
    *,
    table: str | None = None,
    actor: str | None = None,
    since: object | None = None,
    until: object | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Audit rows, newest first: id, at, actor, table_name, key, action, before, after."""
    query = select(AuditLog.__table__).order_by(AuditLog.__table__.c.id.desc()).limit(limit)  # type: ignore[attr-defined]
    c = AuditLog.__table__.c  # type: ignore[attr-defined]
    if table:
        query = query.where(c.table_name == table)
    if actor:
        query = query.where(c.actor == actor)
    if since is not None:
        query = query.where(c.at >= since)
    if until is not None:
        query = query.where(c.at <= until)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)
