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
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from models.audit import record
from models.db import write
from models.messages import Refusal
from models.roles import Actor, require
from models.tables import (
    AuditLog,
    Cadre,
    CadreRecord,
    CadreReserve,
    CadreScore,
    Curriculum,
    District,
    MentorLink,
    PayPolicy,
    Scenario,
    School,
    StaffingStandard,
    Teacher,
    Wish,
)
from planning.pay import PayPolicy as PayPolicyParams
from planning.scenario import Scenario as ScenarioParams

__all__ = [
    "EDITABLE",
    "FORMS",
    "PLAN_READS",
    "InvalidRows",
    "LinkRefused",
    "NotRevertible",
    "PlanRefused",
    "RowInUse",
    "StaleVersionError",
    "apply_moves",
    "end_mentor_link",
    "revert",
    "save_changes",
    "store_mentor_links",
]

EDITABLE: dict[str, type[SQLModel]] = {
    "district": District,
    "school": School,
    "teacher": Teacher,
    "staffing_standard": StaffingStandard,
    "curriculum": Curriculum,
    "pay_policy": PayPolicy,
    "mentor_link": MentorLink,
    "wish": Wish,
    "cadre": Cadre,
    "cadre_record": CadreRecord,
    "cadre_reserve": CadreReserve,
    "cadre_score": CadreScore,
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

    An applied rotation plan (:func:`apply_moves`) is undone as a whole: every teacher
    back at the school they left, one transaction.

    Refused (:class:`NotRevertible`) when a later change touched the same record (undoing
    would silently discard it; a ``revert`` row itself changes nothing, so it does not
    count), and for changes that are not one record's (an import, a revert)."""
    require(actor, "editor")
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    with engine.connect() as conn:
        target = conn.execute(
            select(log.table_name, log.key, log.action).where(log.id == audit_id)
        ).first()
    if target is not None and (target.table_name, target.action) == ("scenario", "apply"):
        _guarded(engine, "teacher", [], lambda s: _revert_apply(s, audit_id, actor))
        return
    if target is None or target.table_name not in EDITABLE:
        raise NotRevertible("revert.unknown", id=audit_id)

    def work(session: Session) -> None:
        _revert_one(session, audit_id, actor)

    _guarded(engine, target.table_name, [int(target.key)], work)


def _later(session: Session, table: str, key: str, audit_id: int) -> list[int]:
    """The changes to the record after ``audit_id`` (a ``revert`` row changes nothing)."""
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    return list(session.execute(
        select(log.id).where(
            log.table_name == table, log.key == key, log.id > audit_id, log.action != "revert",
        ).order_by(log.id)
    ).scalars().all())  # fmt: skip


def _revert_apply(session: Session, audit_id: int, actor: Actor) -> None:
    """Undo every teacher's move of an applied plan, then one ``revert`` row naming it."""
    entry = session.get(AuditLog, audit_id)
    if entry is None or entry.action != "apply" or not entry.after:
        raise NotRevertible("revert.unknown", id=audit_id)
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    undone = session.execute(
        select(log.after).where(
            log.table_name == entry.table_name, log.key == entry.key, log.action == "revert"
        )
    ).scalars()  # fmt: skip
    if any(json.loads(u or "{}").get("audit_id") == audit_id for u in undone):
        raise NotRevertible("revert.action", id=audit_id)
    ids = [int(i) for i in json.loads(entry.after)["audit_ids"]]
    rows = [session.get(AuditLog, i) for i in ids]
    later = sorted(
        i for m, a in zip(rows, ids, strict=True) if m is not None
        for i in _later(session, m.table_name, m.key, a)
    )  # fmt: skip
    if later:
        raise NotRevertible("revert.later", id=audit_id, later=", ".join(map(str, later)))
    for moved in ids:
        _revert_one(session, moved, actor)
    record(session=session, actor=actor.name, table=entry.table_name, key=entry.key,
           action="revert", after={"audit_id": audit_id})  # fmt: skip


def _revert_one(session: Session, audit_id: int, actor: Actor) -> None:
    """Undo one record's change in ``session``, with its audit rows."""
    entry = session.get(AuditLog, audit_id)
    if entry is None or entry.table_name not in EDITABLE:
        raise NotRevertible("revert.unknown", id=audit_id)
    later = _later(session, entry.table_name, entry.key, audit_id)
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
        _save(session, table, actor, [], [], [{"id": key, "version": current._mapping["version"]}])
    elif entry.action == "delete" and current is None and before:
        _save(session, table, actor, [], [before], [])
    else:
        raise NotRevertible("revert.action", id=audit_id)
    record(session=session, actor=actor.name, table=table, key=str(key), action="revert",
           after={"audit_id": audit_id})  # fmt: skip


# Applying an approved rotation plan (issue 15, Deliver 5).

PLAN_READS = ("teacher", "school", "district", "curriculum")  # what a rotation plan reads
WISH_READS = (*PLAN_READS, "wish")  # and what it reads when it honours the wishes
# How an applied plan records a move (docs/domain.md, "Teacher rotation"): 交流, the post
# moves with the teacher; 支教, the teacher goes on exchange with the post kept at home.
FORMS = ("transfer", "exchange")


class PlanRefused(Refusal):
    """An approved plan that cannot be recorded (``key`` says why, in the catalog)."""


def apply_moves(
    *,
    engine: Engine,
    scenario_id: int,
    moves: Sequence[Mapping[str, int]],
    actor: Actor,
    form: str = "transfer",
) -> int:
    """Record the moves (``teacher_id``, ``from_school``, ``to_school``) of the approved
    scenario ``scenario_id`` in the ``form`` the person chose (:data:`FORMS`,
    docs/domain.md "Teacher rotation"): ``transfer`` (交流, the post moves with the
    teacher): each teacher's school becomes the receiving school and ``school_since`` the
    scenario's rotation year; ``exchange`` (支教, the post kept): the status becomes
    ``exchange_out`` and the host school the receiving school, the school and
    ``school_since`` kept. One transaction: an audit row per teacher and one ``apply``
    row on the scenario naming them (and the form), which :func:`revert` undoes as a
    whole. Returns the ``apply`` row's audit id.

    Refused (:class:`PlanRefused`) when the scenario is not approved, was applied
    already, has no moves, or when the data the plan reads (teachers, schools, counties,
    curriculum) changed since its approval: the plan recomputed now would not be the
    plan approved (the teachers' wishes too, when the scenario's rules use them)."""
    require(actor, "editor")
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}; got {form!r}")
    ordered = sorted(moves, key=lambda m: int(m["teacher_id"]))
    ids = [int(m["teacher_id"]) for m in ordered]
    teacher = Teacher.__table__.c  # type: ignore[attr-defined]
    log = AuditLog.__table__.c  # type: ignore[attr-defined]

    def work(session: Session) -> int:
        scenario, since = _approved(session, scenario_id)
        if not ordered:
            raise PlanRefused("apply.empty")
        _lock_rows(session, Teacher, [{"id": i} for i in ids])
        current = {
            r.id: r
            for r in session.execute(
                select(teacher.id, teacher.name, teacher.staff_no, teacher.school_id,
                       teacher.school_since, teacher.version).where(teacher.id.in_(ids))
            )
        }  # fmt: skip
        params = ScenarioParams.from_json(scenario.params)
        reads = WISH_READS if params.rotation.use_wishes else PLAN_READS
        _refuse_changed(session, scenario.name, since, ordered, current, reads)
        year = params.rotation_year
        updates = [
            {"id": m["teacher_id"], "version": current[int(m["teacher_id"])].version,
             **_recorded(form, int(m["to_school"]), year)}
            for m in ordered
        ]  # fmt: skip
        stale = _update(session, Teacher, "teacher", actor, updates)
        if stale:  # not after the check above under the lock; kept as the writers' rule
            raise StaleVersionError("teacher", stale)
        session.flush()
        audit_ids = [
            int(session.execute(
                select(func.max(log.id)).where(log.table_name == "teacher", log.key == str(i))
            ).scalar_one())
            for i in ids
        ]  # fmt: skip
        entry = AuditLog(actor=actor.name, table_name="scenario", key=str(scenario_id),
                         action="apply", after=json.dumps(
                             {"name": scenario.name, "moved": len(ids), "form": form,
                              "audit_ids": audit_ids},
                             ensure_ascii=False))  # fmt: skip
        session.add(entry)
        session.flush()
        return int(entry.id)  # type: ignore[arg-type]

    return write(engine, work)


