"""What is written out by hand agrees with the column spec (planning/columns.py).

The SQLModel tables and the migrations are written out, not derived; these tests
keep them equal to the spec. The engines' contracts, the loaders' SQL, the import
and export headers and the CHECK constraints derive from it; the tests here check
what they produce (a database that refuses what the spec refuses, headers that
name one column each, factories and the seed that fill every column).
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, insert, inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables)
from models.aliases import canonical_header
from models.db import write_session
from models.exporter import TABLES as FILE_TABLES
from planning import vocab
from planning.columns import TABLES, Column, Table
from seed.cadres import CADRE_FRAMES
from seed.city import generate
from tests import factories

SPECS = list(TABLES.values())
_TYPES = {"int": int, "float": float, "bool": bool, "str": str}


def _table(spec: Table) -> sa.Table:
    return SQLModel.metadata.tables[spec.stored]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_table_has_exactly_the_spec_columns(spec: Table) -> None:
    table = _table(spec)
    assert set(table.c.keys()) == {c.column for c in spec.columns} | {"id", "version"}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_each_column_has_the_spec_type_default_and_reference(spec: Table) -> None:
    table = _table(spec)
    for column in spec.columns:
        stored = table.c[column.column]
        kind = stored.type
        kind = kind.impl_instance if isinstance(kind, sa.TypeDecorator) else kind
        assert kind.python_type is _TYPES[column.kind], column.name
        assert stored.nullable == column.nullable, column.name
        if column.kind == "str":
            assert stored.type.length == column.length, column.name  # type: ignore[attr-defined]
        if column.column != "id":
            default = stored.default.arg if stored.default is not None else None  # type: ignore[attr-defined]
            assert default == column.default, column.name
        targets = {fk.target_fullname for fk in stored.foreign_keys}
        assert targets == ({f"{TABLES[column.ref].stored}.id"} if column.ref else set()), column
    uniques = [
        {c.name for c in u.columns} for u in table.constraints if isinstance(u, sa.UniqueConstraint)
    ] + [{c.name} for c in table.c if c.unique]
    assert {table.c[spec[n].column].name for n in spec.unique} in uniques


def _bad_values(column: Column) -> list[Any]:
    """Values the spec refuses for ``column`` (empty when it refuses nothing)."""
    bad: list[Any] = []
    if column.vocab and column.closed:
        bad.append("not-a-code"[: column.length])
    if column.nonempty:
        bad.append("")
    if column.ge is not None:
        bad.append(column.ge - 1)
    if column.gt is not None:
        bad.append(column.gt)
    if column.le is not None:
        bad.append(column.le + 1)
    return bad


def _good_rows(engine: Engine) -> dict[str, dict[str, Any]]:
    """One valid row per table (the factories' values), with district and school 1."""
    school = factories.school()
    teacher = factories.teacher()
    cadre = factories.cadre()
    link = factories.mentor_link()
    rows = {
        "district": {"id": 1, "code": "320602", "name": "崇川区", "lat": 32.0, "lon": 120.9},
        "school": {"id": school.pop("school_id"), **school},
        "teacher": {"id": teacher.pop("teacher_id"), **teacher},
        "staffing_standard": {"name": "x", **factories.standard().iloc[0].to_dict()},
        "curriculum": dict(
            zip(TABLES["curriculum"].names, ("primary", "math", 4.0, 12.0), strict=True)
        ),
        "pay_policy": {"name": "x", "params": "{}"},
        "cadre": {"id": cadre.pop("cadre_id"), **cadre},
        "cadre_record": factories.cadre_record(),
        "cadre_reserve": factories.cadre_reserve(),
        "cadre_score": factories.cadre_score(),
        "wish": factories.wish(),
        "mentor_link": {"id": link.pop("link_id"), **link},
    }
    with write_session(engine) as s:
        s.execute(insert(_table(TABLES["districts"])), [rows["district"]])
        s.execute(insert(_table(TABLES["schools"])), [rows["school"]])
        # The cadre the entries refer to (id 1); the last step inserts another.
        s.execute(insert(_table(TABLES["cadres"])), [{**rows["cadre"], "cadre_no": "C0"}])
        # The teacher the wish refers to (id 1); the last step inserts another.
        s.execute(insert(_table(TABLES["teachers"])), [{**rows["teacher"], "staff_no": "T0"}])
    rows["cadre"]["id"] = 2
    rows["teacher"]["id"] = 2
    return rows


def test_the_database_refuses_what_the_spec_refuses(engine: Engine) -> None:
    """On the migrated database (both backends), every vocabulary, bound and non-empty
    rule of the spec holds, and a row the spec accepts goes in."""
    rows = _good_rows(engine)
    refused = []
    for spec in SPECS:
        table, row = _table(spec), rows[spec.stored]
        for column in spec.columns:
            for value in _bad_values(column):
                bad = {**row, "id": 99, column.column: value}
                for key in spec.unique:  # a fresh natural key, so only the bad value can fail
                    if spec[key].kind == "str" and key != column.name and not spec[key].vocab:
                        bad[spec[key].column] = "fresh"
                try:
                    with write_session(engine) as s:
                        s.execute(insert(table), [bad])
                except IntegrityError:
                    refused.append((spec.name, column.name, value))
                else:
                    pytest.fail(f"{spec.stored}.{column.column} took {value!r}")
    assert {("teachers", "gender", "n"), ("teachers", "post_grade", 14),
            ("curriculum", "teacher_load", 0)} <= set(refused)  # fmt: skip
    with write_session(engine) as s:
        for spec in SPECS[2:]:
            s.execute(insert(_table(spec)), [rows[spec.stored]])


def test_the_migrated_checks_are_the_models(engine: Engine) -> None:
    """The migrations create the CHECK constraints the models (the spec) generate."""
    inspector = inspect(engine)
    for spec in SPECS:
        model = {
            c.name: str(c.sqltext)
            for c in _table(spec).constraints
            if isinstance(c, sa.CheckConstraint)
        }
        stored = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(spec.stored)}
        assert set(stored) == set(model), spec.stored
        if engine.dialect.name == "sqlite":  # PostgreSQL rewrites the text
            assert stored == model, spec.stored


