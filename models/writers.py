"""Writers: the only way data changes. One transaction each, with audit rows.

A row carries the ``version`` it was read at; an update whose version is stale is
refused (:class:`StaleVersionError` names the rows) and nothing of the batch is
written, so a colleague's change is never overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, select, update
from sqlmodel import SQLModel

from models import loaders
from models.audit import record
from models.db import write_session
from models.roles import Actor, require
from models.tables import Curriculum, District, PayPolicy, School, StaffingStandard, Teacher

__all__ = ["EDITABLE", "StaleVersionError", "update_rows"]

EDITABLE: dict[str, type[SQLModel]] = {
    "district": District,
    "school": School,
    "teacher": Teacher,
    "staffing_standard": StaffingStandard,
    "curriculum": Curriculum,
    "pay_policy": PayPolicy,
}


class StaleVersionError(Exception):
    """Some rows changed since they were read; ``keys`` names them."""

    def __init__(self, table: str, keys: Sequence[int]):
        self.table = table
        self.keys = list(keys)
        super().__init__(
            f"{table}: row(s) {', '.join(map(str, self.keys))} were changed by someone else "
            "since you loaded them; reload to see their change, then edit again"
        )


def update_rows(
    *,
    engine: Engine,
    table: str,
    rows: Sequence[Mapping[str, Any]],
    actor: Actor,
) -> int:
    """Apply ``rows`` (each ``id``, ``version`` and the changed columns) in one transaction.

    Returns how many rows changed. Raises :class:`StaleVersionError` (and writes
    nothing) when any row's ``version`` is not the stored one.
    """
    require(actor, "editor")
    model = EDITABLE[table]
    cols = model.__table__.c  # type: ignore[attr-defined]
    with write_session(engine) as session:
        stale: list[int] = []
        for row in rows:
            changes = {k: v for k, v in row.items() if k not in ("id", "version")}
            before = session.execute(
                select(*[cols[k] for k in changes]).where(cols.id == row["id"])
            ).one_or_none()
            result = session.execute(
                update(model.__table__)  # type: ignore[attr-defined]
                .where(cols.id == row["id"], cols.version == row["version"])
                .values(**changes, version=cols.version + 1)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                stale.append(int(row["id"]))
                continue
            record(
                session=session,
                actor=actor.name,
                table=table,
                key=str(row["id"]),
                action="update",
                before=dict(before._mapping) if before is not None else None,
                after=dict(changes),
            )
        if stale:
            raise StaleVersionError(table, stale)
    loaders.invalidate()
    return len(rows)