def _recorded(form: str, to_school: int, year: int) -> dict[str, Any]:
    """A move as the teacher's changed columns, in ``form`` (see :func:`apply_moves`)."""
    if form == "exchange":
        return {"status": "exchange_out", "host_school_id": to_school}
    return {"school_id": to_school, "school_since": year}


def _approved(session: Session, scenario_id: int) -> tuple[Scenario, datetime]:
    """The scenario, if approved and not yet applied, and when it was approved (its
    approval's audit row; the time its data was read, for one approved without one)."""
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    scenario = session.get(Scenario, scenario_id)
    if scenario is None or scenario.status != "approved":
        raise PlanRefused("apply.not_approved", name=scenario.name if scenario else scenario_id)
    rows = session.execute(
        select(log.id, log.at, log.action, log.after).where(
            log.table_name == "scenario", log.key == str(scenario_id)
        ).order_by(log.id.desc())
    ).all()  # fmt: skip
    applied = next((r for r in rows if r.action == "apply"), None)
    if applied is not None:
        raise PlanRefused("apply.applied", name=scenario.name, id=applied.id)
    approval = next(
        (r.at for r in rows if r.action == "update" and r.after
         and json.loads(r.after).get("status") == "approved"),
        None,
    )  # fmt: skip
    since = approval or scenario.data_date or scenario.created_at
    return scenario, since


