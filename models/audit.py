"""Audit rows: who, when, table, key, before, after — in the writer's transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from models.tables import AuditLog

__all__ = ["record"]


def _dump(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def record(
    *,
    session: Session,
    actor: str,
    table: str,
    key: str,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one audit row to ``session`` (committed with the change it describes)."""
    session.add(
        AuditLog(
            at=datetime.now(UTC),
            actor=actor,
            table_name=table,
            key=key,
            action=action,
            before=_dump(before),
            after=_dump(after),
        )
    )