@pytest.mark.parametrize("table", FILE_TABLES)
def test_every_header_names_one_column(table: str) -> None:
    spec = next(s for s in SPECS if s.stored == table)
    seen: dict[str, str] = {}
    for column in spec.file_columns:
        assert column.zh, f"{column.name} has no Chinese header"
        for header in column.headers:
            assert canonical_header(table, header) == column.file_name, header
            assert seen.setdefault(header.lower(), column.name) == column.name, header


def test_every_vocabulary_a_column_names_exists() -> None:
    named = {c.vocab for s in SPECS for c in s.columns if c.vocab}
    assert named <= set(vocab.VOCABULARIES)


def test_factories_fill_every_column() -> None:
    for row, spec in ((factories.teacher(), TABLES["teachers"]),
                      (factories.school(), TABLES["schools"])):  # fmt: skip
        assert list(row) == spec.names
        assert [k for k, v in row.items() if v is None and not spec[k].nullable] == []
    assert list(factories.teachers().columns) == TABLES["teachers"].names
    assert list(factories.curriculum().columns) == TABLES["curriculum"].names
    for name, row in (("cadres", factories.cadre()), ("cadre_records", factories.cadre_record()),
                      ("cadre_reserves", factories.cadre_reserve()),
                      ("cadre_scores", factories.cadre_score()),
                      ("wishes", factories.wish()),
                      ("mentor_links", factories.mentor_link())):  # fmt: skip
        assert list(row) == TABLES[name].names, name
        assert [k for k, v in row.items() if v is None] == [], name


def test_the_seed_fills_every_column() -> None:
    city = generate("demo")
    for name in ("districts", "schools", "teachers", *CADRE_FRAMES, "wishes", "mentor_links"):
        assert set(getattr(city, name).columns) == set(TABLES[name].names), name