def _refuse_changed(
    session: Session, name: str, since: datetime, moves: Sequence[Mapping[str, int]],
    current: Mapping[int, Any], reads: Sequence[str],
) -> None:  # fmt: skip
    """Refuse when a moved teacher is gone, not at the plan's sending school, or changed
    since ``since``; or when any other row of the tables the plan ``reads`` did."""
    log = AuditLog.__table__.c  # type: ignore[attr-defined]
    later = session.execute(
        select(log.table_name, log.key).where(log.table_name.in_(reads), log.at > since)
    ).all()
    touched = {int(r.key) for r in later if r.table_name == "teacher" and r.key.isdigit()}
    moved = [
        m for m in moves
        if int(m["teacher_id"]) not in current
        or current[int(m["teacher_id"])].school_id != int(m["from_school"])
        or int(m["teacher_id"]) in touched
    ]  # fmt: skip
    if moved:
        people = "、".join(
            f"{current[i].name} {current[i].staff_no}" if i in current else str(i)
            for i in (int(m["teacher_id"]) for m in moved[:5])
        )
        people += "…" if len(moved) > 5 else ""
        raise PlanRefused("apply.stale_moved", name=name, people=people, n=len(moved))
    if later:
        raise PlanRefused("apply.stale_data", name=name, n=len(later))


# Mentoring links (带教结对, issue 18 Deliver 4): the proposed assignment stored as
# links, each tracked until it ends.


class LinkRefused(Refusal):
    """Mentoring links that cannot be stored or ended (``key`` says why, in the catalog)."""


def store_mentor_links(
    *, engine: Engine, pairs: Sequence[Mapping[str, Any]], year: int, actor: Actor,
    note: str = "",
) -> list[int]:  # fmt: skip
    """Store each pair (``teacher_id``, ``school_id``, ``subject``) as a mentoring link
    that started in ``year`` (status ``active``, docs/domain.md "Mentoring"), in one
    transaction with an audit row each; returns the new links' ids.

    Refused (:class:`LinkRefused`), nothing written, when there are no pairs, when a
    pair repeats within them, or when a link of the same mentor, school and subject is
    active already (the mentors named)."""
    require(actor, "editor")
    keys = [(int(p["teacher_id"]), int(p["school_id"]), str(p["subject"])) for p in pairs]
    if not keys:
        raise LinkRefused("mentor_link.empty")
    if len(set(keys)) < len(keys):
        raise LinkRefused("mentor_link.repeated")
    link = MentorLink.__table__.c  # type: ignore[attr-defined]
    teacher = Teacher.__table__.c  # type: ignore[attr-defined]

    def work(session: Session) -> list[int]:
        running = session.execute(
            select(link.teacher_id, link.school_id, link.subject, teacher.name,
                   teacher.staff_no)
            .join(Teacher.__table__, teacher.id == link.teacher_id)  # type: ignore[attr-defined]
            .where(link.status == "active", link.teacher_id.in_({k[0] for k in keys}))
        ).all()  # fmt: skip
        wanted = set(keys)
        clash = [r for r in running if (r.teacher_id, r.school_id, r.subject) in wanted]
        if clash:
            people = "、".join(f"{r.name} {r.staff_no}" for r in clash[:5])
            raise LinkRefused("mentor_link.active", n=len(clash),
                              people=people + ("…" if len(clash) > 5 else ""))  # fmt: skip
        ids = []
        for teacher_id, school_id, subject in keys:
            values = {"teacher_id": teacher_id, "school_id": school_id, "subject": subject,
                      "started_year": year, "status": "active", "note": note}  # fmt: skip
            new_id = session.execute(insert(MentorLink.__table__).values(**values))  # type: ignore[attr-defined]
            ids.append(int(new_id.inserted_primary_key[0]))  # type: ignore[attr-defined]
            record(session=session, actor=actor.name, table="mentor_link", key=str(ids[-1]),
                   action="insert", after=_plain(values))  # fmt: skip
        session.flush()
        return ids

    try:
        return write(engine, work)
    except IntegrityError as exc:
        raise InvalidRows("values", str(exc.orig).splitlines()[0]) from exc


def end_mentor_link(*, engine: Engine, link_id: int, year: int, actor: Actor) -> None:
    """End a running link in ``year`` (status ``ended``, ``ended_year``), one
    transaction with its audit row. The link is locked and read afresh: ending changes
    only its status and year, so a colleague's change to its note is kept, and a link
    a colleague ended meanwhile is refused (:class:`LinkRefused`), as is one that is
    gone or would end before it started."""
    require(actor, "editor")

    def work(session: Session) -> None:
        _lock_rows(session, MentorLink, [{"id": link_id}])
        row = session.get(MentorLink, link_id)
        if row is None or row.status != "active":
            raise LinkRefused("mentor_link.not_active", id=link_id)
        if year < row.started_year:
            raise LinkRefused("mentor_link.before_start", id=link_id, year=row.started_year)
        changes = {"id": link_id, "version": row.version, "status": "ended", "ended_year": year}
        stale = _update(session, MentorLink, "mentor_link", actor, [changes])
        if stale:
            raise StaleVersionError("mentor_link", stale)
        session.flush()

    _guarded(engine, "mentor_link", [], work)
