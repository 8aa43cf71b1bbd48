"""Backups on both backends: taken while someone writes, restored in a drill."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

import models
from models.db import get_engine
from models.roles import Actor
from models.writers import save_changes
from shizi_cli import main as cli
from tests.models.restore_helpers import drop_kept_databases


def test_backup_while_writing_then_restore_drill(demo_url: str, tmp_path: Path) -> None:
    engine = get_engine(demo_url)
    frames = models.load(demo_url)
    ids = frames.schools["school_id"].head(40).tolist()
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in ids:
                if stop.is_set():
                    return
                row = {"id": i, "version": 1, "students_primary": 1}
                save_changes(
                    engine=engine, table="school", updates=[row], actor=Actor("w", "editor")
                )
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    out = tmp_path / ("backup.db" if demo_url.startswith("sqlite") else "backup.dump")
    assert cli(["backup", str(out), "--database-url", demo_url]) == 0
    stop.set()
    thread.join()
    assert not errors
    assert out.stat().st_size > 0

    with engine.begin() as conn:  # a mistake after the backup
        conn.execute(text("DELETE FROM teacher"))
    assert cli(["restore", str(out), "--database-url", demo_url]) == 0
    restored = models.load(demo_url)
    assert len(restored.teachers) == len(frames.teachers)
    assert len(restored.schools) == len(frames.schools)
    drop_kept_databases(demo_url)


def test_restore_refuses_a_missing_or_damaged_file(demo_url: str, tmp_path: Path) -> None:
    assert cli(["restore", str(tmp_path / "nope.db"), "--database-url", demo_url]) == 1
    if demo_url.startswith("sqlite"):
        junk = tmp_path / "junk.db"
        junk.write_bytes(b"not a database at all" * 100)
        assert cli(["restore", str(junk), "--database-url", demo_url]) == 1
        assert len(models.load(demo_url).teachers) > 0
