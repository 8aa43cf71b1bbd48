"""What an import would change, before it changes it: the file's rows (as
:func:`models.importer.check` returns them) against the stored ones, matched by the
natural key as :func:`models.importer.apply` matches them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from models.writers import EDITABLE
from planning import columns

__all__ = ["Change", "ImportDiff", "import_diff"]


@dataclass(frozen=True)
class Change:
    """One field of one stored row the file changes: ``record`` is the row's name and
    key fields (stored column -> value)."""

    record: dict[str, Any]
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ImportDiff:
    """Rows the file adds, the stored rows it removes (replace mode), each changed field,
    and how many rows it changes and leaves as they are."""

    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changes: list[Change]
    changed_rows: int
    unchanged: int


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def import_diff(
    engine: Engine, table: str, rows: pd.DataFrame, *, mode: str = "upsert"
) -> ImportDiff:
    """Compare checked file ``rows`` of ``table`` with the stored rows. With
    ``mode="replace"`` the stored rows the file does not name are removed."""
    spec = columns.stored(table)
    key = spec.unique
    named = tuple(dict.fromkeys(c for c in ("name", *key) if c in spec.names))
    model = EDITABLE[table].__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        stored = {tuple(r[c] for c in key): dict(r) for r in conn.execute(select(model)).mappings()}
    added: list[dict[str, Any]] = []
    changes: list[Change] = []
    changed_rows = unchanged = 0
    seen = set()
    for given in rows.to_dict("records"):
        row = {c: _plain(v) for c, v in given.items() if c != "version"}
        mine = tuple(row[c] for c in key)
        seen.add(mine)
        old = stored.get(mine)
        if old is None:
            added.append({c: row.get(c) for c in named})
            continue
        moved = [Change({c: old[c] for c in named}, c, old[c], v)
                 for c, v in row.items() if old.get(c) != v]  # fmt: skip
        changes += moved
        changed_rows += bool(moved)
        unchanged += not moved
    removed = [{c: old[c] for c in named} for k, old in stored.items()
               if mode == "replace" and k not in seen]  # fmt: skip
    return ImportDiff(added, removed, changes, changed_rows, unchanged)
