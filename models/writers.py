"""Writers: the only way data changes. One transaction each, with audit rows.

A row carries the ``version`` it was read at; a change whose version is stale is
refused (:class:`StaleVersionError` names the rows) and nothing of the batch is
written, so a colleague's change is never overwritten silently. Rows are locked in id
order (no deadlock between saves); a conflict that persists raises
:class:`models.db.Busy`. Deleting a row that
others still reference (a school with teachers) is refused (:class:`RowInUse`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from models.audit import record
from models.db import write
from models.messages import Refusal
from models.roles import Actor, require
from models.tables import (
    AuditLog,
    Curriculum,
    District,
    PayPolicy,
    School,
    StaffingStandard,
    Teacher,
)
from planning.pay import PayPolicy as PayPolicyParams

__all__ = [
    "EDITABLE",
    "InvalidRows",
    "NotRevertible",
    "RowInUse",
    "StaleVersionError",
    "revert",
    "save_changes",
]

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


class RowInUse(Exception):
    """A row others refer to cannot be deleted; ``keys`` names them."""

    def __init__(self, table: str, keys: Sequence[int]):
        self.table = table
        self.keys = list(keys)
        super().__init__(
            f"{table}: row(s) {', '.join(map(str, self.keys))} are still in use "
            "(a school with teachers, say) and were not deleted"
        )


class NotRevertible(Refusal):
    """An audited change that cannot be undone (``key`` says why, in the catalog)."""


class InvalidRows(Exception):
    """A value was refused. ``code`` says by what, for the UI to translate: ``values``
    (the database: vocabulary, range, duplicate code) or ``pay_policy`` (a pay policy's
    parameters are not a valid :class:`planning.pay.PayPolicy`); ``detail`` says why."""

    def __init__(self, code: str, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


def _check_pay_policies(rows: Sequence[Mapping[str, Any]]) -> None:
    for row in rows:
        if "params" in row:
            try:
                PayPolicyParams.from_json(str(row["params"]))
            except (ValueError, TypeError) as exc:
                raise InvalidRows("pay_policy", str(exc)) from exc


def _plain(values: Mapping[Any, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(values), default=str))


def save_changes(
    *,
    engine: Engine,
    table: str,
    actor: Actor,
    updates: Sequence[Mapping[str, Any]] = (),
    inserts: Sequence[Mapping[str, Any]] = (),
    deletes: Sequence[Mapping[str, Any]] = (),
) -> dict[str, int]:
    """Apply updates (``id``, ``version`` and changed columns), inserts (column values)
    and deletes (``id``, ``version``) in one transaction with an audit row each.
    Nothing is written when any row is stale, in use or refused (:class:`InvalidRows`:
    by the database, or a pay policy whose parameters do not read as one)."""
    require(actor, "editor")
    if table == "pay_policy":
        _check_pay_policies([*updates, *inserts])
    ids = [int(r["id"]) for r in deletes]
    _guarded(engine, table, ids, lambda s: _save(s, table, actor, updates, inserts, deletes))
    return {"updated": len(updates), "inserted": len(inserts), "deleted": len(deletes)}


def _guarded(
    engine: Engine, table: str, deleted: list[int], work: Callable[[Session], None]
) -> None:
    """Run ``work`` in one write transaction; the database's refusals as ours (a
    reference to a ``deleted`` row of ``table``: :class:`RowInUse`)."""
    try:
        write(engine, work)
    except IntegrityError as exc:
        message = str(exc.orig)
        if deleted and ("FOREIGN KEY" in message.upper() or "foreign key" in message):
            raise RowInUse(table, deleted) from exc
        raise InvalidRows("values", message.splitlines()[0]) from exc


def _save(
    session: Session, table: str, actor: Actor, updates: Sequence[Mapping[str, Any]],
    inserts: Sequence[Mapping[str, Any]], deletes: Sequence[Mapping[str, Any]],
) -> None:  # fmt: skip
    """The rows' changes and their audit rows, in ``session`` (the caller's transaction)."""
    model = EDITABLE[table]
    updates = sorted(updates, key=lambda r: int(r["id"]))
    deletes = sorted(deletes, key=lambda r: int(r["id"]))
    _lock_rows(session, model, [*updates, *deletes])
    stale = _update(session, model, table, actor, updates)
    stale += _delete(session, model, table, actor, deletes)
    if stale:
        raise StaleVersionError(table, sorted(stale))
    for values in inserts:
        result = session.execute(insert(model.__table__).values(**values))  # type: ignore[attr-defined]
        new_id = result.inserted_primary_key[0]  # type: ignore[attr-defined]
        record(session=session, actor=actor.name, table=table, key=str(new_id),
               action="insert", after=_plain(values))  # fmt: skip
    session.flush()


def _lock_rows(session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> None:
    """PostgreSQL: lock the rows a save touches in id order before changing any, so two
    saves over the same rows in different orders queue instead of deadlocking. (SQLite
    writers already queue at ``BEGIN IMMEDIATE``.)"""
    ids = sorted({int(r["id"]) for r in rows})
    if ids and session.get_bind().dialect.name == "postgresql":
        cols = model.__table__.c  # type: ignore[attr-defined]
        session.execute(select(cols.id).where(cols.id.in_(ids)).order_by(cols.id).with_for_update())


def _update(
    session: Session, model: type[SQLModel], table: str, actor: Actor,
    rows: Sequence[Mapping[str, Any]],
) -> list[int]:  # fmt: skip
    cols = model.__table__.c  # type: ignore[attr-defined]
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
        record(session=session, actor=actor.name, table=table, key=str(row["id"]),
               action="update", before=_plain(before._mapping) if before else None,
               after=_plain(changes))  # fmt: skip
    return stale


def _delete(
    session: Session, model: type[SQLModel], table: str, actor: Actor,
    rows: Sequence[Mapping[str, Any]],
) -> list[int]:  # fmt: skip
    cols = model.__table__.c  # type: ignore[attr-defined]
    stale: list[int] = []
    for row in rows:
        current = session.execute(
            select(model.__table__).where(cols.id == row["id"])  # type: ignore[attr-defined]
        ).one_or_none()
        if current is None or current._mapping["version"] != row["version"]:
            stale.append(int(row["id"]))
            continue
        session.execute(delete(model.__table__).where(cols.id == row["id"]))  # type: ignore[attr-defined]
        record(session=session, actor=actor.name, table=table, key=str(row["id"]),
               action="delete", before=_plain(current._mapping))  # fmt: skip
    return stale


def revert(*, engine: Engine, audit_id: int, actor: Actor) -> None:
    """Undo one audited change: an update gets its previous values back, an insert is
    deleted, a delete is inserted again. The undo and its audit rows (the change, and a
    ``revert`` row naming ``audit_id``) are one transaction.

    Refused (:class:`NotRevertible`) when a later change touched the same record (undoing
    would silently discard it; a ``revert`` row itself changes nothing, so it does not
    count), and for changes that are not one record's (an import, a revert)."""
    require(actor, "editor")
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    with engine.connect() as conn:
        target = conn.execute(select(log.table_name, log.key).where(log.id == audit_id)).first()
    if target is None or target.table_name not in EDITABLE:
        raise NotRevertible("revert.unknown", id=audit_id)

    def work(session: Session) -> None:
        entry = session.get(AuditLog, audit_id)
        if entry is None or entry.table_name not in EDITABLE:
            raise NotRevertible("revert.unknown", id=audit_id)
        later = session.execute(
            select(log.id).where(
                log.table_name == entry.table_name, log.key == entry.key,
                log.id > audit_id, log.action != "revert",
            ).order_by(log.id)
        ).scalars().all()  # fmt: skip
        if later:
            raise NotRevertible("revert.later", id=audit_id, later=", ".join(map(str, later)))
        model = EDITABLE[entry.table_name]
        cols = model.__table__.c  # type: ignore[attr-defined]
        current = session.execute(
            select(model.__table__).where(cols.id == int(entry.key))  # type: ignore[attr-defined]
        ).one_or_none()
        before = json.loads(entry.before) if entry.before else None
        table, key = entry.table_name, int(entry.key)
        if entry.action == "update" and current is not None and before:
            version = current._mapping["version"]
            _save(session, table, actor, [{"id": key, "version": version, **before}], [], [])
        elif entry.action == "insert" and current is not None:
            _save(
                session, table, actor, [], [], [{"id": key, "version": current._mapping["version"]}]
            )
        elif entry.action == "delete" and current is None and before:
            _save(session, table, actor, [], [before], [])
        else:
            raise NotRevertible("revert.action", id=audit_id)
        record(session=session, actor=actor.name, table=table, key=str(key), action="revert",
               after={"audit_id": audit_id})  # fmt: skip

    _guarded(engine, target.table_name, [int(target.key)], work)
