"""Writers enforce the role themselves: a viewer changes nothing, whatever the page shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, text

import models
from models.backup import backup, restore
from models.db import get_engine
from models.decisions import DecisionText, approve
from models.importer import apply
from models.roles import Actor, PermissionDenied
from models.scenarios import (
    copy_scenario,
    delete_scenario,
    rename_scenario,
    save_scenario,
    set_status,
)
from models.writers import revert, save_changes

VIEWER = Actor("访客", "viewer")
EDITOR = Actor("王芳", "editor")

Write = Callable[[Engine, str, Path, Actor], object]


def _school_row(url: str) -> dict[str, int]:
    return {"id": int(models.load(url).schools["school_id"].iloc[0]), "version": 1}


WRITERS: dict[str, tuple[str, Write]] = {
    "save_changes": ("editor", lambda e, u, _p, a: save_changes(
        engine=e, table="school", updates=[{**_school_row(u), "students_primary": 1}], actor=a)),
    "revert": ("editor", lambda e, _u, _p, a: revert(engine=e, audit_id=1, actor=a)),
    "import": ("editor", lambda e, _u, _p, a: apply(
        engine=e, table="teacher", rows=pd.DataFrame(), actor=a)),
    "save_scenario": ("editor", lambda e, _u, _p, a: save_scenario(
        engine=e, name="x", params="{}", actor=a)),
    "rename_scenario": ("editor", lambda e, _u, _p, a: rename_scenario(
        engine=e, scenario_id=1, version=1, name="y", actor=a)),
    "copy_scenario": ("editor", lambda e, _u, _p, a: copy_scenario(
        engine=e, scenario_id=1, name="y", actor=a)),
    "delete_scenario": ("editor", lambda e, _u, _p, a: delete_scenario(
        engine=e, scenario_id=1, version=1, actor=a)),
    "set_status": ("editor", lambda e, _u, _p, a: set_status(
        engine=e, scenario_id=1, version=1, status="baseline", actor=a)),
    "approve": ("editor", lambda e, _u, _p, a: approve(
        engine=e, scenario_id=1, version=1, actor=a,
        decision=DecisionText("执行", "局长办公会", "张局长", date(2026, 1, 5)))),
    "backup": ("admin", lambda _e, u, p, a: backup(p / "city.backup", u, actor=a)),
    "restore": ("admin", lambda _e, u, p, a: restore(p / "city.backup", u, actor=a)),
}  # fmt: skip


def _facts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one(),
            conn.execute(text("SELECT count(*) FROM scenario")).scalar_one(),
            conn.execute(text("SELECT sum(version) FROM school")).scalar_one(),
        )


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_viewer_is_refused_by_every_writer(demo_url: str, tmp_path: Path, writer: str) -> None:
    engine = get_engine(demo_url)
    before = _facts(engine)
    role, call = WRITERS[writer]
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(PermissionDenied, match=f"needs the {role} role"):
        call(engine, demo_url, folder, VIEWER)
    assert _facts(engine) == before
    assert list(folder.iterdir()) == []  # a refused backup writes no file


@pytest.mark.parametrize("writer", ["backup", "restore"])
def test_an_editor_may_not_back_up_or_restore(demo_url: str, tmp_path: Path, writer: str) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(PermissionDenied, match="needs the admin role"):
        WRITERS[writer][1](get_engine(demo_url), demo_url, folder, EDITOR)
    assert list(folder.iterdir()) == []


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="role must be one of viewer, editor, admin"):
        Actor("x", "superuser")
