"""The database enforces the vocabulary, unique codes, foreign keys and versions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from models.db import write_session
from models.roles import Actor
from models.tables import AuditLog, District, School, Teacher
from models.writers import StaleVersionError, save_changes
from tests import factories


def _base(engine: Engine) -> None:
    with write_session(engine) as s:
        s.execute(
            insert(District),
            [{"id": 1, "code": "320602", "name": "崇川区", "lat": 32.0, "lon": 120.9}],
        )
        row = factories.school()
        row["id"] = row.pop("school_id")
        s.execute(insert(School), [row])


def _teacher(**values: Any) -> dict[str, Any]:
    row = factories.teacher(**values)
    row["id"] = row.pop("teacher_id")
    return row


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("gender", "X"),
        ("title", "professor"),
        ("backbone", "national"),
        ("assessment", "good"),
        ("status", "retired"),
        ("post_grade", 14),
        ("post_grade", 0),
        ("weekly_periods", -1),
    ],
)
def test_teacher_rejects_values_outside_the_vocabulary(
    engine: Engine, column: str, value: object
) -> None:
    _base(engine)
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(insert(Teacher), [_teacher(**{column: value})])


def test_school_rejects_unknown_location_and_negative_students(engine: Engine) -> None:
    _base(engine)
    for bad in ({"location": "suburb"}, {"students_primary": -5}):
        row = factories.school(2, **bad)
        row["id"] = row.pop("school_id")
        with pytest.raises(IntegrityError), write_session(engine) as s:
            s.execute(insert(School), [row])


def test_codes_are_unique(engine: Engine) -> None:
    _base(engine)
    with write_session(engine) as s:
        s.execute(insert(Teacher), [_teacher(teacher_id=1, staff_no="T1")])
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(insert(Teacher), [_teacher(teacher_id=2, staff_no="T1")])
    dup = factories.school(2, code="S0001")
    dup["id"] = dup.pop("school_id")
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(insert(School), [dup])


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    _base(engine)
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(insert(Teacher), [_teacher(school_id=999)])
    with write_session(engine) as s:
        s.execute(insert(Teacher), [_teacher()])
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(School.__table__.delete().where(School.__table__.c.id == 1))  # type: ignore[attr-defined]


def _save(engine: Engine, person: str, version: int, **changes: object) -> None:
    save_changes(engine=engine, table="school", actor=Actor(person, "editor"),
                 updates=[{"id": 1, "version": version, **changes}])  # fmt: skip


def test_update_raises_version_and_writes_audit(engine: Engine) -> None:
    _base(engine)
    _save(engine, "alice", 1, students_primary=400)
    _save(engine, "bob", 2, is_weak=True)
    with engine.connect() as conn:
        version, students = conn.execute(
            text("SELECT version, students_primary FROM school WHERE id = 1")
        ).one()
        audits = conn.execute(
            select(col(AuditLog.actor), col(AuditLog.before), col(AuditLog.after)).order_by(
                col(AuditLog.id)
            )
        ).all()
    assert (version, students) == (3, 400)
    assert [a.actor for a in audits] == ["alice", "bob"]
    assert json.loads(audits[0].before) == {"students_primary": 0}
    assert json.loads(audits[0].after) == {"students_primary": 400}


def test_stale_version_is_refused_and_nothing_is_written(engine: Engine) -> None:
    _base(engine)
    _save(engine, "alice", 1, students_primary=400)
    with pytest.raises(StaleVersionError, match=r"row\(s\) 1 were changed by someone else"):
        _save(engine, "bob", 1, students_primary=999)
    with engine.connect() as conn:
        students = conn.execute(
            text("SELECT students_primary FROM school WHERE id = 1")
        ).scalar_one()
        audits = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    assert students == 400
    assert audits == 1
