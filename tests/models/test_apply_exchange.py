"""Applying an approved plan as 支教 (exchange, the home school kept), and the host
school's row checks, on both backends."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import text

import models
from models.db import get_engine
from models.writers import InvalidRows, PlanRefused, apply_moves, revert, save_changes
from tests.models.test_apply_plan import EDITOR, _approved, _audit, _moves, _touch


def _state(url: str) -> dict[int, tuple[int, int, str, int | None]]:
    """Each teacher's school, year joined, status and host school."""
    teachers = models.load(url).teachers.set_index("teacher_id")
    return {
        int(i): (int(r.school_id), int(r.school_since), str(r.status),
                 None if pd.isna(r.host_school_id) else int(r.host_school_id))
        for i, r in teachers.iterrows()
    }  # fmt: skip


def test_an_exchange_keeps_the_home_school_and_records_the_host(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    before, audit = _state(demo_url), _audit(demo_url)
    apply_id = apply_moves(
        engine=engine, scenario_id=sid, moves=moves, actor=EDITOR, form="exchange"
    )
    after = _state(demo_url)
    for m in moves:
        school, since, _, _ = before[m["teacher_id"]]
        assert after[m["teacher_id"]] == (school, since, "exchange_out", m["to_school"])
    moved = {m["teacher_id"] for m in moves}
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.items() if k not in moved
    }
    assert sorted(_audit(demo_url)[len(audit) :]) == sorted(
        [("teacher", str(i), "update") for i in moved] + [("scenario", str(sid), "apply")]
    )
    with engine.connect() as conn:
        entry = json.loads(conn.execute(
            text("SELECT after FROM audit_log WHERE id = :i"), {"i": apply_id}
        ).scalar_one())  # fmt: skip
    assert entry["form"] == "exchange" and entry["moved"] == len(moves)
    revert(engine=engine, audit_id=apply_id, actor=EDITOR)
    assert _state(demo_url) == before


def test_a_transfer_records_no_host(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    before = _state(demo_url)
    apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR, form="transfer")
    after = _state(demo_url)
    for m in moves:
        _, _, status, host = before[m["teacher_id"]]
        assert after[m["teacher_id"]] == (m["to_school"], 2027, status, host)


def test_an_exchange_is_refused_like_a_transfer_when_the_data_changed(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    moves = _moves(data.teachers, data.schools)
    _touch(demo_url, "teacher", moves[0]["teacher_id"], weekly_periods=2)
    before = _state(demo_url)
    with pytest.raises(PlanRefused) as err:
        apply_moves(engine=engine, scenario_id=sid, moves=moves, actor=EDITOR, form="exchange")
    assert err.value.key == "apply.stale_moved" and _state(demo_url) == before


def test_an_unknown_form_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    sid = _approved(engine)
    with pytest.raises(ValueError, match="form must be one of transfer, exchange"):
        apply_moves(engine=engine, scenario_id=sid, moves=_moves(data.teachers, data.schools),
                    actor=EDITOR, form="走教")  # fmt: skip


def _teacher(url: str, status: str) -> tuple[int, int, int]:
    """A teacher with ``status``: id, version, school."""
    with get_engine(url).connect() as conn:
        row = conn.execute(
            text("SELECT id, version, school_id FROM teacher WHERE status = :s ORDER BY id"),
            {"s": status},
        ).first()
    assert row is not None
    return int(row.id), int(row.version), int(row.school_id)


def test_the_database_refuses_a_host_the_rules_refuse(demo_url: str) -> None:
    """A host only for a teacher on exchange, never their own school, an existing school."""
    engine = get_engine(demo_url)
    schools = models.load(demo_url).schools["school_id"].tolist()
    active, version, home = _teacher(demo_url, "active")
    other = next(s for s in schools if s != home)
    away, away_version, away_home = _teacher(demo_url, "exchange_out")
    bad = [
        {"id": active, "version": version, "host_school_id": other},
        {"id": away, "version": away_version, "host_school_id": away_home},
        {"id": away, "version": away_version, "host_school_id": max(schools) + 100},
    ]
    before = _state(demo_url)
    for row in bad:
        with pytest.raises(InvalidRows):
            save_changes(engine=engine, table="teacher", actor=EDITOR, updates=[row])
    assert _state(demo_url) == before
    host = next(s for s in schools if s != away_home)
    row = {"id": away, "version": away_version, "host_school_id": host}
    save_changes(engine=engine, table="teacher", actor=EDITOR, updates=[row])
    assert _state(demo_url)[away][3] == host
