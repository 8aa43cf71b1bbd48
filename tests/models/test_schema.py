"""The migration creates exactly the models' schema; bad databases are recognised."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.db import get_engine
from models.schema import SchemaState, alembic_config, head_revision, migrate, status
from tests import factories


def test_migration_matches_the_models(db_url: str) -> None:
    with get_engine(db_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def _insert(conn: Connection, table: str, row: dict[str, object]) -> None:
    names = ", ".join(row)
    values = ", ".join(f":{k}" for k in row)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({values})"), row)


def test_teachers_of_an_older_database_hold_a_bachelors_degree(empty_url: str) -> None:
    """Migration 0002 adds ``degree``: existing teachers get 'bachelor', the vocabulary holds."""
    command.upgrade(alembic_config(empty_url), "0001")
    engine = get_engine(empty_url)
    school, teacher = factories.school(), factories.teacher()
    del teacher["degree"], teacher["section"], teacher["host_school_id"]
    with engine.begin() as conn:
        _insert(conn, "district", {"id": 1, "code": "320602", "name": "崇川区", "lat": 32.0,
                                   "lon": 120.9, "version": 1})  # fmt: skip
        _insert(conn, "school", {"id": school.pop("school_id"), "version": 1, **school})
        _insert(conn, "teacher", {"id": teacher.pop("teacher_id"), "version": 1, **teacher})
    migrate(empty_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT degree FROM teacher")).scalar_one() == "bachelor"
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE teacher SET degree = 'doctor'"))


def test_teachers_of_an_older_database_teach_their_schools_lowest_section(
    empty_url: str,
) -> None:
    """Migration 0004 adds ``section``: a teacher of a junior-only school teaches junior."""
    command.upgrade(alembic_config(empty_url), "0003")
    engine = get_engine(empty_url)
    primary = factories.school(1, students_primary=300, students_junior=200)
    junior = factories.school(2, students_junior=400)
    with engine.begin() as conn:
        _insert(conn, "district", {"id": 1, "code": "320602", "name": "崇川区", "lat": 32.0,
                                   "lon": 120.9, "version": 1})  # fmt: skip
        for school in (primary, junior):
            _insert(conn, "school", {"id": school.pop("school_id"), "version": 1, **school})
        for k, school_id in ((1, 1), (2, 2)):
            teacher = factories.teacher(k, school_id=school_id)
            del teacher["section"], teacher["host_school_id"]
            _insert(conn, "teacher", {"id": teacher.pop("teacher_id"), "version": 1, **teacher})
    migrate(empty_url)
    with engine.connect() as conn:
        got = conn.execute(text("SELECT id, section FROM teacher ORDER BY id")).all()
    assert [tuple(r) for r in got] == [(1, "primary"), (2, "junior")]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE teacher SET section = 'college'"))


def test_the_host_school_migrates_up_and_down(empty_url: str) -> None:
    """Migration 0008 adds ``host_school_id`` (empty for existing teachers) with its row
    check; its downgrade removes it and keeps the teachers."""
    command.upgrade(alembic_config(empty_url), "0007")
    engine = get_engine(empty_url)
    teacher = factories.teacher(status="exchange_out")
    del teacher["host_school_id"]
    with engine.begin() as conn:
        _insert(conn, "district", {"id": 1, "code": "320602", "name": "崇川区", "lat": 32.0,
                                   "lon": 120.9, "version": 1})  # fmt: skip
        for school in (factories.school(1), factories.school(2)):
            _insert(conn, "school", {"id": school.pop("school_id"), "version": 1, **school})
        _insert(conn, "teacher", {"id": teacher.pop("teacher_id"), "version": 1, **teacher})
    command.upgrade(alembic_config(empty_url), "0008_host_school")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT host_school_id FROM teacher")).scalar_one() is None
    for bad in (1, 3):  # the home school; no such school
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(text("UPDATE teacher SET host_school_id = :h"), {"h": bad})
    with pytest.raises(IntegrityError), engine.begin() as conn:  # only when away
        conn.execute(text("UPDATE teacher SET host_school_id = 2, status = 'active'"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE teacher SET host_school_id = 2"))
    command.downgrade(alembic_config(empty_url), "0007")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT * FROM teacher")).keys()
        assert "host_school_id" not in names
        assert conn.execute(text("SELECT status FROM teacher")).scalar_one() == "exchange_out"
    engine.dispose()
    migrate(empty_url)


def test_status_of_empty_and_current(empty_url: str, db_url: str) -> None:
    # db_url migrated the same database empty_url named; a fresh one is checked below.
    assert status(db_url) == (SchemaState.CURRENT, head_revision())


def test_status_empty_database(tmp_path: Path) -> None:
    assert status(f"sqlite:///{tmp_path / 'new.db'}")[0] == SchemaState.EMPTY


def test_status_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("this is a text file, not a database\n" * 100)
    state, detail = status(f"sqlite:///{junk}")
    assert state == SchemaState.UNREACHABLE
    assert "not a database" in detail
    assert junk.read_text().startswith("this is a text file")  # untouched


def test_status_unreachable_server() -> None:
    state, _ = status("postgresql+psycopg://nobody:x@127.0.0.1:1/none")
    assert state == SchemaState.UNREACHABLE


def test_status_foreign_and_newer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    with get_engine(url).begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    assert status(url)[0] == SchemaState.FOREIGN
    with get_engine(url).begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('9999_future')"))
    assert status(url) == (SchemaState.NEWER, "9999_future")


def test_status_outdated(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database at a known revision older than the code's head is OUTDATED."""
    import models.schema as schema

    current = head_revision()
    monkeypatch.setattr(schema, "head_revision", lambda: "9999_newer_code")
    assert status(db_url) == (SchemaState.OUTDATED, current)


def test_the_mentor_link_migration_goes_down_and_up_again(db_url: str) -> None:
    """Migration 0009_mentor_link creates the table; going down drops it and leaves the
    rest; going up again restores it with its rules."""
    engine = get_engine(db_url)
    command.downgrade(alembic_config(db_url), "0008_host_school")
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert "mentor_link" not in tables and {"teacher", "wish"} <= tables
    migrate(db_url)
    assert status(db_url) == (SchemaState.CURRENT, head_revision())
    with engine.connect() as conn:
        checks = {c["name"] for c in inspect(conn).get_check_constraints("mentor_link")}
    assert {"status_vocab", "subject_nonempty", "ended_year_nonneg"} <= checks
