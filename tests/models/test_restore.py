"""Restore cannot destroy data: every bad file is refused with the old data intact and
a clear message, on SQLite and PostgreSQL; a good one replaces the data in one step,
keeps the previous database, and gives the data a new stamp."""

from __future__ import annotations

import sqlite3
import tarfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

import models
from models import loaders
from models.backup import backup
from models.backup_archive import read_archive, write_archive
from models.db import get_engine
from models.roles import Actor
from models.writers import save_changes
from shizi_cli import main as cli
from tests.models.restore_helpers import drop_kept_databases, facts, pg_databases

ADMIN = Actor("管理员", "admin")


@pytest.fixture
def live(demo_url: str) -> Iterator[str]:
    """The demo city, with the dated copies a restore keeps dropped afterwards."""
    yield demo_url
    drop_kept_databases(demo_url)


def _good_backup(url: str, folder: Path) -> Path:
    return backup(folder / "good.shizi-backup", url, actor=ADMIN)


def _refused(url: str, source: Path, capsys: pytest.CaptureFixture[str], says: str) -> None:
    before = facts(url)
    assert cli(["restore", str(source), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert says in err, err
    assert "Nothing was changed" in err
    assert facts(url) == before
    assert before[0] == "current" and before[2] > 0
    if url.startswith("postgresql"):
        assert pg_databases(url, f"{url.rsplit('/', 1)[1]}\\_restoring%") == []


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from models.config import settings

    monkeypatch.setenv("SHIZI_LANG", "en")
    settings.cache_clear()
    yield
    settings.cache_clear()


def test_restore_replaces_the_data_and_keeps_the_previous(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_backup(live, tmp_path)
    assert not list(tmp_path.glob(".*partial*"))
    with get_engine(live).begin() as conn:  # a mistake after the backup
        conn.execute(text("DELETE FROM teacher"))
    assert cli(["restore", str(good), "--database-url", live]) == 0
    out = capsys.readouterr().out
    state, schools, teachers = facts(live)
    assert state == "current" and teachers > 0
    kept = out.strip().rsplit(" ", 1)[1]
    if live.startswith("sqlite"):
        with sqlite3.connect(kept) as old:
            assert old.execute("SELECT count(*) FROM teacher").fetchone()[0] == 0
            assert old.execute("SELECT count(*) FROM school").fetchone()[0] == schools
    else:
        assert pg_databases(live, kept) == [kept]


def test_refuses_a_missing_or_empty_file(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(live, tmp_path / "nope.backup", capsys, "does not exist")
    empty = tmp_path / "full-disk.backup"
    empty.write_bytes(b"")
    _refused(live, empty, capsys, "is empty (0 bytes)")


def test_refuses_an_unrelated_sqlite_file_and_a_bare_copy(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.close()
    _refused(live, other, capsys, "is not a Shizi backup")
    if live.startswith("sqlite"):  # a bare copy of the live file, as old backups were
        bare = tmp_path / "bare.db"
        with sqlite3.connect(live.removeprefix("sqlite:///")) as src, sqlite3.connect(bare) as dst:
            src.backup(dst)
        _refused(live, bare, capsys, "is not a Shizi backup")


def test_refuses_what_a_killed_copy_leaves(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_backup(live, tmp_path)
    partial = tmp_path / "killed.backup"
    partial.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    Path(f"{partial}-journal").write_bytes(b"\0" * 512)
    _refused(live, partial, capsys, "interrupted copy")
    Path(f"{partial}-journal").unlink()
    _refused(live, partial, capsys, "incomplete or damaged")


def test_refuses_a_truncated_archive(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_backup(live, tmp_path)
    data = good.read_bytes()
    with tarfile.open(good) as tar:
        member = tar.getmember("data")
    for cut in (len(data) // 2, member.offset_data + member.size - 100):
        short = tmp_path / f"short-{cut}.backup"
        short.write_bytes(data[:cut])
        _refused(live, short, capsys, "incomplete or damaged")


def test_refuses_an_altered_archive(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_backup(live, tmp_path)
    with tarfile.open(good) as tar:
        offset = tar.getmember("data").offset_data
    raw = bytearray(good.read_bytes())
    raw[offset + 200] ^= 0xFF
    altered = tmp_path / "altered.backup"
    altered.write_bytes(bytes(raw))
    _refused(live, altered, capsys, "does not match its manifest")


def test_refuses_half_a_dump_even_with_a_matching_manifest(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Half the data under a manifest rewritten to match it: the rebuilt copy fails
    (pg_restore in the fresh database, or SQLite's check) and the live data stays."""
    good = _good_backup(live, tmp_path)
    data = tmp_path / "data"
    manifest = read_archive(good, data)
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 2])
    half = write_archive(tmp_path / "half.backup", data, manifest)
    says = "pg_restore failed" if live.startswith("postgresql") else "integrity check"
    _refused(live, half, capsys, says)


def test_refuses_a_backup_of_the_other_backend(
    live: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_backup(live, tmp_path)
    data = tmp_path / "data"
    manifest = read_archive(good, data)
    other = "postgresql" if live.startswith("sqlite") else "sqlite"
    foreign = write_archive(tmp_path / "other.backup", data, replace(manifest, backend=other))
    _refused(live, foreign, capsys, f"is a {other} backup")


def test_a_restore_gives_the_data_a_new_stamp(
    live: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived server caches by stamp. After restoring an older backup, new edits
    reuse audit ids; the stamp must still differ, so the server reads afresh."""
    engine = get_engine(live)
    editor = Actor("w", "editor")
    school = models.load(live).schools.iloc[0]
    sid = int(school.school_id)
    good = _good_backup(live, tmp_path)
    save_changes(engine=engine, table="school", actor=editor,
                 updates=[{"id": sid, "version": 1, "students_primary": 111}])  # fmt: skip
    before = models.load(live)  # the server's cache now holds 111
    assert before.schools.set_index("school_id").at[sid, "students_primary"] == 111
    # the restore runs in another process: this process's cache is not told
    monkeypatch.setattr(loaders, "invalidate", lambda: None)
    assert cli(["restore", str(good), "--database-url", live]) == 0
    save_changes(engine=engine, table="school", actor=editor,
                 updates=[{"id": sid, "version": 1, "students_primary": 222}])  # fmt: skip
    after = models.load(live)
    assert after.stamp != before.stamp
    assert after.schools.set_index("school_id").at[sid, "students_primary"] == 222
