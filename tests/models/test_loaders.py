"""Loaders return the docs/design.md frame contracts on both backends, cached until a write."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

import models
from models import loaders
from models.db import get_engine
from models.roles import Actor
from models.scenarios import rename_scenario, save_scenario, set_status
from models.writers import save_changes
from planning.contracts import CONTRACTS

_DTYPES = {"int": "int64", "float": "float64", "bool": "bool"}


@pytest.mark.parametrize(
    "name", ["schools", "teachers", "standards", "curriculum", "districts", "pay_policies"]
)
def test_frames_follow_the_contract(demo_url: str, name: str) -> None:
    frame = getattr(models.load(demo_url), name)
    contract = CONTRACTS[name]
    assert list(frame.columns) == list(contract)
    assert len(frame) > 0
    for col, column in contract.items():
        if column.nullable and column.kind == "int":  # a host school: ids or <NA>
            assert str(frame[col].dtype) == "Int64", col
        elif column.kind in _DTYPES:
            assert str(frame[col].dtype) == _DTYPES[column.kind], col
        else:
            assert pd.api.types.is_string_dtype(frame[col]), col


def test_standards_hold_both_named_sets(demo_url: str) -> None:
    frames = models.load(demo_url)
    assert set(frames.standards["name"]) == {"2001", "2014"}
    s2001 = frames.standard("2001").set_index(["level", "location"])["students_per_staff"]
    s2014 = frames.standard("2014").set_index(["level", "location"])["students_per_staff"]
    assert s2001["primary", "rural"] == 23.0
    assert s2014["primary", "rural"] == 19.0
    assert list(frames.standard("2001").columns) == list(CONTRACTS["standard"])
    with pytest.raises(ValueError, match="unknown staffing standard '1999'"):
        frames.standard("1999")


def test_cache_serves_until_a_write_commits(demo_url: str) -> None:
    loaders.invalidate()
    first = models.load(demo_url)
    again = models.load(demo_url)
    assert again.stamp == first.stamp
    assert again.schools is not first.schools  # a view, so callers cannot touch the cache
    again.schools.loc[0, "students_primary"] = -1
    assert models.load(demo_url).schools.loc[0, "students_primary"] != -1

    school = first.schools.iloc[0]
    save_changes(
        engine=get_engine(demo_url),
        table="school",
        updates=[{"id": int(school.school_id), "version": 1, "students_primary": 12345}],
        actor=Actor("test", "editor"),
    )
    fresh = models.load(demo_url)
    assert fresh.stamp > first.stamp
    assert fresh.schools.loc[0, "students_primary"] == 12345


def test_a_write_from_elsewhere_is_seen_without_invalidate(demo_url: str) -> None:
    """Another process's commit changes the audit stamp, so the cache refreshes."""
    first = models.load(demo_url)
    school = first.schools.iloc[1]
    engine = get_engine(demo_url)
    loaders_invalidate = loaders.invalidate
    try:
        loaders.invalidate = lambda: None  # as if the write happened in another process
        save_changes(
            engine=engine,
            table="school",
            updates=[{"id": int(school.school_id), "version": 1, "students_junior": 777}],
            actor=Actor("colleague", "editor"),
        )
    finally:
        loaders.invalidate = loaders_invalidate
    assert models.load(demo_url).schools.loc[1, "students_junior"] == 777


def test_a_scenario_save_reloads_no_frame(demo_url: str) -> None:
    """Scenarios feed no frame: saving, renaming and marking one keep every cached
    frame (the very objects) and the stamp results are keyed by."""
    engine = get_engine(demo_url)
    first = models.load(demo_url)
    cached = loaders._cache[str(engine.url)]
    actor = Actor("test", "editor")
    new_id = save_scenario(engine=engine, name="what if", params="{}", actor=actor)
    rename_scenario(engine=engine, scenario_id=new_id, version=1, name="what if 2", actor=actor)
    set_status(engine=engine, scenario_id=new_id, version=2, status="baseline", actor=actor)
    again = models.load(demo_url)
    assert again.stamp == first.stamp
    assert again.stamps == first.stamps
    assert loaders._cache[str(engine.url)] is cached


def test_an_edit_to_one_table_rereads_that_table_alone(demo_url: str) -> None:
    engine = get_engine(demo_url)
    first = models.load(demo_url)
    cached = loaders._cache[str(engine.url)]
    school = first.schools.iloc[2]
    save_changes(
        engine=engine,
        table="school",
        updates=[{"id": int(school.school_id), "version": 1, "students_senior": 4321}],
        actor=Actor("test", "editor"),
    )
    fresh = models.load(demo_url)
    reloaded = loaders._cache[str(engine.url)]
    assert fresh.stamp > first.stamp
    assert fresh.stamps["schools"] > first.stamps["schools"]
    assert fresh.schools.loc[2, "students_senior"] == 4321
    assert reloaded.schools is not cached.schools
    for name in ("teachers", "districts", "standards", "curriculum", "pay_policies"):
        assert fresh.stamps[name] == first.stamps[name], name
        assert getattr(reloaded, name) is getattr(cached, name), name


def test_a_seed_from_elsewhere_rereads_every_table(demo_url: str) -> None:
    """A seed writes every table and one audit row for all of them (table ``*``): a
    server that cached the frames before reads them all again."""
    first = models.load(demo_url)
    engine = get_engine(demo_url)
    with engine.begin() as conn:  # as the command line would, in another process
        conn.execute(text("UPDATE district SET name = 'X' || name"))
        conn.execute(text("UPDATE curriculum SET teacher_load = teacher_load + 1"))
        record_seed = (
            "INSERT INTO audit_log (at, actor, table_name, key, action) "
            "VALUES (CURRENT_TIMESTAMP, 'seed', '*', 'demo', 'seed')"
        )
        conn.execute(text(record_seed))
    again = models.load(demo_url)
    assert set(again.stamps) == set(first.stamps)
    assert all(again.stamps[k] > first.stamps[k] for k in first.stamps)
    assert again.districts["name"].str.startswith("X").all()
    assert (again.curriculum["teacher_load"] == first.curriculum["teacher_load"] + 1).all()
