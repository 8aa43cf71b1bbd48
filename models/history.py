"""The change history: audit rows, filtered, and the records they name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from models.tables import AuditLog, Scenario
from models.writers import EDITABLE
from planning import columns

__all__ = ["history", "identities", "identity_fields"]


def history(
    engine: Engine,
    *,
    tables: Sequence[str] | None = None,
    actor: str | None = None,
    since: object | None = None,
    until: object | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Audit rows, newest first: id, at, actor, table_name, key, action, before, after.
    ``tables`` (when given) limits the tables; ``actor`` matches any part of the name."""
    c = AuditLog.__table__.c  # type: ignore[attr-defined]
    query = select(AuditLog.__table__).order_by(c.id.desc()).limit(limit)  # type: ignore[attr-defined]
    if tables is not None:
        query = query.where(c.table_name.in_(list(tables)))
    if actor:
        query = query.where(c.actor.like(f"%{actor}%"))
    if since is not None:
        query = query.where(c.at >= since)
    if until is not None:
        query = query.where(c.at <= until)
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def identity_fields(table: str) -> tuple[str, ...]:
    """The columns people name a row of ``table`` by: its name, then its natural key."""
    if table == "scenario":
        return ("name",)
    if table == "decision":  # never changed after it is written: named by its audit row
        return ("scenario", "meeting")
    spec = columns.stored(table)
    named = ("name",) if "name" in spec.names else ()
    return tuple(dict.fromkeys((*named, *spec.unique)))


def identities(engine: Engine, entries: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """For each (table, key) of ``entries`` (audit rows), the fields that name the
    record (a teacher's name and staff number): read from the table, or for a record
    since deleted from the audit row's own values."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    models = {**EDITABLE, "scenario": Scenario}
    with engine.connect() as conn:
        for table, keys in entries.groupby("table_name")["key"]:
            if table not in models:
                continue
            fields = identity_fields(str(table))
            cols = models[str(table)].__table__.c  # type: ignore[attr-defined]
            ids = [int(k) for k in set(keys) if str(k).isdigit()]
            query = select(cols.id, *[cols[f] for f in fields]).where(cols.id.in_(ids))
            for row in conn.execute(query).mappings():
                out[(str(table), str(row["id"]))] = {f: row[f] for f in fields}
    for entry in entries.itertuples():
        pair = (str(entry.table_name), str(entry.key))
        if pair in out or entry.table_name not in (*models, "decision"):
            continue
        values: dict[str, Any] = {}
        for text in (entry.after, entry.before):
            if isinstance(text, str) and text.startswith("{"):
                values = {**json.loads(text), **values}
        out[pair] = {f: values[f] for f in identity_fields(pair[0]) if f in values}
    return out
